package org.cityops.geo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DivisionCodesTests {

    @Test
    void eachLevelExtendsTheCodeOfItsParent() {
        assertThat(DivisionCodes.formatProblem(FeatureKind.CITY, "310100")).isEmpty();
        assertThat(DivisionCodes.formatProblem(FeatureKind.DISTRICT, "310101")).isEmpty();
        assertThat(DivisionCodes.formatProblem(FeatureKind.STREET, "310101001")).isEmpty();
        assertThat(DivisionCodes.formatProblem(FeatureKind.COMMUNITY, "310101001001")).isEmpty();
        assertThat(DivisionCodes.formatProblem(FeatureKind.GRID, "31010100100101")).isEmpty();
        assertThat(DivisionCodes.formatProblem(FeatureKind.DUTY_GRID, "310101001D01")).isEmpty();
    }

    @Test
    void codesOfTheWrongShapeAreRefusedWithTheExpectedShape() {
        assertThat(DivisionCodes.formatProblem(FeatureKind.CITY, "310101")).hasValueSatisfying(p -> assertThat(p).contains("ending in 00"));
        assertThat(DivisionCodes.formatProblem(FeatureKind.DISTRICT, "310100")).isPresent();
        assertThat(DivisionCodes.formatProblem(FeatureKind.STREET, "3101010001")).isPresent();
        assertThat(DivisionCodes.formatProblem(FeatureKind.COMMUNITY, "31010100100A")).isPresent();
        assertThat(DivisionCodes.formatProblem(FeatureKind.GRID, "3101010010011")).isPresent();
        assertThat(DivisionCodes.formatProblem(FeatureKind.DUTY_GRID, "31010100101")).isPresent();
    }

    @Test
    void aDistrictSharesTheFirstFourDigitsOfItsCity() {
        assertThat(DivisionCodes.prefixProblem("310101", "310100")).isEmpty();
        assertThat(DivisionCodes.prefixProblem("320101", "310100")).hasValueSatisfying(p -> assertThat(p).contains("'3101'"));
    }

    @Test
    void aCommunityMustStartWithItsStreetCode() {
        assertThat(DivisionCodes.prefixProblem("310101001001", "310101001")).isEmpty();
        assertThat(DivisionCodes.prefixProblem("310101002001", "310101001")).isPresent();
    }

    @Test
    void theSubtreeOfACityIsItsFirstFourDigitsAndOfOthersTheirWholeCode() {
        assertThat(DivisionCodes.subtreePrefix("310100")).isEqualTo("3101");
        assertThat(DivisionCodes.subtreePrefix("310101")).isEqualTo("310101");
        assertThat(DivisionCodes.subtreePrefix("310101001")).isEqualTo("310101001");
    }
}
