package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.MutableClock;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import tools.jackson.databind.JsonNode;

/**
 * Retention with a controlled clock: observations past their datastream's (or observed property's)
 * retention are purged, recent ones and each datastream's latest stay, a retention of 0 keeps all,
 * and a bad retention is refused naming the field with nothing written.
 */
@IntegrationTest
@Import(MutableClock.Config.class)
class RetentionApiTests {

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired MutableClock clock;
    @Autowired RetentionPurge purge;
    @Autowired LatestValues latest;

    Api admin() {
        return Api.on(port, issuer).as(new Actor("admin", Role.ADMIN, null, null));
    }

    static Map<String, Object> thing(String name, Object datastreamDays, Object propertyDays) {
        Map<String, Object> property = new HashMap<>(Map.of("name", "rainfall", "definition", "http://example.org/rain",
                "description", "rain"));
        if (propertyDays != null) {
            property.put("properties", Map.of("cityops:retentionDays", propertyDays));
        }
        Map<String, Object> datastream = new HashMap<>(Map.of("name", name + " rain", "description", "rainfall",
                "observationType", "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement",
                "unitOfMeasurement", Map.of("name", "millimetre", "symbol", "mm", "definition", "mm"),
                "Sensor", Map.of("name", "gauge", "description", "tipping bucket", "encodingType", "application/pdf",
                        "metadata", "http://example.org/gauge.pdf"),
                "ObservedProperty", property));
        if (datastreamDays != null) {
            datastream.put("properties", Map.of("cityops:retentionDays", datastreamDays));
        }
        return Map.of("name", name, "description", "retention test", "Datastreams", List.of(datastream),
                "Locations", List.of(Map.of("name", name, "description", "outside every grid", "encodingType",
                        "application/geo+json", "location", Map.of("type", "Point", "coordinates", List.of(-170.0, -80.0)))));
    }

    long datastream(Object datastreamDays, Object propertyDays) {
        Api.Response r = admin().post("/sta/v1.1/Things", thing("rain-" + UUID.randomUUID(), datastreamDays,
                propertyDays));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return admin().get("/sta/v1.1/Things(" + r.json().get("@iot.id").asLong() + ")/Datastreams").json()
                .get("value").get(0).get("@iot.id").asLong();
    }

    void observe(long ds, Instant at, double value) {
        Api.Response r = admin().post("/sta/v1.1/Datastreams(" + ds + ")/Observations",
                Map.of("phenomenonTime", at.toString(), "result", value));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    List<Double> results(long ds) {
        List<Double> out = new ArrayList<>();
        for (JsonNode o : admin().get("/sta/v1.1/Datastreams(" + ds + ")/Observations?$orderby=phenomenonTime&$top=100")
                .json().get("value")) {
            out.add(o.get("result").asDouble());
        }
        return out;
    }

    Instant daysAgo(int days) {
        return clock.instant().minus(Duration.ofDays(days));
    }

    @Test
    void observationsPastTheirRetentionArePurgedAndRecentOnesKept() {
        clock.advance(Duration.ofDays(1));
        long ds = datastream(30, null);
        observe(ds, daysAgo(40), 1);
        observe(ds, daysAgo(31), 2);
        observe(ds, daysAgo(29), 3);
        observe(ds, daysAgo(1), 4);

        assertThat(purge.purge()).isGreaterThanOrEqualTo(2);
        assertThat(results(ds)).containsExactly(3.0, 4.0);
        assertThat(latest.latest(ds)).get().extracting(o -> ((JsonNode) o.values().get("result")).asDouble())
                .isEqualTo(4.0);
    }

    @Test
    void theLatestObservationIsKeptHoweverOld() {
        clock.advance(Duration.ofDays(1));
        long ds = datastream(7, null);
        observe(ds, daysAgo(60), 1);
        observe(ds, daysAgo(50), 2);

        purge.purge();
        assertThat(results(ds)).containsExactly(2.0);
        assertThat(admin().get("/sta/v1.1/Datastreams(" + ds + ")/Observations").json().get("value").get(0)
                .get("result").asDouble()).isEqualTo(2.0);
    }

    @Test
    void theDatastreamsRetentionOverridesItsObservedPropertysAndZeroKeepsAll() {
        clock.advance(Duration.ofDays(1));
        long byProperty = datastream(null, 10);
        long forever = datastream(0, 10);
        for (long ds : new long[] {byProperty, forever}) {
            observe(ds, daysAgo(20), 1);
            observe(ds, daysAgo(5), 2);
        }
        purge.purge();
        assertThat(results(byProperty)).containsExactly(2.0);
        assertThat(results(forever)).containsExactly(1.0, 2.0);
    }

    @Test
    void aBadRetentionIsRefusedNamingTheFieldAndNothingIsWritten() {
        String name = "rain-" + UUID.randomUUID();
        Api.Response negative = admin().post("/sta/v1.1/Things", thing(name, -1, null));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().get("errors").get(0).get("field").asString())
                .isEqualTo("Datastreams/0/properties/cityops:retentionDays");
        Api.Response onProperty = admin().post("/sta/v1.1/Things", thing(name, null, "a month"));
        assertThat(onProperty.status()).isEqualTo(400);
        assertThat(onProperty.json().get("errors").get(0).get("field").asString())
                .isEqualTo("Datastreams/0/ObservedProperty/properties/cityops:retentionDays");
        assertThat(admin().get("/sta/v1.1/Things?$count=true&$top=0&$filter=name%20eq%20'" + name + "'").json()
                .get("@iot.count").asLong()).isZero();
    }
}
