package org.cityops.geo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cityops.platform.ProblemException.FieldError;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

class ImportRulesTests {

    private static final Geometry BOX = GeoJsonGeometry.FACTORY.toGeometry(new org.locationtech.jts.geom.Envelope(121, 121.01, 31, 31.01));

    private static ImportFeature f(int index, FeatureKind kind, String code, String parent, String... grids) {
        return new ImportFeature(index, kind, code, "名称", parent, kind == FeatureKind.DUTY_GRID ? null : BOX,
                List.of(grids), null, true);
    }

    private static List<FieldError> check(Map<String, FeatureKind> stored, ImportFeature... features) {
        return ImportRules.check(List.of(features), code -> Optional.ofNullable(stored.get(code)));
    }

    @Test
    void parentsMayComeFromTheSameFileOrFromStorage() {
        assertThat(check(Map.of(),
                f(0, FeatureKind.CITY, "310100", null),
                f(1, FeatureKind.DISTRICT, "310101", "310100"),
                f(2, FeatureKind.STREET, "310101001", "310101"))).isEmpty();
        assertThat(check(Map.of("310101001", FeatureKind.STREET),
                f(0, FeatureKind.COMMUNITY, "310101001001", "310101001"))).isEmpty();
    }

    @Test
    void anUnknownParentIsNamedWithTheFeature() {
        assertThat(check(Map.of(), f(3, FeatureKind.COMMUNITY, "310101001001", "310101001")))
                .singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("features[3].properties.parent");
                    assertThat(e.message()).startsWith("310101001001: ").contains("unknown parent '310101001'");
                });
    }

    @Test
    void aCodeTwiceInTheFileIsRefusedAtEachOccurrence() {
        assertThat(check(Map.of("310101001", FeatureKind.STREET),
                f(0, FeatureKind.COMMUNITY, "310101001001", "310101001"),
                f(1, FeatureKind.COMMUNITY, "310101001001", "310101001")))
                .extracting(FieldError::field)
                .containsExactly("features[0].properties.code", "features[1].properties.code");
    }

    @Test
    void aCodeNotExtendingItsParentIsRefused() {
        assertThat(check(Map.of("310101001", FeatureKind.STREET), f(0, FeatureKind.COMMUNITY, "310101002001", "310101001")))
                .singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("features[0].properties.code");
                    assertThat(e.message()).contains("does not start with its parent's prefix '310101001'");
                });
    }

    @Test
    void aParentOfTheWrongLevelIsRefused() {
        assertThat(check(Map.of("310101", FeatureKind.DISTRICT), f(0, FeatureKind.GRID, "31010100100101", "310101")))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("is a district; a grid belongs to a community"));
    }

    @Test
    void aDutyGridListsOnlyKnownUnitGridsOfItsStreet() {
        Map<String, FeatureKind> stored = Map.of("310101001", FeatureKind.STREET, "31010100100101", FeatureKind.GRID,
                "31010100200101", FeatureKind.GRID);
        assertThat(check(stored, f(0, FeatureKind.DUTY_GRID, "310101001D01", "310101001", "31010100100101"))).isEmpty();
        assertThat(check(stored, f(0, FeatureKind.DUTY_GRID, "310101001D01", "310101001", "31010100100199", "31010100200101")))
                .extracting(FieldError::message)
                .containsExactly("310101001D01: unknown unit grid '31010100100199'",
                        "310101001D01: unit grid '31010100200101' lies outside the duty grid's street 310101001");
    }
}
