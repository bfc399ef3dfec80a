package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cityops.sensing.internal.MqttFixtures.next;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * A.8 for relations kept in link tables (Thing–Location, HistoricalLocation–Location): linking an
 * entity into such a collection, or changing one of its members, reaches the collection's
 * subscribers, and the HistoricalLocation a new Location records reaches those of HistoricalLocations.
 * Observations of MultiDatastreams are announced like those of Datastreams.
 */
@IntegrationTest
class StaMqttReceiveLinkTests extends MqttSubscriberTestBase {

    @Override
    String stationPrefix() {
        return "mqtt-links";
    }

    /** Returns the first message on the topic that matches, skipping others. */
    MqttFixtures.Received on(String topic, Predicate<MqttFixtures.Received> match) throws InterruptedException {
        List<MqttFixtures.Received> skipped = new ArrayList<>();
        try {
            while (true) {
                MqttFixtures.Received r = next(inbox);
                if (r.topic().equals(topic) && match.test(r)) {
                    return r;
                }
                skipped.add(r);
            }
        } finally {
            inbox.addAll(skipped);
        }
    }

    @Test
    void aThingsLocationsSubscriberHearsOfLocationsLinkedCreatedAndChanged() throws Exception {
        long thing = station.thingId();
        String topic = "v1.1/Things(" + thing + ")/Locations";
        subscriber.subscribe(topic, 0);

        String newName = MqttFixtures.unique("new-place");
        Api.Response created = admin().post("/sta/v1.1/Things(" + thing + ")/Locations", location(newName));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        MqttFixtures.Received heard = on(topic, r -> newName.equals(r.json().path("name").asString("")));
        assertThat(heard.json().get("@iot.selfLink").asString())
                .endsWith("/sta/v1.1/Locations(" + created.json().get("@iot.id").asLong() + ")");

        String existingName = MqttFixtures.unique("existing-place");
        long existing = admin().post("/sta/v1.1/Locations", location(existingName)).json().get("@iot.id").asLong();
        Api.Response linked = admin().patch("/sta/v1.1/Things(" + thing + ")",
                Map.of("Locations", List.of(Map.of("@iot.id", existing))));
        assertThat(linked.status()).as(linked.toString()).isEqualTo(200);
        assertThat(on(topic, r -> r.json().path("@iot.id").asLong() == existing).json().get("name").asString())
                .isEqualTo(existingName);

        String renamed = MqttFixtures.unique("renamed-place");
        assertThat(admin().patch("/sta/v1.1/Locations(" + existing + ")", Map.of("name", renamed)).status())
                .isEqualTo(200);
        assertThat(on(topic, r -> renamed.equals(r.json().path("name").asString(""))).json().get("@iot.id").asLong())
                .isEqualTo(existing);
    }

    @Test
    void linkingALocationAnnouncesTheThingToTheLocationAndTheNewHistoricalLocation() throws Exception {
        long thing = station.thingId();
        long place = newLocation("place");
        String things = "v1.1/Locations(" + place + ")/Things";
        String thingHistory = "v1.0/Things(" + thing + ")/HistoricalLocations";
        String placeHistory = "v1.1/Locations(" + place + ")/HistoricalLocations";
        subscriber.subscribe(new String[] {things, thingHistory, placeHistory}, new int[] {0, 0, 0});

        assertThat(admin().patch("/sta/v1.1/Things(" + thing + ")", Map.of("Locations", List.of(Map.of("@iot.id", place))))
                .status()).isEqualTo(200);

        assertThat(on(things, r -> r.json().path("@iot.id").asLong() == thing).json().get("name").asString())
                .isEqualTo(station.name());
        MqttFixtures.Received history = on(thingHistory, r -> r.json().has("time"));
        assertThat(history.json().get("@iot.selfLink").asString()).contains("/sta/v1.0/HistoricalLocations(");
        long historical = history.json().get("@iot.id").asLong();
        assertThat(on(placeHistory, r -> r.json().path("@iot.id").asLong() == historical)).isNotNull();
        JsonAssert.linked(admin(), historical, place);
    }

    @Test
    void observationsOfAMultiDatastreamAreAnnounced() throws Exception {
        Api.Response mds = admin().post("/sta/v1.1/Things(" + station.thingId() + ")/MultiDatastreams", Map.of(
                "name", "wind", "description", "speed and direction",
                "unitOfMeasurements", List.of(Map.of("name", "m/s", "symbol", "m/s", "definition", "http://example.org/ms"),
                        Map.of("name", "degree", "symbol", "deg", "definition", "http://example.org/deg")),
                "multiObservationDataTypes", List.of(MqttFixtures.MEASUREMENT, MqttFixtures.MEASUREMENT),
                "Sensor", Map.of("name", "anemometer", "description", "cups", "encodingType", "application/pdf",
                        "metadata", "http://example.org/a.pdf"),
                "ObservedProperties", List.of(
                        Map.of("name", "wind speed", "definition", "http://example.org/ws", "description", "speed"),
                        Map.of("name", "wind direction", "definition", "http://example.org/wd", "description", "dir"))));
        assertThat(mds.status()).as(mds.toString()).isEqualTo(201);
        long id = mds.json().get("@iot.id").asLong();
        String topic = "v1.1/MultiDatastreams(" + id + ")/Observations";
        subscriber.subscribe(topic, 0);
        Api.Response posted = admin().post("/sta/v1.1/MultiDatastreams(" + id + ")/Observations",
                Map.of("result", List.of(3.5, 270), "phenomenonTime", "2026-11-28T09:00:00Z"));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        MqttFixtures.Received r = on(topic, x -> true);
        assertThat(r.json().get("@iot.id").asLong()).isEqualTo(posted.json().get("@iot.id").asLong());
        assertThat(r.json().get("result").get(0).asDouble()).isEqualTo(3.5);
    }

    /** What the HTTP API says about the link the announcement reported. */
    private static final class JsonAssert {
        static void linked(Api api, long historical, long location) {
            Api.Response r = api.get("/sta/v1.1/HistoricalLocations(" + historical + ")/Locations");
            assertThat(r.json().get("value").get(0).get("@iot.id").asLong()).isEqualTo(location);
        }
    }
}
