package org.cityops.screen.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.cityops.geo.GridLocation;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.junit.jupiter.api.Test;

class LiveScopeTest {

    static final GridLocation GRID = new GridLocation("33010200100101", "330102001001", "330102001", "330102", "330100");

    @Test
    void regionRolesSeeEventsAnywhereInsideTheirDivision() {
        LiveScope s = LiveScope.of(GRID, 7L);
        assertThat(s.visibleTo(new Actor("g", Role.GRID_INSPECTOR, "33010200100101", null))).isTrue();
        assertThat(s.visibleTo(new Actor("s", Role.STREET_OPERATOR, "330102001", null))).isTrue();
        assertThat(s.visibleTo(new Actor("d", Role.DISTRICT_DISPATCHER, "330102", null))).isTrue();
        assertThat(s.visibleTo(new Actor("o", Role.DISTRICT_DISPATCHER, "330103", null))).isFalse();
    }

    @Test
    void departmentHandlersSeeTheirDepartmentsEventsOnly() {
        LiveScope s = LiveScope.of(GRID, 7L, null);
        assertThat(s.visibleTo(new Actor("h", Role.DEPARTMENT_HANDLER, null, 7L))).isTrue();
        assertThat(s.visibleTo(new Actor("h", Role.DEPARTMENT_HANDLER, null, 8L))).isFalse();
    }

    @Test
    void anEventWithoutPlaceOrDepartmentIsForCityWideRolesOnly() {
        LiveScope s = LiveScope.of(null);
        assertThat(s.visibleTo(new Actor("a", Role.ADMIN, null, null))).isTrue();
        assertThat(s.visibleTo(new Actor("c", Role.CITY_DISPATCHER, null, null))).isTrue();
        assertThat(s.visibleTo(new Actor("c", Role.CITY_DISPATCHER, "330100", null))).isFalse();
        assertThat(s.visibleTo(new Actor("d", Role.DISTRICT_DISPATCHER, "330102", null))).isFalse();
    }
}
