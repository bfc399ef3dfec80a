package org.cityops.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/insight/busiest-grids}: the unit grids with the most open cases, in the caller's scope. */
@IntegrationTest
class BusiestGridsApiTests {

    static final String CITY = "930100";
    static final String DISTRICT = "930101";
    static final String OTHER_DISTRICT = "930102";
    static final String GRID_1 = "93010100100101";
    static final String GRID_2 = "93010100100102";

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;

    Api as(Actor actor) {
        return Api.on(port, issuer).as(actor);
    }

    Api admin() {
        return as(new Actor("admin", Role.ADMIN, null, null));
    }

    @BeforeEach
    void city() {
        List<Map<String, Object>> f = new ArrayList<>();
        f.add(feature("city", CITY, "高发测试市", null, 105.00, 105.04));
        f.add(feature("district", DISTRICT, "东区", CITY, 105.00, 105.02));
        f.add(feature("street", DISTRICT + "001", "东一街道", DISTRICT, 105.00, 105.02));
        f.add(feature("community", DISTRICT + "001001", "东一社区", DISTRICT + "001", 105.00, 105.02));
        f.add(feature("grid", GRID_1, "东一社区一号网格", DISTRICT + "001001", 105.00, 105.01));
        f.add(feature("grid", GRID_2, "东一社区二号网格", DISTRICT + "001001", 105.01, 105.02));
        f.add(feature("district", OTHER_DISTRICT, "西区", CITY, 105.02, 105.04));
        Api.Response r = admin().post("/api/v1/geo/import", Map.of("type", "FeatureCollection", "features", f));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    void report(double lon) {
        Api.Response r = as(new Actor("dispatcher-busiest", Role.CITY_DISPATCHER, null, null)).post("/api/v1/cases",
                Map.of("sourceType", "HOTLINE", "longitude", lon, "latitude", 30.01, "description", "占道堆物"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    static Map<String, JsonNode> byCode(JsonNode list) {
        Map<String, JsonNode> out = new HashMap<>();
        list.forEach(g -> out.put(g.get("code").asString(), g));
        return out;
    }

    static long open(Map<String, JsonNode> grids, String code) {
        return grids.containsKey(code) ? grids.get(code).get("open").asLong() : 0;
    }

    @Test
    void theGridWithMostOpenCasesComesFirstWithItsNameAndCommunity() {
        Map<String, JsonNode> before = byCode(admin().get("/api/v1/insight/busiest-grids?region=" + DISTRICT).json());
        report(105.003);
        report(105.005);
        report(105.007);
        report(105.015);
        JsonNode after = admin().get("/api/v1/insight/busiest-grids?region=" + DISTRICT).json();
        Map<String, JsonNode> grids = byCode(after);
        assertThat(open(grids, GRID_1) - open(before, GRID_1)).isEqualTo(3);
        assertThat(open(grids, GRID_2) - open(before, GRID_2)).isEqualTo(1);
        assertThat(after.get(0).get("code").asString()).isEqualTo(GRID_1);
        assertThat(after.get(0).get("name").asString()).isEqualTo("东一社区一号网格");
        assertThat(after.get(0).get("communityName").asString()).isEqualTo("东一社区");
        assertThat(after.get(0).get("reported").asLong()).isGreaterThanOrEqualTo(3);

        JsonNode one = admin().get("/api/v1/insight/busiest-grids?limit=1&region=" + CITY).json();
        assertThat(one).hasSize(1);
        assertThat(one.get(0).get("code").asString()).isEqualTo(GRID_1);
        assertThat(admin().get("/api/v1/insight/busiest-grids?region=" + OTHER_DISTRICT).json()).isEmpty();
    }

    @Test
    void badLimitsAndRegionsAreRefusedNamingTheFieldAndOtherDistrictsAreForbidden() {
        for (String limit : List.of("0", "101")) {
            Api.Response r = admin().get("/api/v1/insight/busiest-grids?limit=" + limit);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("limit");
        }
        Api.Response unknown = admin().get("/api/v1/insight/busiest-grids?region=939999");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("region");
        Api.Response other = as(new Actor("district-busiest", Role.DISTRICT_DISPATCHER, OTHER_DISTRICT, null))
                .get("/api/v1/insight/busiest-grids?region=" + DISTRICT);
        assertThat(other.status()).isEqualTo(403);
    }

    private static Map<String, Object> feature(String kind, String code, String name, String parent, double west,
                                               double east) {
        Map<String, Object> properties = new HashMap<>(Map.of("kind", kind, "code", code, "name", name));
        if (parent != null) {
            properties.put("parent", parent);
        }
        List<List<Double>> ring = List.of(List.of(west, 30.0), List.of(east, 30.0), List.of(east, 30.02),
                List.of(west, 30.02), List.of(west, 30.0));
        return Map.of("type", "Feature", "properties", properties,
                "geometry", Map.of("type", "Polygon", "coordinates", List.of(ring)));
    }
}
