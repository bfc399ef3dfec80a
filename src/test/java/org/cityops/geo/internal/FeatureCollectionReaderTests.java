package org.cityops.geo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cityops.geo.TestGeoJson.box;
import static org.cityops.geo.TestGeoJson.collection;
import static org.cityops.geo.TestGeoJson.feature;
import static org.cityops.geo.TestGeoJson.geometry;
import static org.cityops.geo.TestGeoJson.tree;

import java.util.List;
import java.util.Map;

import org.cityops.platform.ProblemException.FieldError;
import org.junit.jupiter.api.Test;

class FeatureCollectionReaderTests {

    private static final String COMMUNITY = "310101001001";

    private static FeatureCollectionReader.Result readGrid(Map<String, Object> geometry) {
        return FeatureCollectionReader.read(tree(collection(
                feature("community", COMMUNITY, "社区", "310101001", box(121.0, 31.0, 121.01, 31.01)),
                feature("grid", "31010100100101", "网格", COMMUNITY, geometry))));
    }

    private static void assertOneError(FeatureCollectionReader.Result result, String field, String why) {
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.message()).startsWith("31010100100101: ").contains(why);
        });
        assertThat(result.features()).extracting(ImportFeature::code).containsExactly(COMMUNITY);
    }

    @Test
    void aWellFormedCollectionYieldsEveryFeature() {
        FeatureCollectionReader.Result result = readGrid(box(121.0, 31.0, 121.001, 31.001));
        assertThat(result.errors()).isEmpty();
        assertThat(result.features()).extracting(ImportFeature::kind).containsExactly(FeatureKind.COMMUNITY, FeatureKind.GRID);
        assertThat(result.features().get(1).index()).isEqualTo(1);
    }

    @Test
    void aSelfIntersectingPolygonIsRefusedWithWhere() {
        Map<String, Object> bowtie = geometry("Polygon", List.of(List.of(List.of(121.0, 31.0), List.of(121.001, 31.001),
                List.of(121.001, 31.0), List.of(121.0, 31.001), List.of(121.0, 31.0))));
        assertOneError(readGrid(bowtie), "features[1].geometry", "Self-intersection");
    }

    @Test
    void anUnclosedRingIsRefused() {
        Map<String, Object> open = geometry("Polygon", List.of(List.of(List.of(121.0, 31.0), List.of(121.001, 31.0),
                List.of(121.001, 31.001), List.of(121.0, 31.001))));
        assertOneError(readGrid(open), "features[1].geometry", "not closed");
    }

    @Test
    void aRingOfFewerThanFourPositionsIsRefused() {
        Map<String, Object> triangle = geometry("Polygon", List.of(List.of(List.of(121.0, 31.0), List.of(121.001, 31.0),
                List.of(121.0, 31.0))));
        assertOneError(readGrid(triangle), "features[1].geometry", "at least 4");
    }

    @Test
    void aGeometryOtherThanPolygonOrMultiPolygonIsRefused() {
        assertOneError(readGrid(geometry("Point", List.of(121.0, 31.0))), "features[1].geometry", "wrong geometry type Point");
    }

    @Test
    void coordinatesOutsideWgs84AreRefused() {
        assertOneError(readGrid(box(181.0, 31.0, 181.001, 31.001)), "features[1].geometry", "outside the WGS 84 range");
        assertOneError(readGrid(box(121.0, 90.5, 121.001, 91.0)), "features[1].geometry", "outside the WGS 84 range");
    }

    @Test
    void aPositionThatIsNotAPairOfNumbersIsRefused() {
        Map<String, Object> text = geometry("Polygon", List.of(List.of(List.of("121", 31.0), List.of(121.001, 31.0),
                List.of(121.001, 31.001), List.of("121", 31.0))));
        assertOneError(readGrid(text), "features[1].geometry", "not a [longitude, latitude] pair");
    }

    @Test
    void aGridWithoutGeometryIsRefused() {
        assertOneError(readGrid(null), "features[1].geometry", "Polygon or MultiPolygon is required");
    }

    @Test
    void anInvalidPartOfAMultiPolygonIsNamed() {
        Map<String, Object> multi = geometry("MultiPolygon", List.of(
                ((List<?>) box(121.0, 31.0, 121.001, 31.001).get("coordinates")),
                List.of(List.of(List.of(121.002, 31.0), List.of(121.003, 31.0), List.of(121.003, 31.001), List.of(121.002, 31.001)))));
        assertOneError(readGrid(multi), "features[1].geometry", "polygon 1, ring 0 is not closed");
    }

    @Test
    void anUnknownKindAMalformedCodeAndAMissingNameAreEachNamed() {
        FeatureCollectionReader.Result result = FeatureCollectionReader.read(tree(collection(
                feature("village", "310101001001", "村", "310101001", box(121.0, 31.0, 121.01, 31.01)),
                feature("street", "31010101", "街道", "310101", box(121.0, 31.0, 121.01, 31.01)),
                feature("district", "310101", " ", "310100", box(121.0, 31.0, 121.01, 31.01)),
                feature("city", "310100", "市", "310000", box(121.0, 31.0, 121.01, 31.01)),
                feature("street", "310101001", "街道", null, box(121.0, 31.0, 121.01, 31.01)))));
        assertThat(result.features()).isEmpty();
        assertThat(result.errors()).extracting(FieldError::field).containsExactly(
                "features[0].properties.kind", "features[1].properties.code", "features[2].properties.name",
                "features[3].properties.parent", "features[4].properties.parent");
        assertThat(result.errors().get(1).message()).contains("31010101", "district code + 3 digits");
    }

    @Test
    void aDocumentThatIsNotAFeatureCollectionIsRefused() {
        assertThat(FeatureCollectionReader.read(tree(Map.of("type", "Feature"))).errors())
                .extracting(FieldError::field).containsExactly("type");
        assertThat(FeatureCollectionReader.read(tree(Map.of("type", "FeatureCollection", "features", "none"))).errors())
                .extracting(FieldError::field).containsExactly("features");
    }

    @Test
    void aDutyGridMayHaveNoGeometryAndListsItsGrids() {
        FeatureCollectionReader.Result result = FeatureCollectionReader.read(tree(collection(
                feature("duty_grid", "310101001D01", "责任网格", "310101001", null,
                        Map.of("grids", List.of("31010100100101"), "inspector", "zhang")))));
        assertThat(result.errors()).isEmpty();
        assertThat(result.features()).singleElement().satisfies(f -> {
            assertThat(f.geometry()).isNull();
            assertThat(f.grids()).containsExactly("31010100100101");
            assertThat(f.inspector()).isEqualTo("zhang");
        });
    }
}
