package org.cityops.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.cityops.Api;
import org.cityops.geo.GridLocation;

/**
 * A fresh branch of a test city for one org test: city, district, street, community and unit
 * grid with 96xxxx codes (no other module's tests use them), so entries and users of other tests
 * and earlier runs on the same database never match it. {@link #importedBy} puts it into the city
 * model through the geo import, since the org module refuses codes the city model lacks.
 *
 * <p>Every feature shares one small square near 115°E 25°N, away from the other tests' cities, so
 * point lookups of other tests never land in it.
 */
record TestPlace(String city, String district, String street, String community, String grid) {

    /** Returns a place with random codes under one of the org test cities 961000…969900. */
    static TestPlace fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String city = "96" + random.nextInt(10, 100) + "00";
        String district = city.substring(0, 4) + random.nextInt(10, 100);
        String street = district + random.nextInt(100, 1000);
        String community = street + random.nextInt(100, 1000);
        return new TestPlace(city, district, street, community, community + "01");
    }

    /** Returns this place after the administrator imported it into the city model. */
    TestPlace importedBy(Api admin) {
        List<Map<String, Object>> features = new ArrayList<>();
        features.add(feature("city", city, "组织测试市", null, true));
        features.add(feature("district", district, "组织测试区", city, true));
        features.add(feature("street", street, "组织测试街道", district, true));
        features.add(feature("community", community, "组织测试社区", street, true));
        features.add(feature("grid", grid, "组织测试网格", community, true));
        var r = admin.post("/api/v1/geo/import", Map.of("type", "FeatureCollection", "features", features));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return this;
    }

    /** Returns this place after the administrator deactivated its street in the city model. */
    TestPlace streetDeactivatedBy(Api admin) {
        Map<String, Object> street = feature("street", this.street, "组织测试街道", district, false);
        var r = admin.post("/api/v1/geo/import", Map.of("type", "FeatureCollection", "features", List.of(street)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return this;
    }

    /** Returns the route question's query parameters for this place. */
    String query() {
        return "&grid=" + grid + "&community=" + community + "&street=" + street + "&district=" + district
                + "&city=" + city;
    }

    /** Returns where a case in this place's grid lies. */
    GridLocation location() {
        return new GridLocation(grid, community, street, district, city);
    }

    private static Map<String, Object> feature(String kind, String code, String name, String parent, boolean active) {
        Map<String, Object> properties = new HashMap<>(Map.of("kind", kind, "code", code, "name", name,
                "active", active));
        if (parent != null) {
            properties.put("parent", parent);
        }
        List<List<Double>> ring = List.of(List.of(115.0, 25.0), List.of(115.01, 25.0), List.of(115.01, 25.01),
                List.of(115.0, 25.01), List.of(115.0, 25.0));
        return Map.of("type", "Feature", "properties", properties,
                "geometry", Map.of("type", "Polygon", "coordinates", List.of(ring)));
    }
}
