package org.cityops.sensing.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;

import org.cityops.Api;
import org.cityops.platform.TokenIssuer;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The set-up of the A.8 (receive) tests: before each test a station (a Thing with a Datastream),
 * a device login for it and a Paho subscriber connected to the embedded broker, with its inbox.
 */
abstract class MqttSubscriberTestBase {

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired MqttBroker broker;

    MqttFixtures.Station station;
    MqttClient subscriber;
    BlockingQueue<MqttFixtures.Received> inbox;

    /** Returns the prefix of the station's name, naming the test class's stations apart. */
    abstract String stationPrefix();

    Api admin() {
        return MqttFixtures.admin(port, issuer);
    }

    /** A Location document (a point near the station) of that name. */
    static Map<String, Object> location(String name) {
        return Map.of("name", name, "description", "a place", "encodingType", "application/geo+json",
                "location", Map.of("type", "Point", "coordinates", List.of(121.48, 31.24)));
    }

    /** Creates a Location named after the prefix, linked to nothing; returns its id. */
    long newLocation(String prefix) {
        return admin().post("/sta/v1.1/Locations", location(MqttFixtures.unique(prefix))).json().get("@iot.id").asLong();
    }

    @BeforeEach
    void connect() throws MqttException {
        station = MqttFixtures.station(admin(), stationPrefix());
        MqttFixtures.Login login = MqttFixtures.login(admin(), station.thingId());
        subscriber = MqttFixtures.connect("tcp://localhost:" + broker.port(), login.username(), login.password());
        inbox = MqttFixtures.inbox(subscriber);
    }

    @AfterEach
    void disconnect() throws MqttException {
        subscriber.disconnect();
        subscriber.close();
    }
}
