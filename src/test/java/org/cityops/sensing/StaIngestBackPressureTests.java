package org.cityops.sensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Overload is refused, not absorbed: with room for two observations and a writer held up after
 * its commit (a slow feed listener), a burst gets 503 with Retry-After for everything beyond the
 * room, and exactly the acknowledged observations are stored.
 */
@IntegrationTest
@TestPropertySource(properties = {"cityops.sensing.ingest.queue-capacity=2", "cityops.sensing.ingest.max-batch=1"})
class StaIngestBackPressureTests {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired ObservationFeed feed;

    CompletableFuture<HttpResponse<String>> post(String path, Object body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body))).build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBurstBeyondTheQueueIsRefusedWith503AndExactlyTheAcknowledgedObservationsAreStored() throws Exception {
        Api sta = Api.on(port, issuer);
        long thing = Sta.createThing(sta, "v1.1", Sta.unique("burst"), 121.47, 31.23).get("@iot.id").asLong();
        long ds = Sta.datastreamOf(sta, thing);
        String path = "/sta/v1.1/Datastreams(" + ds + ")/Observations";
        CountDownLatch writerHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        feed.subscribe(batch -> {
            if (batch.stream().anyMatch(o -> o.datastreamId() == ds)) {
                writerHeld.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        try {
            sent.add(post(path, Map.of("result", 0)));
            assertThat(writerHeld.await(60, TimeUnit.SECONDS)).as("the first observation reached the writer").isTrue();
            for (int i = 1; i <= 10; i++) {
                sent.add(post(path, Map.of("result", i)));
            }
            // one more fits; the other nine are refused at once while the writer is held
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (sent.stream().filter(CompletableFuture::isDone).count() < 9 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            for (CompletableFuture<HttpResponse<String>> f : sent) {
                if (f.isDone()) {
                    HttpResponse<String> r = f.join();
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
                    assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
                    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                            t -> assertThat(t).contains("application/problem+json"));
                }
            }

            HttpResponse<String> array = post("/sta/v1.1/CreateObservations", List.of(Map.of(
                    "Datastream", Map.of("@iot.id", ds), "components", List.of("result"),
                    "dataArray", List.of(List.of(100))))).join();
            assertThat(array.statusCode()).as("refused whole while the queue is full").isEqualTo(503);
            HttpResponse<String> tooMany = post("/sta/v1.1/CreateObservations", List.of(Map.of(
                    "Datastream", Map.of("@iot.id", ds), "components", List.of("result"),
                    "dataArray", List.of(List.of(200), List.of(201), List.of(202))))).join();
            assertThat(tooMany.statusCode()).as("more rows than the queue holds").isEqualTo(413);
            assertThat(tooMany.body()).contains("At most 2 observations");
        } finally {
            release.countDown();
        }

        Set<Integer> acknowledged = new HashSet<>();
        int refused = 0;
        for (CompletableFuture<HttpResponse<String>> f : sent) {
            HttpResponse<String> r = f.get(120, TimeUnit.SECONDS);
            if (r.statusCode() == 201) {
                acknowledged.add(Api.JSON.readTree(r.body()).get("result").asInt());
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
                refused++;
            }
        }
        assertThat(acknowledged).hasSize(2).contains(0);
        assertThat(refused).isEqualTo(9);
        Set<Integer> stored = new HashSet<>();
        for (JsonNode o : sta.get("/sta/v1.1/Datastreams(" + ds + ")/Observations?$top=100").json().get("value")) {
            stored.add(o.get("result").asInt());
        }
        assertThat(stored).isEqualTo(acknowledged);

        HttpResponse<String> after = post(path, Map.of("result", 300)).get(120, TimeUnit.SECONDS);
        assertThat(after.statusCode()).as("room again once committed").isEqualTo(201);
    }
}
