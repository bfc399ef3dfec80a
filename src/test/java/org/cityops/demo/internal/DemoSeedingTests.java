package org.cityops.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.time.ZoneId;
import java.util.SplittableRandom;

import org.cityops.IntegrationTest;
import org.cityops.MutableClock;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * The demo city seeded into a database of its own (the seeding would otherwise change what the
 * other integration tests see as "the first city"): everything arrives through the HTTP API, a
 * second run adds nothing, and the simulator feeds the sensors, reports problems and walks cases
 * through the loop.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:demo-city-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoSeedingTests {

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired Clock clock;

    static DemoSettings settings() {
        return new DemoSettings("demo-test-password", false,
                new DemoSettings.Simulator(true, 60, 0, Duration.ofSeconds(10), Duration.ofSeconds(60), 50));
    }

    LocalApi api() {
        return new LocalApi(port, issuer, clock);
    }

    /** What the seeding wrote, counted through the API. */
    record Counts(long grids, long departments, long users, long matrixEntries, long sensors, long observedProperties,
                  long demoRules) {
    }

    Counts counts() {
        LocalApi api = api();
        long grids = api.get("/api/v1/grids?size=1", DemoSeeder.SEEDER).require("grids").path("total").asLong();
        long departments = 0;
        for (JsonNode d : api.get("/api/v1/departments", DemoSeeder.SEEDER).body()) {
            departments += d.path("code").asString().startsWith("demo-") ? 1 : 0;
        }
        long users = api.get("/api/v1/users", DemoSeeder.SEEDER).body().size();
        long matrix = 0;
        for (JsonNode e : api.get("/api/v1/matrix", DemoSeeder.SEEDER).body()) {
            matrix += e.path("regionCode").asString().startsWith("3399") ? 1 : 0;
        }
        long sensors = api.get("/api/v1/sensors", DemoSeeder.SEEDER).body().size();
        long properties = api.get("/sta/v1.1/ObservedProperties?$count=true&$top=0", DemoSeeder.SEEDER).body()
                .path("@iot.count").asLong();
        long demoRules = rules().size();
        return new Counts(grids, departments, users, matrix, sensors, properties, demoRules);
    }

    /** Returns the demo rules' ids by name (other rules in the database are not counted). */
    Map<String, Long> rules() {
        List<Object> names = DemoRules.rules().stream().map(r -> r.get("name")).toList();
        Map<String, Long> ids = new HashMap<>();
        for (JsonNode r : api().get("/api/v1/rules", DemoSeeder.SEEDER).require("rules")) {
            if (names.contains(r.path("name").asString())) {
                assertThat(ids.put(r.path("name").asString(), r.path("id").asLong())).as("one rule per name").isNull();
            }
        }
        return ids;
    }

    /** Returns the first datastream of the demo sensor with that name. */
    long datastream(String sensorName) {
        for (JsonNode s : api().get("/api/v1/sensors", DemoSeeder.SEEDER).require("sensors")) {
            if (s.path("name").asString().equals(sensorName)) {
                return s.path("datastreams").get(0).path("id").asLong();
            }
        }
        throw new AssertionError("no sensor " + sensorName);
    }

    void observe(long datastream, Instant at, double value) {
        api().post("/sta/v1.1/Datastreams(" + datastream + ")/Observations",
                Map.of("phenomenonTime", at.toString(), "result", value), DemoSeeder.SEEDER).require("observe");
    }

    JsonNode dryRun(long rule, Instant from, Instant to) {
        return api().post("/api/v1/rules/" + rule + "/dry-run", Map.of("from", from.toString(), "to", to.toString()),
                DemoSeeder.SEEDER).require("dry run");
    }

    @Test
    @Order(1)
    void aFreshDatabaseGetsTheWholeDemoCityAndASecondRunAddsNothing() {
        assertThat(new DemoSeeder(api(), settings()).seed()).isTrue();
        Counts first = counts();
        long mainClasses = 0;
        for (JsonNode kind : api().get("/api/v1/categories", DemoSeeder.SEEDER).body().path("kinds")) {
            mainClasses += kind.path("mainClasses").size();
        }
        assertThat(first.grids()).isEqualTo(288);
        assertThat(first.departments()).isEqualTo(30);
        // the administrator, six demo users and a simulated handler per department
        assertThat(first.users()).isEqualTo(1 + 6 + 30);
        assertThat(first.matrixEntries()).isEqualTo(4 * mainClasses);
        assertThat(first.sensors()).isEqualTo(260);
        assertThat(first.demoRules()).isEqualTo(DemoRules.rules().size());
        assertThat(rules().keySet()).contains(DemoRules.WATERLOGGING, "井盖倾斜", "烟感报警", "交通流量检测器离线");
        assertThat(first.observedProperties()).isEqualTo(7);
        JsonNode lookup = api().get("/api/v1/geo/lookup?lon=120.11&lat=30.20", DemoSeeder.SEEDER).require("lookup");
        assertThat(lookup.path("district").path("name").asString()).isEqualTo("西湖区");

        assertThat(new DemoSeeder(api(), settings()).seed()).isTrue();
        assertThat(counts()).isEqualTo(first);
    }

    @Test
    @Order(2)
    void theSimulatorFeedsTheSensorsReportsProblemsAndWalksCasesThroughTheLoop() {
        MutableClock simulated = new MutableClock(clock.instant());
        Simulator simulator = new Simulator(api(), settings().simulator(), simulated, new SplittableRandom(42),
                new Readings(ZoneId.of("Asia/Shanghai"), new SplittableRandom(7), 0));
        simulator.load();
        simulated.advance(Duration.ofSeconds(61));
        simulator.tick();
        for (JsonNode sensor : api().get("/api/v1/sensors", DemoSeeder.SEEDER).body()) {
            assertThat(sensor.path("datastreams").get(0).path("result").isNumber()).as(sensor.path("name").asString()).isTrue();
        }
        // every demo datastream declares its expected interval, so the platform watches all 260 devices
        for (JsonNode sensor : api().get("/api/v1/sensors", DemoSeeder.SEEDER).body()) {
            assertThat(sensor.path("online").asBoolean(false)).as(sensor.path("name").asString()).isTrue();
        }
        long reported = api().get("/api/v1/cases?limit=200", Simulator.DISPATCHER).body().path("items").size();
        assertThat(reported).isPositive();

        // an hour later every case has waited long enough at each step; each tick moves a case one step
        simulated.advance(Duration.ofHours(1));
        for (int i = 0; i < 9; i++) {
            simulator.tick();
        }
        JsonNode closed = api().get("/api/v1/cases?state=CLOSED&limit=200", Simulator.DISPATCHER).body().path("items");
        assertThat(closed.size()).isPositive();
        long caseId = closed.get(0).path("id").asLong();
        JsonNode history = api().get("/api/v1/cases/" + caseId + "/history", Simulator.DISPATCHER).body();
        assertThat(history.toString()).contains("REGISTER", "DISPATCH", "ACCEPT", "FEEDBACK", "VERIFY_PASS", "CLOSE");
    }

    @Test
    @Order(3)
    void aDisplacedManholeCoverAndHeavyRainAtAGaugeTripTheDemoRules() {
        Map<String, Long> rules = rules();
        // two days back, clear of the simulator's readings: the dry runs see only these
        Instant t0 = clock.instant().minus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        long cover = datastream("智能井盖 MANHOLE-COVER-001");
        observe(cover, t0, 0.8);
        observe(cover, t0.plusSeconds(60), 0.9);
        observe(cover, t0.plusSeconds(120), 27.5);
        observe(cover, t0.plusSeconds(180), 0.7);
        JsonNode tilt = dryRun(rules.get("井盖倾斜"), t0, t0.plusSeconds(600));
        assertThat(tilt.path("raises").size()).as(tilt.toString()).isEqualTo(1);
        assertThat(tilt.path("raises").get(0).path("value").asDouble()).isEqualTo(27.5);

        // the rain gauge stands beside the water-level gauge: rain of 45 mm/h while the river rises 0.25 m
        long river = datastream("水位计 WATER-LEVEL-001");
        long rain = datastream("雨量计 RAIN-GAUGE-001");
        Instant t1 = t0.plus(Duration.ofHours(2));
        observe(river, t1, 1.50);
        observe(river, t1.plusSeconds(300), 1.55);
        observe(rain, t1.plusSeconds(480), 45.0);
        observe(river, t1.plusSeconds(600), 1.75);
        JsonNode flood = dryRun(rules.get(DemoRules.WATERLOGGING), t1, t1.plusSeconds(1800));
        assertThat(flood.path("raises").size()).as(flood.toString()).isPositive();
        assertThat(flood.path("raises").get(0).path("subject").asString()).startsWith("grid:");
        assertThat(flood.path("error").isNull() || flood.path("error").isMissingNode()).isTrue();
    }
}
