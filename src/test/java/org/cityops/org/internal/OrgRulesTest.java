package org.cityops.org.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.cityops.org.Department;
import org.cityops.platform.ProblemException.FieldError;
import org.cityops.platform.Role;
import org.junit.jupiter.api.Test;

class OrgRulesTest {

    static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void aValidDepartmentHasNoErrors() {
        assertThat(OrgRules.checkDepartment("D-1", "城管局", Department.Level.DISTRICT, "310101")).isEmpty();
        assertThat(OrgRules.checkDepartment("S-1", "街道办", Department.Level.STREET, "310101001")).isEmpty();
    }

    @Test
    void everyMissingDepartmentFieldIsNamed() {
        assertThat(fields(OrgRules.checkDepartment(" ", "", null, "31")))
                .containsExactlyInAnyOrder("code", "name", "level", "regionCode");
    }

    @Test
    void aStreetDepartmentNeedsAStreetCode() {
        List<FieldError> errors = OrgRules.checkDepartment("S-2", "街道办", Department.Level.STREET, "310101");

        assertThat(fields(errors)).containsExactly("regionCode");
        assertThat(errors.get(0).message()).contains("9-digit");
    }

    @Test
    void aDistrictDispatcherNeedsARegionCode() {
        assertThat(fields(OrgRules.checkUserScope(Role.DISTRICT_DISPATCHER, null, null, id -> true)))
                .containsExactly("regionCode");
        assertThat(OrgRules.checkUserScope(Role.DISTRICT_DISPATCHER, "310101", null, id -> true)).isEmpty();
    }

    @Test
    void cityWideRolesNeedNoRegionCode() {
        for (Role role : List.of(Role.ADMIN, Role.CITY_DISPATCHER, Role.LEADER)) {
            assertThat(OrgRules.checkUserScope(role, null, null, id -> true)).as(role.name()).isEmpty();
        }
    }

    @Test
    void streetOperatorsAndGridInspectorsNeedARegionCode() {
        for (Role role : List.of(Role.STREET_OPERATOR, Role.GRID_INSPECTOR)) {
            assertThat(fields(OrgRules.checkUserScope(role, null, null, id -> true))).as(role.name())
                    .containsExactly("regionCode");
        }
    }

    @Test
    void aDepartmentHandlerNeedsAnActiveDepartment() {
        assertThat(fields(OrgRules.checkUserScope(Role.DEPARTMENT_HANDLER, null, null, id -> true)))
                .containsExactly("departmentId");
        List<FieldError> inactive = OrgRules.checkUserScope(Role.DEPARTMENT_HANDLER, null, 7L, id -> id != 7L);
        assertThat(fields(inactive)).containsExactly("departmentId");
        assertThat(inactive.get(0).message()).contains("no active department 7");
        assertThat(OrgRules.checkUserScope(Role.DEPARTMENT_HANDLER, null, 8L, id -> id == 8L)).isEmpty();
    }

    @Test
    void onlyDepartmentHandlersBelongToADepartment() {
        assertThat(fields(OrgRules.checkUserScope(Role.GRID_INSPECTOR, "310101001", 8L, id -> true)))
                .containsExactly("departmentId");
    }

    @Test
    void aMalformedRegionCodeIsNamed() {
        assertThat(fields(OrgRules.checkUserScope(Role.LEADER, "31010", null, id -> true)))
                .containsExactly("regionCode");
    }

    @Test
    void aNewUserNeedsAUsableUsernameAndPassword() {
        assertThat(fields(OrgRules.checkUserIdentity("x", " ", "short", true)))
                .containsExactlyInAnyOrder("username", "displayName", "password");
        assertThat(OrgRules.checkUserIdentity("zhang.san", "张三", "long-enough", true)).isEmpty();
    }

    @Test
    void matrixEntryErrorsCarryTheRowPrefix() {
        List<FieldError> errors = OrgRules.checkMatrixEntry("entries[3].", "X01", "abc", 5L, null, id -> false);

        assertThat(fields(errors)).containsExactlyInAnyOrder("entries[3].categoryCode", "entries[3].regionCode",
                "entries[3].departmentId", "entries[3].basis");
    }

    @Test
    void matrixEntriesAcceptSubclassesMainClassesDivisionsAndGrids() {
        assertThat(OrgRules.checkMatrixEntry("", "C0101", "31010100100101", 5L, Basis.OWNER, id -> true)).isEmpty();
        assertThat(OrgRules.checkMatrixEntry("", "E01", "310000", 5L, Basis.LOCALITY, id -> true)).isEmpty();
    }
}
