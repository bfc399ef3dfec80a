package org.cityops.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cityops.geo.TestGeoJson.box;
import static org.cityops.geo.TestGeoJson.collection;
import static org.cityops.geo.TestGeoJson.feature;
import static org.cityops.geo.TestGeoJson.geometry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;

import tools.jackson.databind.JsonNode;

@IntegrationTest
class GeoApiTests {

    /** Streets of the fixture city under which each rejection test adds its own new codes. */
    private static final String STREET = "990101001";

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired GridLookup gridLookup;
    @Autowired Divisions divisions;

    Api admin() {
        return Api.on(port, issuer).as(new Actor("admin", Role.ADMIN, null, null));
    }

    Api as(Role role) {
        String region = role.mayBeCityWide() || role.departmentScoped() ? null : STREET;
        return Api.on(port, issuer).as(new Actor("someone", role, region, role.departmentScoped() ? 1L : null));
    }

    static String fixture() throws IOException {
        return new ClassPathResource("geo/test-city.geojson").getContentAsString(StandardCharsets.UTF_8);
    }

    @BeforeEach
    void importTheFixtureCity() throws IOException {
        Api.Response r = admin().send("POST", "/api/v1/geo/import", "application/geo+json", fixture());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    @Test
    void importingTheFixtureCountsEachKindAndUpdatesOnReimport() throws IOException {
        JsonNode body = admin().send("POST", "/api/v1/geo/import", "application/json", fixture()).json();
        assertThat(body.get("counts").get("city").asInt()).isEqualTo(1);
        assertThat(body.get("counts").get("district").asInt()).isEqualTo(2);
        assertThat(body.get("counts").get("grid").asInt()).isEqualTo(4);
        assertThat(body.get("counts").get("duty_grid").asInt()).isEqualTo(1);
        assertThat(body.get("created").asInt()).isZero();
        assertThat(body.get("updated").asInt()).isEqualTo(11);
    }

    @Test
    void lookupFindsTheGridAndEveryDivisionWithNames() {
        Api.Response r = as(Role.GRID_INSPECTOR).get("/api/v1/geo/lookup?lon=100.0005&lat=30.0005");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("grid").get("code").asString()).isEqualTo("99010100100101");
        assertThat(body.get("grid").get("name").asString()).isEqualTo("长安社区第01网格");
        assertThat(body.get("community").get("code").asString()).isEqualTo("990101001001");
        assertThat(body.get("street").get("code").asString()).isEqualTo("990101001");
        assertThat(body.get("district").get("name").asString()).isEqualTo("东城区");
        assertThat(body.get("city").get("code").asString()).isEqualTo("990100");
        assertThat(gridLookup.locate(100.0125, 30.0005)).map(GridLocation::gridCode).contains("99010100100201");
    }

    @Test
    void aPointOutsideEveryGridOrInAHoleIsNotFound() {
        for (String point : List.of("lon=100.03&lat=30.015", "lon=100.0025&lat=30.0005")) {
            Api.Response r = as(Role.GRID_INSPECTOR).get("/api/v1/geo/lookup?" + point);
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.json().get("detail").asString()).contains("outside every unit grid");
        }
    }

    @Test
    void aMissingOrOutOfRangeCoordinateIsNamed() {
        Api.Response missing = admin().get("/api/v1/geo/lookup?lon=100.0");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").get(0).get("field").asString()).isEqualTo("lat");
        Api.Response outOfRange = admin().get("/api/v1/geo/lookup?lon=190&lat=30");
        assertThat(outOfRange.status()).isEqualTo(400);
        assertThat(outOfRange.json().get("errors")).hasSize(1);
        assertThat(outOfRange.json().get("errors").get(0).get("field").asString()).isEqualTo("lon");
        Api.Response notANumber = admin().get("/api/v1/geo/lookup?lon=east&lat=30");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.json().get("errors").get(0).get("field").asString()).isEqualTo("lon");
    }

    @Test
    void aDivisionIsReadWithItsBoundaryAndChildren() {
        JsonNode street = as(Role.LEADER).get("/api/v1/divisions/990101001").json();
        assertThat(street.get("level").asString()).isEqualTo("STREET");
        assertThat(street.get("parentCode").asString()).isEqualTo("990101");
        assertThat(street.get("boundary").get("type").asString()).isEqualTo("Polygon");
        assertThat(street.get("children").findValuesAsString("code")).containsExactly("990101001001", "990101001002");
        JsonNode community = as(Role.LEADER).get("/api/v1/divisions/990101001001").json();
        assertThat(community.get("children").findValuesAsString("code"))
                .containsExactly("99010100100101", "99010100100102", "99010100100103");
        assertThat(as(Role.LEADER).get("/api/v1/divisions/990199").status()).isEqualTo(404);
        assertThat(divisions.pathToRoot("990101001001")).extracting(Division::code)
                .containsExactly("990101001001", "990101001", "990101", "990100");
    }

    @Test
    void divisionsAreListedByParentAndLevel() {
        JsonNode page = admin().get("/api/v1/divisions?parent=990100&level=DISTRICT").json();
        assertThat(page.get("total").asInt()).isEqualTo(2);
        assertThat(page.get("items").findValuesAsString("code")).containsExactly("990101", "990102");
        assertThat(admin().get("/api/v1/divisions?level=TOWN").json().get("errors").get(0).get("field").asString())
                .isEqualTo("level");
        Api.Response farPage = admin().get("/api/v1/divisions?parent=990100&page=2147483647");
        assertThat(farPage.status()).as(farPage.toString()).isEqualTo(200);
        assertThat(farPage.json().get("items")).isEmpty();
        assertThat(admin().get("/api/v1/divisions?size=100000").json().get("errors").get(0).get("field").asString())
                .isEqualTo("size");
    }

    @Test
    void gridsAreListedByCommunityAndReadWithTheirDutyGrids() {
        JsonNode page = admin().get("/api/v1/grids?community=990101001001&size=2").json();
        assertThat(page.get("total").asInt()).isEqualTo(3);
        assertThat(page.get("items").findValuesAsString("code")).containsExactly("99010100100101", "99010100100102");
        JsonNode grid = admin().get("/api/v1/grids/99010100100101").json();
        assertThat(grid.get("areaM2").asDouble()).isBetween(10_000.0, 11_500.0);
        assertThat(grid.get("dutyGrids").get(0).asString()).isEqualTo("990101001D01");
        JsonNode hole = admin().get("/api/v1/grids/99010100100103").json();
        assertThat(hole.get("boundary").get("coordinates")).hasSize(2);
        assertThat(admin().get("/api/v1/grids/99010100199999").status()).isEqualTo(404);
    }

    @Test
    void dutyGridsListTheirInspectorAndUnitGrids() {
        JsonNode page = admin().get("/api/v1/duty-grids?street=990101001").json();
        JsonNode duty = page.get("items").get(0);
        assertThat(duty.get("code").asString()).isEqualTo("990101001D01");
        assertThat(duty.get("inspector").asString()).isEqualTo("inspector-zhang");
        assertThat(duty.get("grids").valueStream().map(JsonNode::asString).toList())
                .containsExactly("99010100100101", "99010100100102");
    }

    @Test
    void theGridsOfADivisionAreExportedAsAFeatureCollection() {
        Api.Response r = as(Role.CITY_DISPATCHER).get("/api/v1/geo/features?parent=990100&kind=grid");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/geo+json");
        JsonNode body = r.json();
        assertThat(body.get("type").asString()).isEqualTo("FeatureCollection");
        assertThat(body.get("features").findValuesAsString("code")).contains("99010100100101", "99010100100201");
        assertThat(body.get("features").get(0).get("geometry").get("type").asString()).isIn("Polygon", "MultiPolygon");
        JsonNode communities = admin().get("/api/v1/geo/features?parent=990101001&kind=community").json();
        assertThat(communities.get("features").findValuesAsString("code")).containsExactly("990101001001", "990101001002");
        assertThat(admin().get("/api/v1/geo/features?kind=grid").json().get("errors").get(0).get("field").asString())
                .isEqualTo("parent");
        assertThat(admin().get("/api/v1/geo/features?parent=990100&kind=tree").json().get("errors").get(0).get("field").asString())
                .isEqualTo("kind");
    }

    @Test
    void onlyAnAdministratorImports() {
        Map<String, Object> file = collection(feature("community", "990101001091", "新社区", STREET,
                box(100.00, 30.00, 100.001, 30.001)));
        for (Role role : List.of(Role.CITY_DISPATCHER, Role.LEADER, Role.GRID_INSPECTOR)) {
            assertThat(as(role).post("/api/v1/geo/import", file).status()).isEqualTo(403);
        }
        assertThat(admin().get("/api/v1/divisions/990101001091").status()).isEqualTo(404);
        assertThat(Api.on(port, issuer).post("/api/v1/geo/import", file).status()).isEqualTo(401);
    }

    @Test
    void reimportingACodeUpdatesItAndDeactivatingAGridTakesItOutOfTheLookup() {
        Map<String, Object> grid = feature("grid", "99010100100270", "临时网格", "990101001002", box(100.015, 30.005, 100.016, 30.006));
        assertThat(admin().post("/api/v1/geo/import", collection(grid)).status()).isEqualTo(200);
        assertThat(admin().get("/api/v1/geo/lookup?lon=100.0155&lat=30.0055").json().get("grid").get("code").asString())
                .isEqualTo("99010100100270");
        Map<String, Object> renamedAndInactive = feature("grid", "99010100100270", "已撤销网格", "990101001002",
                box(100.015, 30.005, 100.016, 30.006), Map.of("active", false));
        JsonNode result = admin().post("/api/v1/geo/import", collection(renamedAndInactive)).json();
        assertThat(result.get("updated").asInt()).isEqualTo(1);
        JsonNode stored = admin().get("/api/v1/grids/99010100100270").json();
        assertThat(stored.get("name").asString()).isEqualTo("已撤销网格");
        assertThat(stored.get("active").asBoolean()).isFalse();
        assertThat(admin().get("/api/v1/geo/lookup?lon=100.0155&lat=30.0055").status()).isEqualTo(404);
    }

    static Stream<Arguments> rejectedFiles() {
        Map<String, Object> bowtie = geometry("Polygon", List.of(List.of(List.of(100.0, 30.0), List.of(100.001, 30.001),
                List.of(100.001, 30.0), List.of(100.0, 30.001), List.of(100.0, 30.0))));
        Map<String, Object> unclosed = geometry("Polygon", List.of(List.of(List.of(100.0, 30.0), List.of(100.001, 30.0),
                List.of(100.001, 30.001), List.of(100.0, 30.001))));
        return Stream.of(
                Arguments.of("self-intersection", "990101001081", feature("grid", "99010100108101", "网格", "990101001081", bowtie),
                        "features[1].geometry", "Self-intersection"),
                Arguments.of("unclosed ring", "990101001082", feature("grid", "99010100108201", "网格", "990101001082", unclosed),
                        "features[1].geometry", "not closed"),
                Arguments.of("wrong geometry type", "990101001083", feature("grid", "99010100108301", "网格", "990101001083",
                        geometry("LineString", List.of(List.of(100.0, 30.0), List.of(100.001, 30.001)))),
                        "features[1].geometry", "wrong geometry type LineString"),
                Arguments.of("out of WGS 84 range", "990101001084", feature("grid", "99010100108401", "网格", "990101001084",
                        box(100.0, 95.0, 100.001, 95.001)), "features[1].geometry", "outside the WGS 84 range"),
                Arguments.of("unknown parent", "990101001085", feature("grid", "99010100108601", "网格", "990101001086",
                        box(100.0, 30.0, 100.001, 30.001)), "features[1].properties.parent", "unknown parent '990101001086'"),
                Arguments.of("duplicate code", "990101001087", feature("community", "990101001087", "重复社区", STREET,
                        box(100.0, 30.0, 100.001, 30.001)), "features[1].properties.code", "more than once"),
                Arguments.of("code outside the parent's prefix", "990101001088", feature("grid", "99010100109901", "网格",
                        "990101001088", box(100.0, 30.0, 100.001, 30.001)), "features[1].properties.code",
                        "does not start with its parent's prefix '990101001088'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedFiles")
    void aRejectedFileNamesTheFailingFeatureAndImportsNothing(String why, String newCommunity, Map<String, Object> bad,
                                                              String field, String message) {
        Map<String, Object> file = collection(
                feature("community", newCommunity, "新社区", STREET, box(100.0, 30.0, 100.001, 30.001)), bad);
        Api.Response r = admin().post("/api/v1/geo/import", file);
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        JsonNode errors = r.json().get("errors");
        assertThat(errors.valueStream().anyMatch(e -> e.get("field").asString().equals(field)
                && e.get("message").asString().contains(message)
                && e.get("message").asString().startsWith(((Map<?, ?>) bad.get("properties")).get("code") + ": ")))
                .as(errors.toString()).isTrue();
        assertThat(r.json().get("detail").asString()).contains("nothing was imported");
        assertThat(admin().get("/api/v1/divisions/" + newCommunity).status()).isEqualTo(404);
    }

    @Test
    void aBodyThatIsNotAFeatureCollectionIsRefused() {
        Api.Response r = admin().send("POST", "/api/v1/geo/import", "application/geo+json", "{\"type\":\"Point\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("type");
        assertThat(admin().send("POST", "/api/v1/geo/import", "application/json", "{not json").status()).isEqualTo(400);
    }
}
