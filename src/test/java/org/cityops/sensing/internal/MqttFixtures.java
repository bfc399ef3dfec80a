package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.cityops.Api;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import tools.jackson.databind.JsonNode;

/** Shared set-up of the MQTT tests: Things with a Datastream, device credentials, Paho clients. */
final class MqttFixtures {

    static final String MEASUREMENT = "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement";

    private MqttFixtures() {
    }

    /** A Thing with one measurement Datastream. */
    record Station(long thingId, long datastreamId, String name) {
    }

    /** A device credential as issued, with its secrets. */
    record Login(long id, String name, String apiKey, String username, String password) {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static Api admin(int port, TokenIssuer issuer) {
        return Api.on(port, issuer).as(new Actor("mqtt-admin", Role.ADMIN, null, null));
    }

    /** Creates a Thing with a Location and a water-level Datastream over HTTP. */
    static Station station(Api admin, String prefix) {
        String name = unique(prefix);
        Map<String, Object> body = Map.of("name", name, "description", "test station",
                "Locations", List.of(Map.of("name", name + " spot", "description", "where it stands",
                        "encodingType", "application/geo+json",
                        "location", Map.of("type", "Point", "coordinates", List.of(121.47, 31.23)))),
                "Datastreams", List.of(Map.of("name", name + " level", "description", "water level",
                        "observationType", MEASUREMENT,
                        "unitOfMeasurement", Map.of("name", "metre", "symbol", "m", "definition", "http://qudt.org/vocab/unit/M"),
                        "Sensor", Map.of("name", "gauge", "description", "radar gauge", "encodingType", "application/pdf",
                                "metadata", "http://example.org/gauge.pdf"),
                        "ObservedProperty", Map.of("name", "water level", "definition", "http://example.org/water-level",
                                "description", "height of the water surface"))));
        Api.Response r = admin.post("/sta/v1.1/Things", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        long thing = r.json().get("@iot.id").asLong();
        Api.Response ds = admin.get("/sta/v1.1/Things(" + thing + ")/Datastreams");
        return new Station(thing, ds.json().get("value").get(0).get("@iot.id").asLong(), name);
    }

    /** Issues a credential with an API key and MQTT login for the Things. */
    static Login login(Api admin, long... thingIds) {
        String name = unique("dev");
        Api.Response r = admin.post("/api/v1/sensors/credentials", Map.of("name", name, "integration", "tests",
                "thingIds", java.util.Arrays.stream(thingIds).boxed().toList(), "apiKey", true, "mqtt", true));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode j = r.json();
        return new Login(j.get("credential").get("id").asLong(), name, j.get("apiKey").asString(),
                j.get("credential").get("mqttUsername").asString(), j.get("mqttPassword").asString());
    }

    /** Returns how many Observations of the Datastream have the result. */
    static long observations(Api api, long datastreamId, String filter) {
        Api.Response r = api.get("/sta/v1.1/Datastreams(" + datastreamId + ")/Observations?$count=true&$top=0"
                + (filter == null ? "" : "&$filter=" + q(filter)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("@iot.count").asLong();
    }

    /** Returns a connected Paho client (MQTT 3.1.1, clean session) with the login, or anonymous for {@code null}. */
    static MqttClient connect(String url, String username, String password) throws MqttException {
        MqttClient client = new MqttClient(url, unique("paho"), new MemoryPersistence());
        client.setTimeToWait(30_000);
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setConnectionTimeout(30);
        if (username != null) {
            o.setUserName(username);
            o.setPassword(password.toCharArray());
        }
        client.connect(o);
        return client;
    }

    /** Returns a queue that receives every message the client gets, as (topic, JSON). */
    static BlockingQueue<Received> inbox(MqttClient client) {
        BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
        client.setCallback(new MqttCallback() {
            @Override public void connectionLost(Throwable cause) { }
            @Override public void messageArrived(String topic, MqttMessage message) {
                inbox.add(new Received(topic, Api.JSON.readTree(new String(message.getPayload(), StandardCharsets.UTF_8))));
            }
            @Override public void deliveryComplete(IMqttDeliveryToken token) { }
        });
        return inbox;
    }

    /** One message a subscriber received. */
    record Received(String topic, JsonNode json) {
    }

    /** Returns the next message, failing the test when none comes within a generous bound. */
    static Received next(BlockingQueue<Received> inbox) throws InterruptedException {
        Received r = inbox.poll(30, TimeUnit.SECONDS);
        assertThat(r).as("a message arrives").isNotNull();
        return r;
    }

    /** Waits (with a generous bound) for something that happens asynchronously, failing when it never does. */
    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(end);
            Thread.sleep(50);
        }
    }

    static byte[] json(Object body) {
        return (body instanceof String s ? s : Api.JSON.writeValueAsString(body)).getBytes(StandardCharsets.UTF_8);
    }
}
