package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.platform.TokenIssuer;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * The embedded broker's other listeners: MQTT over TLS ({@code mqtts}) and MQTT over WebSocket
 * ({@code ws://…/mqtt}) serve the same SensorThings topics with the same login and the same
 * PUBACK-after-commit; the service root lists them as endpoints; a plain client cannot talk to
 * the TLS port.
 */
@IntegrationTest
@TestPropertySource(properties = {"cityops.mqtt.tls.port=0",
        "cityops.mqtt.tls.key-store=src/test/resources/mqtt/test-broker.p12",
        "cityops.mqtt.tls.key-store-password=test-broker", "cityops.mqtt.websocket.port=0"})
class StaMqttTlsAndWebSocketTests {

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired MqttBroker broker;

    Api admin() {
        return MqttFixtures.admin(port, issuer);
    }

    static byte[] json(Object body) {
        return Api.JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    }

    long stored(long datastream, double result) {
        return admin().get("/sta/v1.1/Datastreams(" + datastream + ")/Observations?$count=true&$top=0&$filter="
                + MqttFixtures.q("result eq " + result)).json().get("@iot.count").asLong();
    }

    static MqttConnectOptions login(MqttFixtures.Login login) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setConnectionTimeout(30);
        o.setUserName(login.username());
        o.setPassword(login.password().toCharArray());
        return o;
    }

    /** Trusts the test broker's self-signed certificate, and nothing else. */
    static SSLContext trustingTestBroker() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of("src/test/resources/mqtt/test-broker.p12"))) {
            store.load(in, "test-broker".toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    @Test
    void aDevicePublishesOverTlsAndThePubackMeansStored() throws Exception {
        MqttFixtures.Station s = MqttFixtures.station(admin(), "mqtts");
        MqttFixtures.Login login = MqttFixtures.login(admin(), s.thingId());
        MqttConnectOptions options = login(login);
        options.setSocketFactory(trustingTestBroker().getSocketFactory());
        MqttClient client = new MqttClient("ssl://localhost:" + broker.tlsPort(), MqttFixtures.unique("tls"),
                new MemoryPersistence());
        client.setTimeToWait(30_000);
        client.connect(options);
        try {
            client.publish("v1.1/Datastreams(" + s.datastreamId() + ")/Observations", json(Map.of("result", 7.25)), 1,
                    false);
            assertThat(stored(s.datastreamId(), 7.25)).isEqualTo(1);
        } finally {
            client.disconnect();
            client.close();
        }
    }

    @Test
    void aPlainClientCannotTalkToTheTlsPort() throws Exception {
        MqttFixtures.Station s = MqttFixtures.station(admin(), "mqtts-plain");
        MqttFixtures.Login login = MqttFixtures.login(admin(), s.thingId());
        MqttConnectOptions options = login(login);
        options.setConnectionTimeout(5);
        MqttClient client = new MqttClient("tcp://localhost:" + broker.tlsPort(), MqttFixtures.unique("plain"),
                new MemoryPersistence());
        try {
            assertThatThrownBy(() -> client.connect(options)).isInstanceOf(MqttException.class);
        } finally {
            client.close();
        }
    }

    @Test
    void aClientPublishesAndSubscribesOverWebSocket() throws Exception {
        MqttFixtures.Station s = MqttFixtures.station(admin(), "mqtt-ws");
        MqttFixtures.Login login = MqttFixtures.login(admin(), s.thingId());
        MqttClient client = new MqttClient("ws://localhost:" + broker.webSocketPort() + "/mqtt",
                MqttFixtures.unique("ws"), new MemoryPersistence());
        client.setTimeToWait(30_000);
        BlockingQueue<MqttFixtures.Received> inbox = MqttFixtures.inbox(client);
        client.connect(login(login));
        try {
            String topic = "v1.1/Datastreams(" + s.datastreamId() + ")/Observations";
            client.subscribe(topic, 0);
            client.publish(topic, json(Map.of("result", 8.5)), 1, false);
            assertThat(stored(s.datastreamId(), 8.5)).isEqualTo(1);
            MqttFixtures.Received received = inbox.poll(30, TimeUnit.SECONDS);
            assertThat(received).as("the new Observation is announced over the WebSocket too").isNotNull();
            assertThat(received.json().get("result").asDouble()).isEqualTo(8.5);
        } finally {
            client.disconnect();
            client.close();
        }
    }

    @Test
    void theServiceRootListsEveryMqttEndpoint() {
        JsonNode settings = admin().get("/sta/v1.1").json().get("serverSettings");
        String create = "http://www.opengis.net/spec/iot_sensing/1.1/req/create-observations-via-mqtt/observations-creation";
        List<String> endpoints = settings.get(create).get("endpoints").valueStream().map(JsonNode::asString).toList();
        assertThat(endpoints).containsExactly("mqtt://localhost:" + broker.port(),
                "mqtts://localhost:" + broker.tlsPort(), "ws://localhost:" + broker.webSocketPort() + "/mqtt");
    }
}
