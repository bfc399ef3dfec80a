package org.cityops.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.catalog.CategoryKind;
import org.cityops.geo.GridLocation;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class MatrixApiTests {

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired Routing routing;

    /** A fresh place for each test, so entries of other tests and earlier runs never match it. */
    record Place(String city, String district, String street, String community, String grid) {

        static Place fresh() {
            String district = "8" + ThreadLocalRandom.current().nextInt(10_000, 100_000);
            String street = district + ThreadLocalRandom.current().nextInt(100, 1000);
            String community = street + ThreadLocalRandom.current().nextInt(100, 1000);
            return new Place(district.substring(0, 4) + "00", district, street, community, community + "01");
        }

        String query() {
            return "&grid=" + grid + "&community=" + community + "&street=" + street + "&district=" + district
                    + "&city=" + city;
        }

        GridLocation location() {
            return new GridLocation(grid, community, street, district, city);
        }
    }

    Api admin() {
        return Api.on(port, issuer).as(new Actor("admin", Role.ADMIN, null, null));
    }

    Api dispatcher() {
        return Api.on(port, issuer).as(new Actor("dispatcher", Role.CITY_DISPATCHER, null, null));
    }

    long department(String regionCode) {
        var r = admin().post("/api/v1/departments", Map.of("code", "m-" + UUID.randomUUID().toString().substring(0, 8),
                "name", "市政养护", "level", "DISTRICT", "regionCode", regionCode));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    Map<String, Object> entry(String category, String region, long department, String basis) {
        return Map.of("categoryCode", category, "regionCode", region, "departmentId", department, "basis", basis);
    }

    long add(Map<String, Object> entry) {
        var r = admin().post("/api/v1/matrix", entry);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    static List<String> errorFields(Api.Response r) {
        return r.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
    }

    @Test
    void theRouteExplanationNamesTheDepartmentAndTheEntry() {
        Place p = Place.fresh();
        long street = department(p.district());
        long district = department(p.district());
        add(entry("E0101", p.district(), district, "LOCALITY"));
        long chosen = add(entry("E0101", p.street(), street, "LOCALITY"));

        var r = dispatcher().get("/api/v1/matrix/route?subclass=E0101" + p.query());

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("routed").asBoolean()).isTrue();
        assertThat(r.json().get("kind").asString()).isEqualTo("EVENT");
        assertThat(r.json().get("departmentId").asLong()).isEqualTo(street);
        assertThat(r.json().get("reason").asString()).contains("locality first").contains("matrix entry " + chosen)
                .contains("street " + p.street());
    }

    @Test
    void componentsGoToTheirOwnerFirstThroughTheRoutingBean() {
        Place p = Place.fresh();
        long locality = department(p.district());
        long owner = department(p.district());
        add(entry("C0101", p.community(), locality, "LOCALITY"));
        add(entry("C01", p.district(), owner, "OWNER"));

        var decision = routing.route("C0101", CategoryKind.COMPONENT, p.location(), null).orElseThrow();

        assertThat(decision.departmentId()).isEqualTo(owner);
        assertThat(decision.reason()).contains("owner first").contains("main class C01");
    }

    @Test
    void anUnmatchedCaseIsExplainedAsGoingToTheManualQueue() {
        Place p = Place.fresh();

        var r = dispatcher().get("/api/v1/matrix/route?subclass=E0199" + p.query());

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("routed").asBoolean()).isFalse();
        assertThat(r.json().get("reason").asString()).contains("manual queue");
        assertThat(routing.route("E0199", CategoryKind.EVENT, p.location(), null)).isEmpty();
    }

    @Test
    void aMalformedSubclassInARouteQuestionIsNamed() {
        var r = dispatcher().get("/api/v1/matrix/route?subclass=garbage&district=310101");

        assertThat(r.status()).isEqualTo(400);
        assertThat(errorFields(r)).containsExactly("subclass");
    }

    @Test
    void aDeactivatedEntryNoLongerRoutes() {
        Place p = Place.fresh();
        long dept = department(p.district());
        long id = add(entry("E0201", p.street(), dept, "LOCALITY"));
        assertThat(routing.route("E0201", CategoryKind.EVENT, p.location(), null)).isPresent();

        var r = admin().post("/api/v1/matrix/" + id + "/deactivate", Map.of());

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("active").asBoolean()).isFalse();
        assertThat(routing.route("E0201", CategoryKind.EVENT, p.location(), null)).isEmpty();
        assertThat(admin().get("/api/v1/matrix/" + id).status()).isEqualTo(200);
    }

    @Test
    void entriesOfADeactivatedDepartmentNoLongerRoute() {
        Place p = Place.fresh();
        long dept = department(p.district());
        add(entry("E0301", p.district(), dept, "LOCALITY"));
        assertThat(routing.route("E0301", CategoryKind.EVENT, p.location(), null)).isPresent();

        admin().post("/api/v1/departments/" + dept + "/deactivate", Map.of());

        assertThat(routing.route("E0301", CategoryKind.EVENT, p.location(), null)).isEmpty();
    }

    @Test
    void aSecondActiveEntryForTheSameCategoryRegionAndBasisIsAConflict() {
        Place p = Place.fresh();
        long first = department(p.district());
        long second = department(p.district());
        add(entry("E0401", p.street(), first, "LOCALITY"));

        var r = admin().post("/api/v1/matrix", entry("E0401", p.street(), second, "LOCALITY"));

        assertThat(r.status()).as(r.toString()).isEqualTo(409);
        assertThat(errorFields(r)).containsExactly("categoryCode");
        assertThat(admin().get("/api/v1/matrix?region=" + p.street()).json().size()).isEqualTo(1);
    }

    @Test
    void anInvalidEntryNamesEveryFailingField() {
        var r = admin().post("/api/v1/matrix", Map.of("categoryCode", "X9", "regionCode", "12", "departmentId", -1));

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(errorFields(r)).containsExactlyInAnyOrder("categoryCode", "regionCode", "departmentId", "basis");
    }

    @Test
    void aDispatcherCannotChangeTheMatrix() {
        Place p = Place.fresh();
        long dept = department(p.district());

        var one = dispatcher().post("/api/v1/matrix", entry("E0101", p.street(), dept, "LOCALITY"));
        var many = dispatcher().post("/api/v1/matrix/import",
                Map.of("entries", List.of(entry("E0101", p.street(), dept, "LOCALITY"))));

        assertThat(one.status()).isEqualTo(403);
        assertThat(many.status()).isEqualTo(403);
        assertThat(admin().get("/api/v1/matrix?region=" + p.street()).json().size()).isZero();
    }

    @Test
    void anImportWithBadRowsIsRejectedWholeAndNamesEachBadRow() {
        Place p = Place.fresh();
        long dept = department(p.district());
        var r = admin().post("/api/v1/matrix/import", Map.of("entries", List.of(
                entry("E0101", p.street(), dept, "LOCALITY"),
                entry("E01x1", p.street(), dept, "LOCALITY"),
                entry("E0102", p.street(), 987_654_321L, "OWNER"),
                entry("E0101", p.street(), dept, "LOCALITY"))));

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().get("detail").asString()).contains("nothing was imported");
        assertThat(errorFields(r)).containsExactlyInAnyOrder("entries[1].categoryCode", "entries[2].departmentId",
                "entries[3].categoryCode");
        assertThat(admin().get("/api/v1/matrix?region=" + p.street()).json().size()).isZero();
        assertThat(routing.route("E0101", CategoryKind.EVENT, p.location(), null)).isEmpty();
    }

    @Test
    void aGoodImportAddsEveryEntryAndRoutingUsesThem() {
        Place p = Place.fresh();
        long owner = department(p.district());
        long locality = department(p.district());

        var r = admin().post("/api/v1/matrix/import", Map.of("entries", List.of(
                entry("C0201", p.district(), owner, "OWNER"),
                entry("C02", p.grid(), locality, "LOCALITY"))));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().get("imported").asInt()).isEqualTo(2);
        assertThat(admin().get("/api/v1/matrix?departmentId=" + owner + "&region=" + p.district()).json().size())
                .isEqualTo(1);
        assertThat(routing.route("C0201", CategoryKind.COMPONENT, p.location(), null).orElseThrow().departmentId())
                .isEqualTo(owner);
        assertThat(routing.route("C0202", CategoryKind.COMPONENT, p.location(), null).orElseThrow().departmentId())
                .isEqualTo(locality);
    }

    @Test
    void anEmptyImportIsABadRequest() {
        var r = admin().post("/api/v1/matrix/import", Map.of("entries", List.of()));

        assertThat(r.status()).isEqualTo(400);
        assertThat(errorFields(r)).containsExactly("entries");
    }
}
