package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cityops.Api;
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
 * Device liveness and retention of MultiDatastreams with a controlled clock: a silent one goes
 * offline once (the event says it is a MultiDatastream), speaks and goes online, keeps its status
 * across a reload; its observations past its retention (its own, else the longest of its
 * ObservedProperties) are purged except the latest; bad values are refused naming the field.
 */
@IntegrationTest
@Import(MutableClock.Config.class)
class MultiDatastreamLivenessRetentionTests {

    static final String MEASUREMENT = "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement";

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired MutableClock clock;
    @Autowired LivenessWatch liveness;
    @Autowired RetentionPurge purge;
    @Autowired ConfigurableApplicationContext context;

    Api admin() {
        return Api.on(port, issuer).as(new Actor("admin", Role.ADMIN, null, null));
    }

    List<DeviceStatusChanged> events(long multiDatastreamId) {
        List<DeviceStatusChanged> seen = new CopyOnWriteArrayList<>();
        context.addApplicationListener(e -> {
            if (e instanceof PayloadApplicationEvent<?> p && p.getPayload() instanceof DeviceStatusChanged d
                    && d.multiDatastream() && d.datastreamId() == multiDatastreamId) {
                seen.add(d);
            }
        });
        return seen;
    }

    static Map<String, Object> property(String name, Object retentionDays) {
        Map<String, Object> p = new HashMap<>(Map.of("name", name, "definition", "http://example.org/" + name,
                "description", name));
        if (retentionDays != null) {
            p.put("properties", Map.of("cityops:retentionDays", retentionDays));
        }
        return p;
    }

    static Map<String, Object> thing(String name, Map<String, Object> streamProperties, Object speedDays, Object dirDays) {
        Map<String, Object> mds = new HashMap<>(Map.of("name", name + " wind", "description", "speed and direction",
                "unitOfMeasurements", List.of(Map.of("name", "m/s", "symbol", "m/s", "definition", "ms"),
                        Map.of("name", "degree", "symbol", "deg", "definition", "deg")),
                "multiObservationDataTypes", List.of(MEASUREMENT, MEASUREMENT),
                "Sensor", Map.of("name", "anemometer", "description", "cups", "encodingType", "application/pdf",
                        "metadata", "http://example.org/a.pdf"),
                "ObservedProperties", List.of(property("speed", speedDays), property("direction", dirDays))));
        if (streamProperties != null) {
            mds.put("properties", streamProperties);
        }
        return Map.of("name", name, "description", "multi test", "MultiDatastreams", List.of(mds),
                "Locations", List.of(Map.of("name", name, "description", "outside every grid", "encodingType",
                        "application/geo+json", "location", Map.of("type", "Point", "coordinates", List.of(-170.0, -80.0)))));
    }

    long[] create(Map<String, Object> body) {
        Api.Response r = admin().post("/sta/v1.1/Things", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long thing = r.json().get("@iot.id").asLong();
        long mds = admin().get("/sta/v1.1/Things(" + thing + ")/MultiDatastreams").json().get("value").get(0)
                .get("@iot.id").asLong();
        return new long[] {thing, mds};
    }

    void observe(long mds, Instant at, double speed) {
        Api.Response r = admin().post("/sta/v1.1/MultiDatastreams(" + mds + ")/Observations",
                Map.of("phenomenonTime", at.toString(), "result", List.of(speed, 90)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    List<Double> speeds(long mds) {
        List<Double> out = new ArrayList<>();
        for (JsonNode o : admin().get("/sta/v1.1/MultiDatastreams(" + mds + ")/Observations?$orderby=phenomenonTime")
                .json().get("value")) {
            out.add(o.get("result").get(0).asDouble());
        }
        return out;
    }

    JsonNode sensor(long thing) {
        for (JsonNode s : admin().get("/api/v1/sensors").json()) {
            if (s.get("id").asLong() == thing) {
                return s;
            }
        }
        throw new AssertionError("thing " + thing + " not listed");
    }

    Instant daysAgo(int days) {
        return clock.instant().minus(Duration.ofDays(days));
    }

    @Test
    void aSilentMultiDatastreamGoesOfflineOnceOnlineWhenItSpeaksAndStaysOfflineAcrossAReload() {
        long[] created = create(thing("wind-" + UUID.randomUUID(), Map.of("cityops:expectedInterval", "PT5M"), null, null));
        long thing = created[0];
        long mds = created[1];
        List<DeviceStatusChanged> seen = events(mds);
        observe(mds, clock.instant(), 3.0);
        liveness.scan();
        clock.advance(Duration.ofMinutes(4));
        liveness.scan();
        assertThat(seen).isEmpty();
        assertThat(sensor(thing).get("online").asBoolean()).isTrue();

        clock.advance(Duration.ofMinutes(2));
        liveness.scan();
        liveness.scan();
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).online()).isFalse();
        assertThat(seen.get(0).thingId()).isEqualTo(thing);
        assertThat(seen.get(0).lastSeen()).isEqualTo(clock.instant().minus(Duration.ofMinutes(6)));
        assertThat(sensor(thing).get("online").asBoolean()).isFalse();
        assertThat(liveness.place(seen.get(0))).get().extracting(p -> p.thingId()).isEqualTo(thing);

        liveness.reload();
        clock.advance(Duration.ofMinutes(30));
        liveness.scan();
        assertThat(seen).as("the stored status is not judged again").hasSize(1);
        assertThat(sensor(thing).get("online").asBoolean()).isFalse();

        observe(mds, clock.instant(), 4.0);
        assertThat(seen).extracting(DeviceStatusChanged::online).containsExactly(false, true);
        assertThat(sensor(thing).get("online").asBoolean()).isTrue();
    }

    @Test
    void observationsPastAMultiDatastreamsRetentionArePurgedExceptTheLatest() {
        clock.advance(Duration.ofDays(1));
        long own = create(thing("wind-" + UUID.randomUUID(), Map.of("cityops:retentionDays", 30), 5, 5))[1];
        long byLongestProperty = create(thing("wind-" + UUID.randomUUID(), null, 10, 20))[1];
        long forever = create(thing("wind-" + UUID.randomUUID(), null, 10, 0))[1];
        long old = create(thing("wind-" + UUID.randomUUID(), Map.of("cityops:retentionDays", 7), null, null))[1];
        for (long mds : new long[] {own, byLongestProperty, forever}) {
            observe(mds, daysAgo(40), 1);
            observe(mds, daysAgo(25), 2);
            observe(mds, daysAgo(15), 3);
            observe(mds, daysAgo(1), 4);
        }
        observe(old, daysAgo(60), 1);
        observe(old, daysAgo(50), 2);

        assertThat(purge.purge()).isGreaterThanOrEqualTo(4);
        assertThat(speeds(own)).containsExactly(2.0, 3.0, 4.0);
        assertThat(speeds(byLongestProperty)).containsExactly(3.0, 4.0);
        assertThat(speeds(forever)).containsExactly(1.0, 2.0, 3.0, 4.0);
        assertThat(speeds(old)).as("the latest stays however old").containsExactly(2.0);
        assertThat(admin().get("/sta/v1.1/MultiDatastreams(" + old + ")").json().get("phenomenonTime").asString())
                .startsWith(daysAgo(50).toString().substring(0, 10));
    }

    @Test
    void badIntervalsAndRetentionsOnAMultiDatastreamAreRefusedNamingTheFieldAndNothingIsWritten() {
        record Case(Map<String, Object> properties, String field) {
        }
        for (Case c : List.of(new Case(Map.of("cityops:expectedInterval", "every five minutes"),
                        "MultiDatastreams/0/properties/cityops:expectedInterval"),
                new Case(Map.of("cityops:retentionDays", -1), "MultiDatastreams/0/properties/cityops:retentionDays"))) {
            String name = "wind-" + UUID.randomUUID();
            Api.Response r = admin().post("/sta/v1.1/Things", thing(name, c.properties(), null, null));
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo(c.field());
            assertThat(admin().get("/sta/v1.1/Things?$count=true&$top=0&$filter=name%20eq%20'" + name + "'").json()
                    .get("@iot.count").asLong()).isZero();
        }
        long mds = create(thing("wind-" + UUID.randomUUID(), null, null, null))[1];
        Api.Response patch = admin().patch("/sta/v1.1/MultiDatastreams(" + mds + ")",
                Map.of("properties", Map.of("cityops:expectedInterval", "PT0S")));
        assertThat(patch.status()).as(patch.body()).isEqualTo(400);
        assertThat(patch.json().get("errors").get(0).get("field").asString())
                .isEqualTo("properties/cityops:expectedInterval");
        assertThat(admin().get("/sta/v1.1/MultiDatastreams(" + mds + ")/properties").json().get("properties").isNull())
                .isTrue();
    }
}
