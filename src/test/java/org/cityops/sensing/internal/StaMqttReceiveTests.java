package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cityops.sensing.internal.MqttFixtures.json;
import static org.cityops.sensing.internal.MqttFixtures.next;

import java.util.Map;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Conformance class A.8 (SensorThings MQTT receive) against the embedded broker with a real Paho
 * client: subscriptions to an entity set, an entity set through a relation, one entity, one
 * property and an entity set with {@code $select} receive the entity as the HTTP API renders it.
 */
@IntegrationTest
class StaMqttReceiveTests extends MqttSubscriberTestBase {

    @Override
    String stationPrefix() {
        return "mqtt-receive";
    }

    @Test
    void aSubscriberToAnEntitySetReceivesEachNewEntityWithItsSelfLink() throws Exception {
        subscriber.subscribe("v1.1/Things", 0);
        String name = MqttFixtures.unique("announced");
        Api.Response created = admin().post("/sta/v1.1/Things", Map.of("name", name, "description", "new"));
        assertThat(created.status()).isEqualTo(201);

        MqttFixtures.Received r = nextWithName(name);
        assertThat(r.topic()).isEqualTo("v1.1/Things");
        assertThat(r.json().get("@iot.id").asLong()).isEqualTo(created.json().get("@iot.id").asLong());
        assertThat(r.json().get("@iot.selfLink").asString()).endsWith("/sta/v1.1/Things(" + r.json().get("@iot.id").asLong() + ")");
        assertThat(r.json().get("Datastreams@iot.navigationLink").asString()).endsWith("/Datastreams");
    }

    @Test
    void aSubscriberToADatastreamsObservationsReceivesObservationsFromHttpAndMqtt() throws Exception {
        String topic = "v1.0/Datastreams(" + station.datastreamId() + ")/Observations";
        subscriber.subscribe(topic, 0);
        Api.Response posted = admin().post("/sta/v1.1/Datastreams(" + station.datastreamId() + ")/Observations",
                Map.of("result", 1.5, "phenomenonTime", "2026-11-28T09:00:00Z"));
        assertThat(posted.status()).isEqualTo(201);
        MqttFixtures.Received viaHttp = next(inbox);
        assertThat(viaHttp.topic()).isEqualTo(topic);
        assertThat(viaHttp.json().get("result").asDouble()).isEqualTo(1.5);
        assertThat(viaHttp.json().get("phenomenonTime").asString()).isEqualTo("2026-11-28T09:00:00.000Z");
        assertThat(viaHttp.json().get("@iot.selfLink").asString())
                .endsWith("/sta/v1.0/Observations(" + posted.json().get("@iot.id").asLong() + ")");

        subscriber.publish("v1.1/Datastreams(" + station.datastreamId() + ")/Observations", json(Map.of("result", 2.5)),
                1, false);
        assertThat(next(inbox).json().get("result").asDouble()).isEqualTo(2.5);
    }

    @Test
    void aSubscriberToOneEntityReceivesItWhenItChanges() throws Exception {
        subscriber.subscribe("v1.1/Things(" + station.thingId() + ")", 0);
        assertThat(admin().patch("/sta/v1.1/Things(" + station.thingId() + ")", Map.of("description", "moved upstream"))
                .status()).isEqualTo(200);
        JsonNode thing = next(inbox).json();
        assertThat(thing.get("@iot.id").asLong()).isEqualTo(station.thingId());
        assertThat(thing.get("description").asString()).isEqualTo("moved upstream");
        assertThat(thing.get("name").asString()).isEqualTo(station.name());
    }

    @Test
    void aSubscriberToAPropertyReceivesOnlyThatPropertyWhenItChanges() throws Exception {
        subscriber.subscribe("v1.1/Things(" + station.thingId() + ")/name", 0);
        admin().patch("/sta/v1.1/Things(" + station.thingId() + ")", Map.of("description", "not the name"));
        String renamed = MqttFixtures.unique("renamed");
        admin().patch("/sta/v1.1/Things(" + station.thingId() + ")", Map.of("name", renamed));
        MqttFixtures.Received r = next(inbox);
        assertThat(r.topic()).isEqualTo("v1.1/Things(" + station.thingId() + ")/name");
        assertThat(r.json().properties()).hasSize(1);
        assertThat(r.json().get("name").asString()).isEqualTo(renamed);
    }

    @Test
    void aSubscriberWithSelectReceivesOnlyTheSelectedProperties() throws Exception {
        String topic = "v1.1/Datastreams(" + station.datastreamId() + ")/Observations?$select=result,phenomenonTime";
        subscriber.subscribe(topic, 0);
        admin().post("/sta/v1.1/Datastreams(" + station.datastreamId() + ")/Observations", Map.of("result", 8.5));
        MqttFixtures.Received r = next(inbox);
        assertThat(r.topic()).isEqualTo(topic);
        assertThat(r.json().propertyNames()).containsExactlyInAnyOrder("result", "phenomenonTime");
        assertThat(r.json().get("result").asDouble()).isEqualTo(8.5);
    }

    @Test
    void theServiceRootListsTheMqttConformanceClassesWithTheBrokersEndpoint() {
        JsonNode settings = admin().get("/sta/v1.1").json().get("serverSettings");
        String create = "http://www.opengis.net/spec/iot_sensing/1.1/req/create-observations-via-mqtt/observations-creation";
        String receive = "http://www.opengis.net/spec/iot_sensing/1.1/req/receive-updates-via-mqtt/receive-updates";
        assertThat(settings.get("conformance").valueStream().map(JsonNode::asString)).contains(create, receive);
        assertThat(settings.get(create).get("endpoints").get(0).asString()).isEqualTo("mqtt://localhost:" + broker.port());
        assertThat(settings.get(receive).get("endpoints").get(0).asString()).isEqualTo("mqtt://localhost:" + broker.port());
    }

    @Test
    void topicsTheExtensionDoesNotDefineAreRefusedInTheSuback() throws Exception {
        for (String topic : new String[] {"v1.1/#", "v2.0/Things", "v1.1/Things/$ref",
                "v1.1/Things(1)?$select=name", "v1.1/Things?$filter=name eq 'x'"}) {
            int granted;
            try {
                IMqttToken token = subscriber.subscribeWithResponse(topic, 0);
                granted = token.getGrantedQos()[0];
            } catch (MqttException e) {
                granted = e.getReasonCode();
            }
            assertThat(granted).as(topic).isEqualTo(128);
        }
    }

    private MqttFixtures.Received nextWithName(String name) throws InterruptedException {
        while (true) {
            MqttFixtures.Received r = next(inbox);
            if (name.equals(r.json().path("name").asString(""))) {
                return r;
            }
        }
    }
}
