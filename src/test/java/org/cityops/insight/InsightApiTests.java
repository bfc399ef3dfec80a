package org.cityops.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.cityops.Api;
import org.cityops.ConsoleCity;
import org.cityops.IntegrationTest;
import org.cityops.MutableClock;
import org.cityops.cases.internal.DeadlineWatch;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import tools.jackson.databind.JsonNode;

/**
 * The city screen's figures over HTTP, in the console test city: counts of each loop step, the
 * on-time close rate, open and overdue, per region one level down, by day and by category, the
 * viewer's scope, and bad input. Counts are compared before and after, since the database is shared.
 */
@IntegrationTest
@Import(MutableClock.Config.class)
class InsightApiTests {

    static final Instant MONDAY_9 = Instant.parse("2026-03-02T01:00:00Z");
    static final String MARCH = "from=2026-03-01T00:00:00Z&to=2026-03-31T00:00:00Z";

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired MutableClock clock;
    @Autowired DeadlineWatch deadlineWatch;

    static ConsoleCity city;

    final Actor admin = new Actor("admin", Role.ADMIN, null, null);
    final Actor cityDispatcher = new Actor("console-city", Role.CITY_DISPATCHER, null, null);
    final Actor inspectorB = new Actor("console-inspector-b", Role.GRID_INSPECTOR, ConsoleCity.DISTRICT_B + "001", null);
    final Actor districtA = new Actor("console-district-a", Role.DISTRICT_DISPATCHER, ConsoleCity.DISTRICT_A, null);

    Api as(Actor actor) {
        return Api.on(port, issuer).as(actor);
    }

    Actor handler() {
        return new Actor("console-handler", Role.DEPARTMENT_HANDLER, null, city.departmentA);
    }

    @BeforeEach
    void consoleCity() {
        clock.set(MONDAY_9);
        if (city == null) {
            city = ConsoleCity.importedBy(as(admin));
        }
    }

    long report(Actor actor, double[] at) {
        Api.Response r = as(actor).post("/api/v1/cases", Map.of("sourceType", "INSPECTOR", "longitude", at[0],
                "latitude", at[1], "description", "路面有暴露垃圾", "categoryCode", "E0101"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    void act(Actor actor, long id, String action, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("action", action);
        Api.Response r = as(actor).post("/api/v1/cases/" + id + "/transitions", body);
        assertThat(r.status()).as(action + " → " + r.body()).isEqualTo(200);
    }

    JsonNode summary(Actor viewer, String query) {
        Api.Response r = as(viewer).get("/api/v1/insight/summary?" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    long delta(JsonNode before, JsonNode after, String field) {
        return after.get(field).asLong() - before.get(field).asLong();
    }

    @Test
    void summaryCountsEachStepAndClosedOnTimeAgainstCasesDueToClose() {
        String region = "region=" + ConsoleCity.DISTRICT_B + "&" + MARCH;
        Instant later = MONDAY_9.plus(Duration.ofDays(3));
        clock.set(later);
        deadlineWatch.scan();
        JsonNode before = summary(admin, region);
        JsonNode regionsBefore = as(admin).get("/api/v1/insight/by-region?region=" + ConsoleCity.DISTRICT_B + "&"
                + MARCH).json();
        clock.set(MONDAY_9);

        long waiting = report(inspectorB, ConsoleCity.IN_B);
        long closedInTime = report(inspectorB, ConsoleCity.IN_B);
        long leftOverdue = report(inspectorB, ConsoleCity.IN_B);
        for (long id : new long[] {closedInTime, leftOverdue}) {
            act(cityDispatcher, id, "REGISTER", Map.of());
            act(cityDispatcher, id, "DISPATCH", Map.of());
            act(handler(), id, "ACCEPT", Map.of());
        }
        act(handler(), closedInTime, "FEEDBACK", Map.of("comment", "已清运"));
        act(cityDispatcher, closedInTime, "REQUEST_VERIFICATION", Map.of());
        act(inspectorB, closedInTime, "VERIFY_PASS", Map.of());
        act(cityDispatcher, closedInTime, "CLOSE", Map.of());
        clock.set(later);
        deadlineWatch.scan();

        JsonNode after = summary(admin, region);
        assertThat(delta(before, after, "reported")).isEqualTo(3);
        assertThat(delta(before, after, "registered")).isEqualTo(2);
        assertThat(delta(before, after, "dispatched")).isEqualTo(2);
        assertThat(delta(before, after, "closed")).isEqualTo(1);
        assertThat(delta(before, after, "dueToClose")).isEqualTo(2);
        assertThat(delta(before, after, "closedOnTime")).isEqualTo(1);
        assertThat(delta(before, after, "open")).isEqualTo(2);
        assertThat(delta(before, after, "overdue")).isEqualTo(2);
        assertThat(after.get("onTimeCloseRate").asDouble())
                .isEqualTo((double) after.get("closedOnTime").asLong() / after.get("dueToClose").asLong());
        assertThat(after.get("region").get("level").asString()).isEqualTo("district");
        assertThat(waiting).isPositive();

        JsonNode regions = as(admin).get("/api/v1/insight/by-region?region=" + ConsoleCity.DISTRICT_B + "&" + MARCH)
                .json();
        assertThat(regions.get("childLevel").asString()).isEqualTo("street");
        assertThat(count(regions, ConsoleCity.DISTRICT_B + "001", "reported")
                - count(regionsBefore, ConsoleCity.DISTRICT_B + "001", "reported")).isEqualTo(3);
        assertThat(count(regions, ConsoleCity.DISTRICT_B + "001", "overdue")
                - count(regionsBefore, ConsoleCity.DISTRICT_B + "001", "overdue")).isEqualTo(2);

        JsonNode days = as(admin).get("/api/v1/insight/by-day?region=" + ConsoleCity.DISTRICT_B
                + "&from=2026-03-01T16:00:00Z&to=2026-03-03T16:00:00Z").json();
        assertThat(days).hasSize(2);
        assertThat(days.get(0).get("day").asString()).isEqualTo("2026-03-02");
        assertThat(days.get(0).get("reported").asLong()).isGreaterThanOrEqualTo(3);

        JsonNode categories = as(admin).get("/api/v1/insight/by-category?region=" + ConsoleCity.DISTRICT_B + "&"
                + MARCH).json();
        assertThat(categories.get(0).get("categoryCode").asString()).isEqualTo("E0101");
        assertThat(categories.get(0).get("name").asString()).isEqualTo("暴露垃圾");
    }

    static long count(JsonNode figures, String code, String field) {
        for (JsonNode item : figures.get("items")) {
            if (item.get("code").asString().equals(code)) {
                return item.get(field).asLong();
            }
        }
        return 0;
    }

    @Test
    void aRegionalViewerSeesOnlyItsRegionAndIsRefusedOthers() {
        JsonNode own = summary(districtA, "");
        assertThat(own.get("region").get("code").asString()).isEqualTo(ConsoleCity.DISTRICT_A);
        assertThat(summary(districtA, "region=" + ConsoleCity.GRID_A1).get("region").get("level").asString())
                .isEqualTo("grid");

        Api.Response other = as(districtA).get("/api/v1/insight/summary?region=" + ConsoleCity.DISTRICT_B);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().get("detail").asString()).contains(ConsoleCity.DISTRICT_B);
        Api.Response city = as(districtA).get("/api/v1/insight/by-region?region=" + ConsoleCity.CITY);
        assertThat(city.status()).isEqualTo(403);
    }

    @Test
    void aCaseOutsideTheDepartmentDoesNotCountForItsHandler() {
        JsonNode before = summary(handler(), "region=" + ConsoleCity.DISTRICT_B + "&" + MARCH);
        report(inspectorB, ConsoleCity.IN_B);
        JsonNode afterForHandler = summary(handler(), "region=" + ConsoleCity.DISTRICT_B + "&" + MARCH);
        assertThat(delta(before, afterForHandler, "reported")).isZero();
    }

    @Test
    void badPeriodsRegionsAndLimitsAreRefusedNamingTheField() {
        assertField(as(admin).get("/api/v1/insight/summary?from=2026-03-05T00:00:00Z&to=2026-03-01T00:00:00Z"), 400,
                "from");
        assertField(as(admin).get("/api/v1/insight/summary?from=2024-01-01T00:00:00Z&to=2026-03-01T00:00:00Z"), 400,
                "to");
        assertField(as(admin).get("/api/v1/insight/summary?period=week"), 400, "period");
        assertField(as(admin).get("/api/v1/insight/summary?period=today&from=2026-03-01T00:00:00Z"), 400, "period");
        assertField(as(admin).get("/api/v1/insight/by-region?region=929999"), 400, "region");
        assertField(as(admin).get("/api/v1/insight/by-category?limit=0"), 400, "limit");
        assertThat(as(admin).get("/api/v1/insight/summary?from=yesterday").status()).isEqualTo(400);
        assertThat(Api.on(port, issuer).get("/api/v1/insight/summary").status()).isEqualTo(401);
    }

    @Test
    void theScreenConfigurationHasNoTileLayerByDefault() {
        JsonNode config = as(inspectorB).get("/api/v1/screen/config").json();
        assertThat(config.get("tileUrl").asString()).isEmpty();
        assertThat(config.get("refreshSeconds").asLong()).isPositive();
        // the live stream is always served: the console needs no flag for it
        assertThat(config.has("liveStream")).isFalse();
    }

    static void assertField(Api.Response r, int status, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().get("errors").toString()).contains("\"field\":\"" + field + "\"");
    }
}
