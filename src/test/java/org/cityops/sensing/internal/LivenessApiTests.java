package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cityops.Api;
import org.cityops.ConsoleCity;
import org.cityops.EventStream;
import org.cityops.IntegrationTest;
import org.cityops.MutableClock;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.cityops.sensing.DeviceStatusChanged;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.Import;

import tools.jackson.databind.JsonNode;

/**
 * Device liveness with a controlled clock: a datastream silent for longer than its expected interval
 * goes offline once, speaks and goes online, keeps its status across a reload without repeating an
 * event, and a bad expected interval is refused naming the field with nothing written.
 */
@IntegrationTest
@Import(MutableClock.Config.class)
class LivenessApiTests {

    static final Actor ADMIN = new Actor("admin", Role.ADMIN, null, null);

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired MutableClock clock;
    @Autowired LivenessWatch liveness;
    @Autowired ConfigurableApplicationContext context;

    Api admin() {
        return Api.on(port, issuer).as(ADMIN);
    }

    /** Collects the device events of the datastream from any thread. */
    List<DeviceStatusChanged> events(long datastreamId) {
        List<DeviceStatusChanged> seen = new CopyOnWriteArrayList<>();
        context.addApplicationListener(e -> {
            if (e instanceof PayloadApplicationEvent<?> p && p.getPayload() instanceof DeviceStatusChanged d
                    && d.datastreamId() == datastreamId) {
                seen.add(d);
            }
        });
        return seen;
    }

    static Map<String, Object> thing(String name, Object expectedInterval) {
        Map<String, Object> datastream = new HashMap<>(Map.of("name", name + " level", "description", "water level",
                "observationType", "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement",
                "unitOfMeasurement", Map.of("name", "metre", "symbol", "m", "definition", "m"),
                "Sensor", Map.of("name", "gauge", "description", "radar gauge", "encodingType", "application/pdf",
                        "metadata", "http://example.org/gauge.pdf"),
                "ObservedProperty", Map.of("name", "water level", "definition", "http://example.org/water-level",
                        "description", "height of the water surface")));
        if (expectedInterval != null) {
            datastream.put("properties", Map.of("cityops:expectedInterval", expectedInterval));
        }
        return Map.of("name", name, "description", "liveness test", "Datastreams", List.of(datastream),
                "Locations", List.of(Map.of("name", name, "description", "outside every grid", "encodingType",
                        "application/geo+json", "location", Map.of("type", "Point", "coordinates", List.of(-170.0, -80.0)))));
    }

    long[] create(String name, String interval) {
        Api.Response r = admin().post("/sta/v1.1/Things", thing(name, interval));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long thing = r.json().get("@iot.id").asLong();
        long ds = admin().get("/sta/v1.1/Things(" + thing + ")/Datastreams").json().get("value").get(0)
                .get("@iot.id").asLong();
        return new long[] {thing, ds};
    }

    void observe(long ds, double value) {
        Api.Response r = admin().post("/sta/v1.1/Datastreams(" + ds + ")/Observations",
                Map.of("phenomenonTime", clock.instant().toString(), "result", value));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    JsonNode stream(long thing) {
        for (JsonNode s : admin().get("/api/v1/sensors").json()) {
            if (s.get("id").asLong() == thing) {
                return s;
            }
        }
        throw new AssertionError("thing " + thing + " not listed");
    }

    @Test
    void aSilentDatastreamGoesOfflineOnceAndOnlineWhenItSpeaksAgain() {
        long[] created = create("gauge-" + UUID.randomUUID(), "PT5M");
        long thing = created[0];
        long ds = created[1];
        List<DeviceStatusChanged> seen = events(ds);
        observe(ds, 1.2);
        liveness.scan();
        clock.advance(Duration.ofMinutes(4));
        liveness.scan();
        assertThat(seen).as("within its interval it is online").isEmpty();
        assertThat(stream(thing).get("online").asBoolean()).isTrue();
        assertThat(stream(thing).get("datastreams").get(0).get("online").asBoolean()).isTrue();

        clock.advance(Duration.ofMinutes(2));
        liveness.scan();
        liveness.scan();
        assertThat(seen).hasSize(1);
        DeviceStatusChanged offline = seen.get(0);
        assertThat(offline.online()).isFalse();
        assertThat(offline.thingId()).isEqualTo(thing);
        assertThat(offline.at()).isEqualTo(clock.instant());
        assertThat(offline.lastSeen()).isEqualTo(clock.instant().minus(Duration.ofMinutes(6)));
        assertThat(stream(thing).get("online").asBoolean()).isFalse();
        assertThat(stream(thing).get("datastreams").get(0).get("online").asBoolean()).isFalse();

        observe(ds, 1.3);
        observe(ds, 1.4);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(1).online()).isTrue();
        assertThat(seen.get(1).lastSeen()).isEqualTo(clock.instant());
        assertThat(stream(thing).get("online").asBoolean()).isTrue();
    }

    @Test
    void anOfflineDatastreamStaysOfflineAcrossAReloadWithoutRepeatingTheEvent() {
        long ds = create("gauge-" + UUID.randomUUID(), "PT10M")[1];
        List<DeviceStatusChanged> seen = events(ds);
        observe(ds, 3.0);
        liveness.scan();
        clock.advance(Duration.ofMinutes(11));
        liveness.scan();
        assertThat(seen).extracting(DeviceStatusChanged::online).containsExactly(false);

        liveness.reload();
        liveness.scan();
        clock.advance(Duration.ofMinutes(30));
        liveness.scan();
        assertThat(seen).as("no second offline event after the reload").hasSize(1);

        observe(ds, 3.1);
        assertThat(seen).extracting(DeviceStatusChanged::online).containsExactly(false, true);
    }

    @Test
    void theLiveStreamCarriesTheDeviceChangeToTheDevicesRegion() {
        ConsoleCity.importedBy(admin());
        String name = "gauge-" + UUID.randomUUID();
        Map<String, Object> body = new HashMap<>(thing(name, "PT5M"));
        body.put("Locations", List.of(Map.of("name", name, "description", "in grid A1", "encodingType",
                "application/geo+json", "location", Map.of("type", "Point", "coordinates",
                        List.of(ConsoleCity.IN_A1[0], ConsoleCity.IN_A1[1])))));
        Api.Response r = admin().post("/sta/v1.1/Things", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long ds = admin().get("/sta/v1.1/Things(" + r.json().get("@iot.id").asLong() + ")/Datastreams").json()
                .get("value").get(0).get("@iot.id").asLong();
        observe(ds, 0.8);
        liveness.scan();
        Actor street = new Actor("street-a", Role.STREET_OPERATOR, ConsoleCity.STREET_A, null);
        try (EventStream s = EventStream.open(port, issuer.issue(street, street.username()).token(), null, null)) {
            clock.advance(Duration.ofMinutes(6));
            liveness.scan();
            EventStream.Event e = s.next("device");
            while (e.json().get("datastreamId").asLong() != ds) {
                e = s.next("device");
            }
            assertThat(e.json().get("online").asBoolean()).isFalse();
            assertThat(e.json().get("location").get("gridCode").asString()).isEqualTo(ConsoleCity.GRID_A1);
        }
    }

    @Test
    void aDatastreamWithoutAnExpectedIntervalIsNotWatched() {
        long[] created = create("gauge-" + UUID.randomUUID(), null);
        List<DeviceStatusChanged> seen = events(created[1]);
        observe(created[1], 1.0);
        liveness.scan();
        clock.advance(Duration.ofDays(2));
        liveness.scan();
        assertThat(seen).isEmpty();
        assertThat(stream(created[0]).get("online").isNull()).isTrue();
        assertThat(stream(created[0]).get("datastreams").get(0).get("online").isNull()).isTrue();
    }

    @Test
    void devicesOnlineAreCountedInTheCallersScope() {
        long[] created = create("gauge-" + UUID.randomUUID(), "PT5M");
        observe(created[1], 1.0);
        liveness.scan();
        JsonNode count = admin().get("/api/v1/sensors/liveness").json();
        assertThat(count.get("devices").asInt()).isPositive();
        assertThat(count.get("online").asInt() + count.get("offline").asInt()).isEqualTo(count.get("devices").asInt());
        // the Thing lies outside every grid and has no department: no district and no department sees it
        Api handler = Api.on(port, issuer).as(new Actor("h", Role.DEPARTMENT_HANDLER, null, 987_654_321L));
        assertThat(handler.get("/api/v1/sensors/liveness").json().get("devices").asInt()).isZero();
        assertThat(Api.on(port, issuer).get("/api/v1/sensors/liveness").status()).isEqualTo(401);
    }

    @Test
    void aBadExpectedIntervalIsRefusedNamingTheFieldAndNothingIsWritten() {
        String name = "gauge-" + UUID.randomUUID();
        Api.Response words = admin().post("/sta/v1.1/Things", thing(name, "five minutes"));
        assertThat(words.status()).isEqualTo(400);
        assertThat(words.json().get("errors").get(0).get("field").asString())
                .isEqualTo("Datastreams/0/properties/cityops:expectedInterval");
        Api.Response number = admin().post("/sta/v1.1/Things", thing(name, 300));
        assertThat(number.status()).isEqualTo(400);
        Api.Response negative = admin().post("/sta/v1.1/Things", thing(name, "-PT5M"));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(admin().get("/sta/v1.1/Things?$count=true&$top=0&$filter=name%20eq%20'" + name + "'").json()
                .get("@iot.count").asLong()).isZero();

        long ds = create(name, "PT5M")[1];
        Api.Response patch = admin().patch("/sta/v1.1/Datastreams(" + ds + ")",
                Map.of("properties", Map.of("cityops:expectedInterval", "PT0S")));
        assertThat(patch.status()).isEqualTo(400);
        assertThat(patch.json().get("errors").get(0).get("field").asString())
                .isEqualTo("properties/cityops:expectedInterval");
        assertThat(admin().get("/sta/v1.1/Datastreams(" + ds + ")").json().get("properties")
                .get("cityops:expectedInterval").asString()).isEqualTo("PT5M");
    }
}
