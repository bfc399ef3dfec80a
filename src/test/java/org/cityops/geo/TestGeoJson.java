package org.cityops.geo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Builds GeoJSON documents of the city model for tests, as maps ready to be sent or read. */
public final class TestGeoJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestGeoJson() {
    }

    /** Returns a rectangular Polygon geometry from its south-west and north-east corners. */
    public static Map<String, Object> box(double west, double south, double east, double north) {
        return Map.of("type", "Polygon", "coordinates", List.of(List.of(
                List.of(west, south), List.of(east, south), List.of(east, north), List.of(west, north),
                List.of(west, south))));
    }

    /** Returns a geometry of the type with the coordinates, whatever they are. */
    public static Map<String, Object> geometry(String type, Object coordinates) {
        return Map.of("type", type, "coordinates", coordinates);
    }

    /** Returns a feature of the kind; {@code parent} and {@code geometry} may be null. */
    public static Map<String, Object> feature(String kind, String code, String name, String parent,
                                              Map<String, Object> geometry) {
        return feature(kind, code, name, parent, geometry, Map.of());
    }

    /** Returns a feature of the kind with extra properties (grids, inspector, active). */
    public static Map<String, Object> feature(String kind, String code, String name, String parent,
                                              Map<String, Object> geometry, Map<String, Object> extra) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("kind", kind);
        properties.put("code", code);
        properties.put("name", name);
        if (parent != null) {
            properties.put("parent", parent);
        }
        properties.putAll(extra);
        Map<String, Object> feature = new LinkedHashMap<>();
        feature.put("type", "Feature");
        feature.put("geometry", geometry);
        feature.put("properties", properties);
        return feature;
    }

    /** Returns a FeatureCollection of the features. */
    @SafeVarargs
    public static Map<String, Object> collection(Map<String, Object>... features) {
        return Map.of("type", "FeatureCollection", "features", new ArrayList<>(List.of(features)));
    }

    /** Returns the document as a JSON tree. */
    public static JsonNode tree(Object document) {
        return JSON.valueToTree(document);
    }
}
