package org.cityops.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.catalog.CategoryKind;
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

    Api admin() {
        return Api.on(port, issuer).as(new Actor("admin", Role.ADMIN, null, null));
    }

    Api dispatcher() {
        return Api.on(port, issuer).as(new Actor("dispatcher", Role.CITY_DISPATCHER, null, null));
    }

    /** Returns a fresh place of the city model, imported, so entries may name its divisions and grid. */
    TestPlace place() {
        return TestPlace.fresh().importedBy(admin());
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
        TestPlace p = place();
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
        TestPlace p = place();
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
        TestPlace p = place();

        // No test adds entries for E0601, so nothing along the fresh place matches it.
        var r = dispatcher().get("/api/v1/matrix/route?subclass=E0601" + p.query());

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("routed").asBoolean()).isFalse();
        assertThat(r.json().get("reason").asString()).contains("manual queue");
        assertThat(routing.route("E0601", CategoryKind.EVENT, p.location(), null)).isEmpty();
    }

    @Test
    void aMalformedSubclassInARouteQuestionIsNamed() {
        var r = dispatcher().get("/api/v1/matrix/route?subclass=garbage&district=310101");

        assertThat(r.status()).isEqualTo(400);
        assertThat(errorFields(r)).containsExactly("subclass");
    }

    @Test
    void aDeactivatedEntryNoLongerRoutes() {
        TestPlace p = place();
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
        TestPlace p = place();
        long dept = department(p.district());
        add(entry("E0301", p.district(), dept, "LOCALITY"));
        assertThat(routing.route("E0301", CategoryKind.EVENT, p.location(), null)).isPresent();

        admin().post("/api/v1/departments/" + dept + "/deactivate", Map.of());

        assertThat(routing.route("E0301", CategoryKind.EVENT, p.location(), null)).isEmpty();
    }

    @Test
    void aSecondActiveEntryForTheSameCategoryRegionAndBasisIsAConflict() {
        TestPlace p = place();
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
        TestPlace p = place();
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
        TestPlace p = place();
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
        TestPlace p = place();
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

    @Test
    void theRouteExplanationTakesTheKindFromTheCatalog() {
        TestPlace p = place();
        long owner = department(p.district());
        add(entry("C0103", p.district(), owner, "OWNER"));

        var r = dispatcher().get("/api/v1/matrix/route?subclass=C0103" + p.query());

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("kind").asString()).isEqualTo("COMPONENT");
        assertThat(r.json().get("departmentId").asLong()).isEqualTo(owner);
    }

    @Test
    void aRouteQuestionForASubclassTheCatalogLacksIsNamed() {
        TestPlace p = place();

        var r = dispatcher().get("/api/v1/matrix/route?subclass=E0199" + p.query());

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(errorFields(r)).containsExactly("subclass");
        assertThat(r.json().get("errors").get(0).get("message").asString()).contains("no subclass E0199");
    }

    @Test
    void anEntryForARegionTheCityModelLacksIsRefusedAndNotStored() {
        TestPlace p = place();
        long dept = department(p.district());
        // Fresh places number streets from 100 and grids 01, so these codes are never imported.
        String unknownStreet = p.district() + "000";
        String unknownGrid = p.community() + "99";

        var street = admin().post("/api/v1/matrix", entry("E0101", unknownStreet, dept, "LOCALITY"));
        var grid = admin().post("/api/v1/matrix", entry("E0101", unknownGrid, dept, "LOCALITY"));

        for (var r : List.of(street, grid)) {
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(errorFields(r)).containsExactly("regionCode");
        }
        assertThat(street.body()).contains("no active division " + unknownStreet);
        assertThat(grid.body()).contains("no active unit grid " + unknownGrid);
        assertThat(admin().get("/api/v1/matrix?region=" + unknownStreet).json().size()).isZero();
        assertThat(admin().get("/api/v1/matrix?region=" + unknownGrid).json().size()).isZero();
        assertThat(admin().get("/api/v1/matrix?departmentId=" + dept).json().size()).isZero();
    }

    @Test
    void anEntryForACategoryTheCatalogLacksIsRefusedAndNotStored() {
        TestPlace p = place();
        long dept = department(p.district());

        var subclass = admin().post("/api/v1/matrix", entry("E0199", p.street(), dept, "LOCALITY"));
        var mainClass = admin().post("/api/v1/matrix", entry("C09", p.street(), dept, "OWNER"));

        for (var r : List.of(subclass, mainClass)) {
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(errorFields(r)).containsExactly("categoryCode");
        }
        assertThat(subclass.body()).contains("no active subclass E0199");
        assertThat(mainClass.body()).contains("no active main class C09");
        assertThat(admin().get("/api/v1/matrix?region=" + p.street()).json().size()).isZero();
    }

    @Test
    void anImportNamingUnknownCategoriesOrRegionsIsRejectedWhole() {
        TestPlace p = place();
        long dept = department(p.district());
        String unknownDistrict = p.city().substring(0, 4) + "05";

        var r = admin().post("/api/v1/matrix/import", Map.of("entries", List.of(
                entry("E0101", p.street(), dept, "LOCALITY"),
                entry("E0199", p.street(), dept, "LOCALITY"),
                entry("E0102", unknownDistrict, dept, "LOCALITY"),
                entry("C99", p.grid(), dept, "OWNER"),
                entry("E0103", p.community() + "99", dept, "LOCALITY"))));

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().get("detail").asString()).contains("nothing was imported");
        assertThat(errorFields(r)).containsExactlyInAnyOrder("entries[1].categoryCode", "entries[2].regionCode",
                "entries[3].categoryCode", "entries[4].regionCode");
        assertThat(admin().get("/api/v1/matrix?departmentId=" + dept).json().size()).isZero();
        assertThat(routing.route("E0101", CategoryKind.EVENT, p.location(), null)).isEmpty();
    }
}
