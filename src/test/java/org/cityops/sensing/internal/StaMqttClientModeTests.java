package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cityops.sensing.internal.MqttFixtures.eventually;
import static org.cityops.sensing.internal.MqttFixtures.json;
import static org.cityops.sensing.internal.MqttFixtures.observations;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.platform.TokenIssuer;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Client mode against a real Mosquitto broker started for the test (skipped, with the reason,
 * when the {@code mosquitto} binary is not installed): CityOps subscribes to the SensorThings
 * create topics under a prefix and stores what a device publishes there; bad payloads are
 * acknowledged to the broker (so they do not block the session) but write nothing.
 */
@IntegrationTest
// the context's Paho client would otherwise keep reconnecting to the stopped Mosquitto
@DirtiesContext
class StaMqttClientModeTests {

    private static Process mosquitto;
    private static int mosquittoPort;

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired MqttBroker broker;

    @BeforeAll
    static void startMosquitto() throws Exception {
        File binary = null;
        for (String candidate : new String[] {"/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto",
                "/usr/local/bin/mosquitto", "/opt/homebrew/sbin/mosquitto"}) {
            if (new File(candidate).canExecute()) {
                binary = new File(candidate);
            }
        }
        Assumptions.assumeTrue(binary != null, "mosquitto is not installed (apt-get install -y mosquitto): "
                + "client mode is not tested");
        try (ServerSocket free = new ServerSocket(0)) {
            mosquittoPort = free.getLocalPort();
        }
        mosquitto = new ProcessBuilder(binary.getPath(), "-p", String.valueOf(mosquittoPort))
                .redirectErrorStream(true).redirectOutput(new File("target/mosquitto-test.log")).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket s = new Socket("localhost", mosquittoPort)) {
                break;
            } catch (IOException notYet) {
                Assumptions.assumeTrue(mosquitto.isAlive(), "mosquitto did not start: see target/mosquitto-test.log");
                assertThat(System.nanoTime()).as("mosquitto listens").isLessThan(end);
                Thread.sleep(50);
            }
        }
    }

    @AfterAll
    static void stopMosquitto() throws InterruptedException {
        if (mosquitto != null) {
            mosquitto.destroy();
            mosquitto.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @DynamicPropertySource
    static void clientMode(DynamicPropertyRegistry registry) {
        registry.add("cityops.mqtt.mode", () -> "client");
        registry.add("cityops.mqtt.client.url", () -> "tcp://localhost:" + mosquittoPort);
        registry.add("cityops.mqtt.client.client-id", () -> MqttFixtures.unique("cityops-test"));
        registry.add("cityops.mqtt.client.topic-prefix", () -> "city/");
    }

    @Test
    void observationsPublishedToTheExternalBrokerAreStoredAndBadOnesAreNot() throws Exception {
        Api admin = MqttFixtures.admin(port, issuer);
        assertThat(broker.port()).as("no embedded broker in client mode").isEqualTo(-1);
        MqttFixtures.Station s = MqttFixtures.station(admin, "mqtt-client-mode");
        MqttClient device = MqttFixtures.connect("tcp://localhost:" + mosquittoPort, null, null);
        try {
            String topic = "city/v1.1/Datastreams(" + s.datastreamId() + ")/Observations";
            device.publish(topic, json("{\"result\": \"not a number\"}"), 1, false);
            device.publish(topic, json(Map.of("result", 6.25)), 1, false);
            device.publish("city/v1.0/Observations", json(Map.of("result", 6.5,
                    "Datastream", Map.of("@iot.id", s.datastreamId()))), 1, false);
            eventually("both good observations are stored", () -> observations(admin, s.datastreamId(), null) == 2);
            assertThat(observations(admin, s.datastreamId(), "result eq 6.25")).isEqualTo(1);
            assertThat(observations(admin, s.datastreamId(), "result eq 6.5")).isEqualTo(1);
        } finally {
            device.disconnect();
            device.close();
        }
    }
}
