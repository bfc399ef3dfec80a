package org.cityops.org.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.cityops.geo.DivisionLevel;
import org.cityops.org.Department;
import org.cityops.platform.ProblemException.FieldError;
import org.cityops.platform.Role;
import org.junit.jupiter.api.Test;

class OrgRulesTest {

    /** A small city model and catalog: city 310000, district 310101, street 310101001, one grid, C01/C0101/E01. */
    record Known(Map<String, DivisionLevel> divisions, Set<String> grids, Set<String> categories)
            implements ReferenceData {

        @Override
        public Optional<DivisionLevel> activeDivision(String code) {
            return Optional.ofNullable(divisions.get(code));
        }

        @Override
        public boolean activeGrid(String code) {
            return grids.contains(code);
        }

        @Override
        public boolean activeCategory(String code) {
            return categories.contains(code);
        }
    }

    static final Known KNOWN = new Known(Map.of("310000", DivisionLevel.CITY, "310101", DivisionLevel.DISTRICT,
            "310101001", DivisionLevel.STREET, "310101001001", DivisionLevel.COMMUNITY),
            Set.of("31010100100101"), Set.of("C01", "C0101", "E01"));

    static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void aValidDepartmentHasNoErrors() {
        assertThat(OrgRules.checkDepartment("D-1", "城管局", Department.Level.DISTRICT, "310101", KNOWN)).isEmpty();
        assertThat(OrgRules.checkDepartment("S-1", "街道办", Department.Level.STREET, "310101001", KNOWN)).isEmpty();
    }

    @Test
    void everyMissingDepartmentFieldIsNamed() {
        assertThat(fields(OrgRules.checkDepartment(" ", "", null, "31", KNOWN)))
                .containsExactlyInAnyOrder("code", "name", "level", "regionCode");
    }

    @Test
    void aStreetDepartmentNeedsAStreetCode() {
        List<FieldError> errors = OrgRules.checkDepartment("S-2", "街道办", Department.Level.STREET, "310101", KNOWN);

        assertThat(fields(errors)).containsExactly("regionCode");
        assertThat(errors.get(0).message()).contains("9-digit");
    }

    @Test
    void aDistrictDispatcherNeedsARegionCode() {
        assertThat(fields(OrgRules.checkUserScope(Role.DISTRICT_DISPATCHER, null, null, id -> true, KNOWN)))
                .containsExactly("regionCode");
        assertThat(OrgRules.checkUserScope(Role.DISTRICT_DISPATCHER, "310101", null, id -> true, KNOWN)).isEmpty();
    }

    @Test
    void cityWideRolesNeedNoRegionCode() {
        for (Role role : List.of(Role.ADMIN, Role.CITY_DISPATCHER, Role.LEADER)) {
            assertThat(OrgRules.checkUserScope(role, null, null, id -> true, KNOWN)).as(role.name()).isEmpty();
        }
    }

    @Test
    void streetOperatorsAndGridInspectorsNeedARegionCode() {
        for (Role role : List.of(Role.STREET_OPERATOR, Role.GRID_INSPECTOR)) {
            assertThat(fields(OrgRules.checkUserScope(role, null, null, id -> true, KNOWN))).as(role.name())
                    .containsExactly("regionCode");
        }
    }

    @Test
    void aDepartmentHandlerNeedsAnActiveDepartment() {
        assertThat(fields(OrgRules.checkUserScope(Role.DEPARTMENT_HANDLER, null, null, id -> true, KNOWN)))
                .containsExactly("departmentId");
        List<FieldError> inactive = OrgRules.checkUserScope(Role.DEPARTMENT_HANDLER, null, 7L, id -> id != 7L, KNOWN);
        assertThat(fields(inactive)).containsExactly("departmentId");
        assertThat(inactive.get(0).message()).contains("no active department 7");
        assertThat(OrgRules.checkUserScope(Role.DEPARTMENT_HANDLER, null, 8L, id -> id == 8L, KNOWN)).isEmpty();
    }

    @Test
    void onlyDepartmentHandlersBelongToADepartment() {
        assertThat(fields(OrgRules.checkUserScope(Role.GRID_INSPECTOR, "310101001", 8L, id -> true, KNOWN)))
                .containsExactly("departmentId");
    }

    @Test
    void aMalformedRegionCodeIsNamed() {
        assertThat(fields(OrgRules.checkUserScope(Role.LEADER, "31010", null, id -> true, KNOWN)))
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
        List<FieldError> errors = OrgRules.checkMatrixEntry("entries[3].", "X01", "abc", 5L, null, id -> false, KNOWN);

        assertThat(fields(errors)).containsExactlyInAnyOrder("entries[3].categoryCode", "entries[3].regionCode",
                "entries[3].departmentId", "entries[3].basis");
    }

    @Test
    void matrixEntriesAcceptSubclassesMainClassesDivisionsAndGrids() {
        assertThat(OrgRules.checkMatrixEntry("", "C0101", "31010100100101", 5L, Basis.OWNER, id -> true, KNOWN)).isEmpty();
        assertThat(OrgRules.checkMatrixEntry("", "E01", "310000", 5L, Basis.LOCALITY, id -> true, KNOWN)).isEmpty();
    }

    @Test
    void aDepartmentInAnUnknownRegionIsNamed() {
        List<FieldError> errors = OrgRules.checkDepartment("D-2", "城管局", Department.Level.DISTRICT, "310199", KNOWN);

        assertThat(fields(errors)).containsExactly("regionCode");
        assertThat(errors.get(0).message()).contains("no active division 310199");
    }

    @Test
    void aDepartmentsRegionMustBeADivisionOfItsOwnLevel() {
        List<FieldError> cityAsDistrict = OrgRules.checkDepartment("D-3", "城管局", Department.Level.DISTRICT,
                "310000", KNOWN);
        List<FieldError> districtAsCity = OrgRules.checkDepartment("C-1", "市城管局", Department.Level.CITY,
                "310101", KNOWN);

        assertThat(fields(cityAsDistrict)).containsExactly("regionCode");
        assertThat(cityAsDistrict.get(0).message()).contains("must be a district").contains("310000 is a city");
        assertThat(fields(districtAsCity)).containsExactly("regionCode");
        assertThat(districtAsCity.get(0).message()).contains("must be a city").contains("310101 is a district");
        assertThat(OrgRules.checkDepartment("C-2", "市城管局", Department.Level.CITY, "310000", KNOWN)).isEmpty();
    }

    @Test
    void aMalformedRegionIsNotLookedUp() {
        Counting counting = new Counting();

        List<FieldError> errors = OrgRules.checkDepartment("S-3", "街道办", Department.Level.STREET, "31", counting);

        assertThat(fields(errors)).containsExactly("regionCode");
        assertThat(counting.asked).hasValue(0);
    }

    @Test
    void aUserInAnUnknownRegionIsNamed() {
        List<FieldError> errors = OrgRules.checkUserScope(Role.STREET_OPERATOR, "310101999", null, id -> true, KNOWN);

        assertThat(fields(errors)).containsExactly("regionCode");
        assertThat(errors.get(0).message()).contains("no active division 310101999");
    }

    @Test
    void aMatrixEntryForAnUnknownCategoryOrRegionNamesBoth() {
        List<FieldError> errors = OrgRules.checkMatrixEntry("entries[0].", "E0199", "310102", 5L, Basis.LOCALITY,
                id -> true, KNOWN);

        assertThat(fields(errors)).containsExactlyInAnyOrder("entries[0].categoryCode", "entries[0].regionCode");
        assertThat(errors).extracting(FieldError::message)
                .anySatisfy(m -> assertThat(m).contains("no active subclass E0199"))
                .anySatisfy(m -> assertThat(m).contains("no active division 310102"));
    }

    @Test
    void aMatrixEntryForAnUnknownMainClassOrGridIsNamed() {
        List<FieldError> errors = OrgRules.checkMatrixEntry("", "C09", "31010100100199", 5L, Basis.OWNER,
                id -> true, KNOWN);

        assertThat(errors).extracting(FieldError::message).containsExactlyInAnyOrder(
                "no active main class C09 in the category catalog",
                "no active unit grid 31010100100199 in the city model");
    }

    @Test
    void aRememberingViewAsksOncePerCode() {
        Counting counting = new Counting();
        ReferenceData remembering = counting.remembering();

        remembering.activeDivision("310101");
        remembering.activeDivision("310101");
        remembering.activeDivision("310102");

        assertThat(counting.asked).hasValue(2);
        assertThat(remembering.activeDivision("310101")).contains(DivisionLevel.DISTRICT);
    }

    /** Counts the division look-ups made of {@link #KNOWN}. */
    static final class Counting implements ReferenceData {

        final AtomicInteger asked = new AtomicInteger();

        @Override
        public Optional<DivisionLevel> activeDivision(String code) {
            asked.incrementAndGet();
            return KNOWN.activeDivision(code);
        }

        @Override
        public boolean activeGrid(String code) {
            return KNOWN.activeGrid(code);
        }

        @Override
        public boolean activeCategory(String code) {
            return KNOWN.activeCategory(code);
        }
    }
}
