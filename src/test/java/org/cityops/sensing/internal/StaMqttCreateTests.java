package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.cityops.sensing.internal.MqttFixtures.eventually;
import static org.cityops.sensing.internal.MqttFixtures.json;
import static org.cityops.sensing.internal.MqttFixtures.observations;

import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.platform.TokenIssuer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * Conformance class A.7 (SensorThings MQTT create) against the embedded broker with a real Paho
 * client: a QoS 1 PUBACK means the Observation is stored and readable over HTTP; refused publishes
 * (bad payloads, topics that create nothing, another Thing's datastream) are not acknowledged and
 * write nothing; wrong credentials are refused in the CONNACK.
 */
@IntegrationTest
class StaMqttCreateTests {

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired MqttBroker broker;
    @Autowired MeterRegistry meters;

    Api admin() {
        return MqttFixtures.admin(port, issuer);
    }

    String url() {
        return "tcp://localhost:" + broker.port();
    }

    double refused(String reason) {
        return meters.find("cityops.mqtt.publishes.refused").tag("reason", reason).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    @Test
    void anObservationPublishedWithQos1IsReadableOverHttpOnceAcknowledged() throws Exception {
        MqttFixtures.Station s = MqttFixtures.station(admin(), "mqtt-create");
        MqttFixtures.Login login = MqttFixtures.login(admin(), s.thingId());
        MqttClient client = MqttFixtures.connect(url(), login.username(), login.password());
        try {
            // MqttClient.publish returns once the PUBACK arrived
            client.publish("v1.1/Datastreams(" + s.datastreamId() + ")/Observations",
                    json(Map.of("result", 3.25, "phenomenonTime", "2026-11-28T08:00:00Z")), 1, false);
            assertThat(observations(admin(), s.datastreamId(), "result eq 3.25")).isEqualTo(1);

            client.publish("v1.0/Observations", json(Map.of("result", 4.5, "Datastream",
                    Map.of("@iot.id", s.datastreamId()))), 1, false);
            assertThat(observations(admin(), s.datastreamId(), "result eq 4.5")).isEqualTo(1);

            long feature = admin().get("/sta/v1.1/Datastreams(" + s.datastreamId() + ")/Observations?$top=1"
                    + "&$expand=FeatureOfInterest").json().get("value").get(0).get("FeatureOfInterest").get("@iot.id").asLong();
            client.publish("v1.1/FeaturesOfInterest(" + feature + ")/Observations", json(Map.of("result", 5.75,
                    "Datastream", Map.of("@iot.id", s.datastreamId()))), 1, false);
            JsonNode stored = admin().get("/sta/v1.1/Datastreams(" + s.datastreamId() + ")/Observations?$filter="
                    + MqttFixtures.q("result eq 5.75") + "&$expand=FeatureOfInterest").json().get("value").get(0);
            assertThat(stored.get("FeatureOfInterest").get("@iot.id").asLong()).isEqualTo(feature);
        } finally {
            client.disconnect();
            client.close();
        }
    }

    @Test
    void badPublishesAreNotAcknowledgedAndWriteNothing() throws Exception {
        MqttFixtures.Station s = MqttFixtures.station(admin(), "mqtt-bad");
        MqttFixtures.Login login = MqttFixtures.login(admin(), s.thingId());
        String topic = "v1.1/Datastreams(" + s.datastreamId() + ")/Observations";
        Map<String, byte[]> bad = new java.util.LinkedHashMap<>();
        bad.put(topic, json("{\"result\": 1.0,"));                                   // malformed JSON
        bad.put(topic + " ", json(Map.of("result", "high")));                       // wrong result type
        bad.put(topic + "  ", json(Map.of("result", 1.0, "colour", "red")));       // unknown member
        bad.put("v1.1/Things", json(Map.of("name", "x", "description", "y")));      // only Observations are created
        bad.put("v1.1/Datastreams(999999999)/Observations", json(Map.of("result", 1.0)));
        MqttAsyncClient client = asyncClient(login);
        try {
            for (Map.Entry<String, byte[]> b : bad.entrySet()) {
                double before = refused("400") + refused("404");
                IMqttDeliveryToken token = client.publish(b.getKey().strip(), b.getValue(), 1, false);
                eventually("the publish to " + b.getKey() + " is refused", () -> refused("400") + refused("404") > before);
                assertThat(token.isComplete()).as("PUBACK for " + b.getKey()).isFalse();
            }
            assertThat(observations(admin(), s.datastreamId(), null)).isZero();
            assertThat(admin().get("/sta/v1.1/Things?$filter=" + MqttFixtures.q("name eq 'x' and description eq 'y'"))
                    .json().get("value")).isEmpty();
        } finally {
            client.disconnectForcibly(1000, 1000);
            client.close();
        }
    }

    @Test
    void aDeviceWritingToAnotherThingsDatastreamIsRefusedAndCounted() throws Exception {
        MqttFixtures.Station mine = MqttFixtures.station(admin(), "mqtt-mine");
        MqttFixtures.Station theirs = MqttFixtures.station(admin(), "mqtt-theirs");
        MqttFixtures.Login login = MqttFixtures.login(admin(), mine.thingId());
        MqttAsyncClient client = asyncClient(login);
        try {
            double before = refused("403");
            IMqttDeliveryToken viaTopic = client.publish("v1.1/Datastreams(" + theirs.datastreamId() + ")/Observations",
                    json(Map.of("result", 1.0)), 1, false);
            IMqttDeliveryToken viaBody = client.publish("v1.1/Observations", json(Map.of("result", 2.0,
                    "Datastream", Map.of("@iot.id", theirs.datastreamId()))), 1, false);
            eventually("both publishes are refused", () -> refused("403") >= before + 2);
            assertThat(viaTopic.isComplete()).isFalse();
            assertThat(viaBody.isComplete()).isFalse();
            assertThat(observations(admin(), theirs.datastreamId(), null)).isZero();

            client.publish("v1.1/Datastreams(" + mine.datastreamId() + ")/Observations",
                    json(Map.of("result", 7.0)), 1, false).waitForCompletion(30_000);
            assertThat(observations(admin(), mine.datastreamId(), "result eq 7.0")).isEqualTo(1);
        } finally {
            client.disconnectForcibly(1000, 1000);
            client.close();
        }
    }

    @Test
    void wrongOrMissingOrDeactivatedCredentialsAreRefusedInTheConnack() throws Exception {
        MqttFixtures.Station s = MqttFixtures.station(admin(), "mqtt-auth");
        MqttFixtures.Login login = MqttFixtures.login(admin(), s.thingId());

        MqttSecurityException wrong = catchThrowableOfType(MqttSecurityException.class,
                () -> MqttFixtures.connect(url(), login.username(), login.password() + "x"));
        assertThat(wrong.getReasonCode()).isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION);

        MqttSecurityException anonymous = catchThrowableOfType(MqttSecurityException.class,
                () -> MqttFixtures.connect(url(), null, null));
        assertThat(anonymous.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED);

        MqttClient connected = MqttFixtures.connect(url(), login.username(), login.password());
        assertThat(admin().post("/api/v1/sensors/credentials/" + login.id() + "/deactivate", Map.of()).status())
                .isEqualTo(200);
        eventually("the deactivated device is disconnected", () -> !connected.isConnected());
        connected.close();
        MqttSecurityException deactivated = catchThrowableOfType(MqttSecurityException.class,
                () -> MqttFixtures.connect(url(), login.username(), login.password()));
        assertThat(deactivated.getReasonCode()).isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION);
    }

    private MqttAsyncClient asyncClient(MqttFixtures.Login login) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url(), MqttFixtures.unique("paho"), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setUserName(login.username());
        o.setPassword(login.password().toCharArray());
        client.connect(o).waitForCompletion(30_000);
        return client;
    }
}
