package org.cityops.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
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
    record Counts(long grids, long departments, long users, long matrixEntries, long sensors, long observedProperties) {
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
        return new Counts(grids, departments, users, matrix, sensors, properties);
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
}
