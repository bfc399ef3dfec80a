package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cityops.sensing.internal.MqttFixtures.eventually;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.cityops.IntegrationTest;
import org.cityops.platform.TokenIssuer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Back-pressure of the embedded broker: with {@code max-in-flight=2}, a client that publishes ten
 * QoS 1 messages never has more than two of them in the ingest at once (the broker stops reading
 * its socket), and each PUBACK comes only once its observation is done. The ingest here is a
 * stand-in the test completes by hand.
 */
@IntegrationTest
@TestPropertySource(properties = {"cityops.mqtt.max-in-flight=2", "cityops.mqtt.allow-anonymous=true"})
class StaMqttBackPressureTests {

    /** An ingest whose observations complete only when the test says so. */
    static final class HeldIngest implements ObservationIngest {
        final ConcurrentLinkedQueue<CompletableFuture<Long>> waiting = new ConcurrentLinkedQueue<>();
        final AtomicInteger outstanding = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final AtomicInteger submitted = new AtomicInteger();

        @Override
        public CompletableFuture<Long> submit(JsonNode body, StaWrites.Parent parent) {
            submitted.incrementAndGet();
            mostAtOnce.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
            CompletableFuture<Long> f = new CompletableFuture<>();
            waiting.add(f);
            return f;
        }

        void completeOne() {
            CompletableFuture<Long> f = waiting.poll();
            outstanding.decrementAndGet();
            f.complete(1L);
        }
    }

    @TestConfiguration
    static class HeldIngestConfiguration {
        @Bean
        @Primary
        HeldIngest heldIngest() {
            return new HeldIngest();
        }
    }

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired MqttBroker broker;
    @Autowired HeldIngest ingest;

    @Test
    void aClientAtItsInFlightLimitIsNotReadUntilAnAcknowledgementFreesASlot() throws Exception {
        long datastream = anyDatastream();
        MqttAsyncClient client = new MqttAsyncClient("tcp://localhost:" + broker.port(), MqttFixtures.unique("flood"),
                new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(100);
        client.connect(o).waitForCompletion(30_000);
        try {
            List<IMqttDeliveryToken> tokens = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                tokens.add(client.publish("v1.1/Datastreams(" + datastream + ")/Observations",
                        ("{\"result\": " + i + "}").getBytes(StandardCharsets.UTF_8), 1, false));
            }
            for (int done = 0; done < 10; done++) {
                int expected = Math.min(2, 10 - done);
                eventually("two publishes reach the ingest", () -> ingest.outstanding.get() == expected);
                assertThat(ingest.mostAtOnce.get()).as("publishes in the ingest at once").isLessThanOrEqualTo(2);
                assertThat(tokens.stream().filter(IMqttDeliveryToken::isComplete).count()).isEqualTo(done);
                ingest.completeOne();
                int acked = done + 1;
                eventually("the completed publish is acknowledged",
                        () -> tokens.stream().filter(IMqttDeliveryToken::isComplete).count() == acked);
            }
            assertThat(ingest.submitted.get()).isEqualTo(10);
        } finally {
            client.disconnectForcibly(1000, 1000);
            client.close();
        }
    }

    private long anyDatastream() {
        // the topic's Datastream must exist; the held ingest stores nothing
        return MqttFixtures.station(MqttFixtures.admin(port, issuer), "held").datastreamId();
    }
}
