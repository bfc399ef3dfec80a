package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cityops.sensing.internal.MqttFixtures.next;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * A.8 when links change or entities go: the standard (15-078r6 and 18-088 §14.2) publishes an entity
 * to a collection when it is added to it or, being in it, updated, to an entity topic when the entity
 * is updated and to a property topic when the property changes — and defines no message for a
 * deletion or for an entity leaving a collection. So a new link is announced on both sides, whichever
 * side the update named and whether by PATCH or PUT, a moved to-one relation reaches the new owner's
 * collection, and removed links and deletions publish nothing; nor does a PATCH that sets a property
 * to the value it has.
 * <p>
 * "Nothing" is checked without waiting: after the change under test the test changes the station's
 * description, subscribed to as a property; the one notifier thread sends changes in commit order
 * over the subscriber's one connection, so when that message arrives, everything the earlier change
 * caused has arrived before it.
 */
@IntegrationTest
class StaMqttReceiveRemovalTests extends MqttSubscriberTestBase {

    @Override
    String stationPrefix() {
        return "mqtt-removal";
    }

    long locationOf(long thing) {
        return admin().get("/sta/v1.1/Things(" + thing + ")/Locations").json().get("value").get(0).get("@iot.id").asLong();
    }

    /** Subscribes to the station's description, the marker {@link #untilMarker()} waits for. */
    String marker() throws Exception {
        String topic = "v1.1/Things(" + station.thingId() + ")/description";
        subscriber.subscribe(topic, 0);
        return topic;
    }

    /**
     * Changes the station's description and returns every message received before that change's
     * property announcement, leaving out the marker change's own announcements (the station with the
     * marker description, which reach its collections first).
     */
    List<MqttFixtures.Received> untilMarker() throws Exception {
        String topic = "v1.1/Things(" + station.thingId() + ")/description";
        String text = MqttFixtures.unique("marker");
        assertThat(admin().patch("/sta/v1.1/Things(" + station.thingId() + ")", Map.of("description", text)).status())
                .isEqualTo(200);
        List<MqttFixtures.Received> before = new ArrayList<>();
        while (true) {
            MqttFixtures.Received r = next(inbox);
            boolean mark = text.equals(r.json().path("description").asString(""));
            if (mark && r.topic().equals(topic)) {
                return before;
            }
            if (!mark) {
                before.add(r);
            }
        }
    }

    static List<String> topics(List<MqttFixtures.Received> messages) {
        return messages.stream().map(MqttFixtures.Received::topic).toList();
    }

    @Test
    void replacingAThingsLocationsByPutAnnouncesTheNewLinkOnBothSidesAndNothingForTheRemovedOne() throws Exception {
        long thing = station.thingId();
        long old = locationOf(thing);
        long place = newLocation("new-place");
        String thingLocations = "v1.1/Things(" + thing + ")/Locations";
        String newThings = "v1.1/Locations(" + place + ")/Things";
        String oldThings = "v1.1/Locations(" + old + ")/Things";
        String oldLocation = "v1.1/Locations(" + old + ")";
        subscriber.subscribe(new String[] {thingLocations, newThings, oldThings, oldLocation}, new int[] {0, 0, 0, 0});
        marker();

        Api.Response put = admin().put("/sta/v1.1/Things(" + thing + ")", Map.of("name", station.name(),
                "description", "test station", "Locations", List.of(Map.of("@iot.id", place))));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(admin().get("/sta/v1.1/Things(" + thing + ")/Locations").json().get("value")).hasSize(1);

        List<MqttFixtures.Received> heard = untilMarker();
        assertThat(heard).filteredOn(r -> r.topic().equals(thingLocations))
                .extracting(r -> r.json().get("@iot.id").asLong()).containsExactly(place);
        assertThat(heard).filteredOn(r -> r.topic().equals(newThings))
                .extracting(r -> r.json().get("@iot.id").asLong()).containsExactly(thing);
        assertThat(topics(heard)).doesNotContain(oldThings, oldLocation);
    }

    @Test
    void aPropertyTopicHearsOfAChangeAndNotOfTheSameValueSetAgain() throws Exception {
        long thing = station.thingId();
        assertThat(admin().patch("/sta/v1.1/Things(" + thing + ")", Map.of("properties", Map.of("height", 2.5,
                "owner", "河道管理所", "gauge", Map.of("model", "R-2", "ranges", List.of(1, 2.5)))))
                .status()).isEqualTo(200);
        String name = "v1.1/Things(" + thing + ")/name";
        String properties = "v1.1/Things(" + thing + ")/properties";
        subscriber.subscribe(new String[] {name, properties}, new int[] {0, 0});
        marker();
        JsonNode current = admin().get("/sta/v1.1/Things(" + thing + ")").json();

        // the same name and properties, the latter with its members in another order
        Map<String, Object> same = new java.util.LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        current.get("properties").propertyNames().forEach(keys::add);
        java.util.Collections.reverse(keys);
        keys.forEach(k -> same.put(k, current.get("properties").get(k)));
        assertThat(admin().patch("/sta/v1.1/Things(" + thing + ")", Map.of("name", current.get("name").asString(),
                "properties", same)).status()).isEqualTo(200);
        assertThat(topics(untilMarker())).as("nothing changed").doesNotContain(name, properties);

        String renamed = MqttFixtures.unique("renamed");
        assertThat(admin().patch("/sta/v1.1/Things(" + thing + ")", Map.of("name", renamed,
                "properties", same)).status()).isEqualTo(200);
        List<MqttFixtures.Received> heard = untilMarker();
        assertThat(heard).filteredOn(r -> r.topic().equals(name)).extracting(r -> r.json().get("name").asString())
                .containsExactly(renamed);
        assertThat(topics(heard)).as("the properties are as they were").doesNotContain(properties);
    }

    @Test
    void aLinkMadeFromTheLocationSideIsAnnouncedOnBothSides() throws Exception {
        long thing = station.thingId();
        long place = newLocation("linked-place");
        String thingLocations = "v1.1/Things(" + thing + ")/Locations";
        String placeThings = "v1.0/Locations(" + place + ")/Things";
        subscriber.subscribe(new String[] {thingLocations, placeThings}, new int[] {0, 0});
        marker();

        Api.Response patch = admin().patch("/sta/v1.1/Locations(" + place + ")",
                Map.of("Things", List.of(Map.of("@iot.id", thing))));
        assertThat(patch.status()).as(patch.toString()).isEqualTo(200);

        List<MqttFixtures.Received> heard = untilMarker();
        assertThat(heard).filteredOn(r -> r.topic().equals(thingLocations))
                .extracting(r -> r.json().get("@iot.id").asLong()).containsExactly(place);
        MqttFixtures.Received toPlace = heard.stream().filter(r -> r.topic().equals(placeThings)).findFirst().orElseThrow();
        assertThat(toPlace.json().get("@iot.id").asLong()).isEqualTo(thing);
        assertThat(toPlace.json().get("@iot.selfLink").asString()).endsWith("/sta/v1.0/Things(" + thing + ")");
    }

    @Test
    void aDatastreamMovedToAnotherSensorReachesTheNewSensorsDatastreamsAndNotTheOldOnes() throws Exception {
        long stream = station.datastreamId();
        long oldSensor = admin().get("/sta/v1.1/Datastreams(" + stream + ")/Sensor").json().get("@iot.id").asLong();
        long newSensor = admin().post("/sta/v1.1/Sensors", Map.of("name", MqttFixtures.unique("new-gauge"),
                "description", "radar gauge", "encodingType", "application/pdf", "metadata",
                "http://example.org/gauge.pdf")).json().get("@iot.id").asLong();
        String newTopic = "v1.1/Sensors(" + newSensor + ")/Datastreams";
        String oldTopic = "v1.1/Sensors(" + oldSensor + ")/Datastreams";
        subscriber.subscribe(new String[] {newTopic, oldTopic}, new int[] {0, 0});
        marker();

        Api.Response patch = admin().patch("/sta/v1.1/Datastreams(" + stream + ")",
                Map.of("Sensor", Map.of("@iot.id", newSensor)));
        assertThat(patch.status()).as(patch.toString()).isEqualTo(200);

        List<MqttFixtures.Received> heard = untilMarker();
        assertThat(heard).filteredOn(r -> r.topic().equals(newTopic))
                .extracting(r -> r.json().get("@iot.id").asLong()).containsExactly(stream);
        assertThat(topics(heard)).doesNotContain(oldTopic);
    }

    @Test
    void aHistoricalLocationGivenALocationAndMovedToAnotherThingIsAnnouncedWhereItIsAndNotToItsOldThing() throws Exception {
        long thing = station.thingId();
        long old = locationOf(thing);
        long otherThing = MqttFixtures.station(admin(), "mqtt-history-owner").thingId();
        Api.Response created = admin().post("/sta/v1.1/HistoricalLocations", Map.of("time", "2026-11-28T07:00:00Z",
                "Thing", Map.of("@iot.id", thing), "Locations", List.of(Map.of("@iot.id", old))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long historical = created.json().get("@iot.id").asLong();
        long place = newLocation("history-place");
        String itsLocations = "v1.1/HistoricalLocations(" + historical + ")/Locations";
        String newHistory = "v1.1/Locations(" + place + ")/HistoricalLocations";
        String oldHistory = "v1.1/Locations(" + old + ")/HistoricalLocations";
        String newOwner = "v1.1/Things(" + otherThing + ")/HistoricalLocations";
        String oldOwner = "v1.1/Things(" + thing + ")/HistoricalLocations";
        subscriber.subscribe(new String[] {itsLocations, newHistory, oldHistory, newOwner, oldOwner},
                new int[] {0, 0, 0, 0, 0});
        marker();

        Api.Response patch = admin().patch("/sta/v1.1/HistoricalLocations(" + historical + ")", Map.of(
                "Locations", List.of(Map.of("@iot.id", place)), "Thing", Map.of("@iot.id", otherThing)));
        assertThat(patch.status()).as(patch.toString()).isEqualTo(200);

        List<MqttFixtures.Received> heard = untilMarker();
        assertThat(heard).filteredOn(r -> r.topic().equals(itsLocations))
                .extracting(r -> r.json().get("@iot.id").asLong()).containsExactly(place);
        assertThat(heard).filteredOn(r -> r.topic().equals(newHistory))
                .extracting(r -> r.json().get("@iot.id").asLong()).containsExactly(historical);
        assertThat(heard).filteredOn(r -> r.topic().equals(newOwner))
                .extracting(r -> r.json().get("@iot.id").asLong()).containsExactly(historical);
        // a PATCH adds to a HistoricalLocation's Locations (only a Thing's are replaced): the old one
        // still holds it and hears of the update; the Thing it left hears nothing
        assertThat(admin().get("/sta/v1.1/" + itsLocations.substring(5)).json().get("value")).hasSize(2);
        assertThat(heard).filteredOn(r -> r.topic().equals(oldHistory))
                .extracting(r -> r.json().get("@iot.id").asLong()).containsExactly(historical);
        assertThat(topics(heard)).doesNotContain(oldOwner);
    }

    @Test
    void deletingEntitiesAndTheirLinksPublishesNothing() throws Exception {
        MqttFixtures.Station doomed = MqttFixtures.station(admin(), "mqtt-doomed");
        long place = locationOf(doomed.thingId());
        long sensor = admin().get("/sta/v1.1/Datastreams(" + doomed.datastreamId() + ")/Sensor").json()
                .get("@iot.id").asLong();
        List<String> watched = List.of(
                "v1.1/Datastreams", "v1.1/Datastreams(" + doomed.datastreamId() + ")",
                "v1.1/Things(" + doomed.thingId() + ")/Datastreams", "v1.1/Sensors(" + sensor + ")/Datastreams",
                "v1.1/Things", "v1.1/Things(" + doomed.thingId() + ")", "v1.1/Things(" + doomed.thingId() + ")/name",
                "v1.1/Locations(" + place + ")/Things", "v1.1/Things(" + doomed.thingId() + ")/Locations",
                "v1.1/Locations(" + place + ")", "v1.1/HistoricalLocations");
        subscriber.subscribe(watched.toArray(String[]::new), new int[watched.size()]);
        marker();
        // the subscriptions are live: an update of the doomed Thing is heard on its entity and property topics
        String renamed = MqttFixtures.unique("doomed-renamed");
        assertThat(admin().patch("/sta/v1.1/Things(" + doomed.thingId() + ")", Map.of("name", renamed)).status())
                .isEqualTo(200);
        List<MqttFixtures.Received> update = new ArrayList<>();
        String nameTopic = "v1.1/Things(" + doomed.thingId() + ")/name";
        for (MqttFixtures.Received r = next(inbox); !r.topic().equals(nameTopic); r = next(inbox)) {
            update.add(r);
        }
        assertThat(topics(update)).contains("v1.1/Things", "v1.1/Things(" + doomed.thingId() + ")",
                "v1.1/Locations(" + place + ")/Things");

        assertThat(admin().delete("/sta/v1.1/Datastreams(" + doomed.datastreamId() + ")").status()).isEqualTo(200);
        assertThat(admin().delete("/sta/v1.1/Things(" + doomed.thingId() + ")").status()).isEqualTo(200);
        assertThat(admin().get("/sta/v1.1/Locations(" + place + ")/Things").json().get("value")).isEmpty();

        List<MqttFixtures.Received> heard = untilMarker();
        assertThat(heard).as("messages before the marker").isEmpty();
    }
}
