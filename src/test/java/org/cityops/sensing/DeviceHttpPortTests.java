package org.cityops.sensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * The device ingest port ({@code cityops.sensing.device-http.port}) creates Observations with the
 * main port's rules: a device key writes only to its own datastreams, a bearer token anywhere, no
 * caller nowhere (401); the answer names the stored Observation on the main port; bad input gets
 * the same problems and writes nothing; everything but creating Observations is refused.
 */
@IntegrationTest
@TestPropertySource(properties = {"cityops.sta-anonymous-writes=false", "cityops.sensing.device-http.port=0",
        "cityops.max-request-body=16KB"})
class DeviceHttpPortTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired Environment environment;
    @Autowired MeterRegistry meters;

    Api admin() {
        return Api.on(port, issuer).as(new Actor("device-port-admin", Role.ADMIN, null, null));
    }

    int devicePort() {
        return environment.getRequiredProperty("local.device-http.port", Integer.class);
    }

    record Station(long thing, long datastream) {
    }

    Station station() {
        long thing = Sta.createThing(admin(), "v1.1", Sta.unique("device-port"), 121.5, 31.2).get("@iot.id").asLong();
        return new Station(thing, Sta.datastreamOf(admin(), thing));
    }

    String key(long thing) {
        Api.Response r = admin().post("/api/v1/sensors/credentials", Map.of("name", Sta.unique("port-key"),
                "integration", "tests", "thingIds", List.of(thing)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("apiKey").asString();
    }

    /** The answer with its Location header. */
    record Answer(int status, String body, String contentType, String location, String allow) {
        JsonNode json() {
            return Api.JSON.readTree(body);
        }
    }

    Answer send(String method, String path, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + devicePort() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""),
                r.headers().firstValue("Location").orElse(null), r.headers().firstValue("Allow").orElse(null));
    }

    Answer post(String path, String key, Object body) throws IOException, InterruptedException {
        return send("POST", path, key == null ? Map.of() : Map.of("X-Api-Key", key),
                body instanceof String s ? s : Api.JSON.writeValueAsString(body));
    }

    long count(long datastream) {
        return Sta.count(admin(), "Observations", "Datastream/id eq " + datastream);
    }

    @Test
    void aDeviceKeyCreatesAnObservationThatIsStoredWhenTheAnswerComes() throws Exception {
        Station s = station();
        String key = key(s.thing());
        Answer created = post("/sta/v1.1/Datastreams(" + s.datastream() + ")/Observations", key,
                Map.of("phenomenonTime", "2026-11-28T08:00:00+08:00", "result", 1.25));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("@iot.id").asLong();
        String self = "http://localhost:" + port + "/sta/v1.1/Observations(" + id + ")";
        assertThat(created.location()).isEqualTo(self);
        assertThat(created.json().get("@iot.selfLink").asString()).isEqualTo(self);
        JsonNode stored = admin().get("/sta/v1.1/Observations(" + id + ")").json();
        assertThat(stored.get("result").asDouble()).isEqualTo(1.25);
        assertThat(stored.get("phenomenonTime").asString()).isEqualTo("2026-11-28T00:00:00.000Z");

        Answer viaBody = post("/sta/v1.0/Observations", key,
                Map.of("result", 1.5, "Datastream", Map.of("@iot.id", s.datastream())));
        assertThat(viaBody.status()).as(viaBody.body()).isEqualTo(201);
        assertThat(viaBody.location()).startsWith("http://localhost:" + port + "/sta/v1.0/Observations(");
        assertThat(count(s.datastream())).isEqualTo(2);
    }

    @Test
    void createObservationsAnswersEachRowAndStoresTheGoodOnes() throws Exception {
        Station s = station();
        Answer bulk = post("/sta/v1.1/CreateObservations", key(s.thing()), List.of(Map.of(
                "Datastream", Map.of("@iot.id", s.datastream()), "components", List.of("phenomenonTime", "result"),
                "dataArray", List.of(List.of("2026-11-28T08:00:00Z", 1.0), List.of("not a time", 2.0),
                        List.of("2026-11-28T08:01:00Z", 3.0)))));
        assertThat(bulk.status()).as(bulk.body()).isEqualTo(201);
        JsonNode rows = bulk.json();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).asString()).startsWith("http://localhost:" + port + "/sta/v1.1/Observations(");
        assertThat(rows.get(1).asString()).isEqualTo("error");
        assertThat(rows.get(2).asString()).startsWith("http://localhost:" + port + "/sta/v1.1/Observations(");
        assertThat(count(s.datastream())).isEqualTo(2);
    }

    @Test
    void aBearerTokenWritesToAnyDatastreamAndNoCallerIsUnauthorized() throws Exception {
        Station s = station();
        String path = "/sta/v1.1/Datastreams(" + s.datastream() + ")/Observations";
        String token = issuer.issue(new Actor("device-port-admin", Role.ADMIN, null, null), "Device Port Admin").token();
        Answer withToken = send("POST", path, Map.of("Authorization", "Bearer " + token), "{\"result\":2.5}");
        assertThat(withToken.status()).as(withToken.body()).isEqualTo(201);

        Answer nobody = post(path, null, Map.of("result", 9.0));
        assertThat(nobody.status()).isEqualTo(401);
        assertThat(nobody.contentType()).contains("application/problem+json");
        assertThat(nobody.json().get("errors").get(0).get("field").asString()).isEqualTo("X-Api-Key");
        Answer badToken = send("POST", path, Map.of("Authorization", "Bearer not-a-token"), "{\"result\":9.0}");
        assertThat(badToken.status()).isEqualTo(401);
        assertThat(badToken.json().get("errors").get(0).get("field").asString()).isEqualTo("Authorization");
        Answer unknownKey = post(path, "cod_unknown", Map.of("result", 9.0));
        assertThat(unknownKey.status()).isEqualTo(401);
        assertThat(count(s.datastream())).isEqualTo(1);
    }

    @Test
    void aDeviceWritingToAnotherThingsDatastreamIsForbiddenAndNothingIsStored() throws Exception {
        Station mine = station();
        Station theirs = station();
        String key = key(mine.thing());
        Answer viaPath = post("/sta/v1.1/Datastreams(" + theirs.datastream() + ")/Observations", key,
                Map.of("result", 9.0));
        assertThat(viaPath.status()).isEqualTo(403);
        assertThat(viaPath.json().get("detail").asString()).contains("Datastreams(" + theirs.datastream() + ")");
        Answer bulk = post("/sta/v1.1/CreateObservations", key, List.of(
                Map.of("Datastream", Map.of("@iot.id", mine.datastream()), "components", List.of("result"),
                        "dataArray", List.of(List.of(1.0))),
                Map.of("Datastream", Map.of("@iot.id", theirs.datastream()), "components", List.of("result"),
                        "dataArray", List.of(List.of(9.0)))));
        assertThat(bulk.status()).isEqualTo(403);
        assertThat(bulk.json().get("errors").get(0).get("field").asString()).isEqualTo("1/Datastream/@iot.id");
        assertThat(count(theirs.datastream())).isZero();
        assertThat(count(mine.datastream())).isZero();
    }

    @Test
    void badInputGetsTheProblemNamingItAndWritesNothing() throws Exception {
        Station s = station();
        String key = key(s.thing());
        String path = "/sta/v1.1/Datastreams(" + s.datastream() + ")/Observations";

        Answer malformed = post(path, key, "{\"result\": 1.0,");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("errors").get(0).get("field").asString()).isEqualTo("body");

        Answer wrongType = post(path, key, Map.of("result", "high"));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("errors").get(0).get("field").asString()).isEqualTo("result");

        Answer badTime = post(path, key, Map.of("result", 1.0, "phenomenonTime", "yesterday"));
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.json().get("errors").get(0).get("field").asString()).isEqualTo("phenomenonTime");

        Answer unknownMember = post(path, key, Map.of("result", 1.0, "colour", "red"));
        assertThat(unknownMember.status()).isEqualTo(400);
        assertThat(unknownMember.body()).contains("colour");

        Answer missingStream = post("/sta/v1.1/Datastreams(987654321)/Observations", null, "{\"result\":1}");
        assertThat(missingStream.status()).as("no caller is refused before the stream is looked up").isEqualTo(401);
        String token = issuer.issue(new Actor("device-port-admin", Role.ADMIN, null, null), "Device Port Admin").token();
        Answer missing = send("POST", "/sta/v1.1/Datastreams(987654321)/Observations",
                Map.of("Authorization", "Bearer " + token), "{\"result\":1}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("detail").asString()).contains("987654321");

        Answer tooLarge = post(path, key, "{\"result\":\"" + "x".repeat(20_000) + "\"}");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.contentType()).contains("application/problem+json");

        assertThat(count(s.datastream())).isZero();
    }

    double requests(String checked) {
        return meters.counter("cityops.device-http.requests", "checked", checked).count();
    }

    @Test
    void aRequestWhoseCallerAndStreamAreKnownIsCheckedInMemoryAndOthersOnAWorker() throws Exception {
        Station s = station();
        String key = key(s.thing());
        String path = "/sta/v1.1/Datastreams(" + s.datastream() + ")/Observations";
        double memory = requests("in-memory");
        double worker = requests("worker");

        Answer first = post(path, key, Map.of("result", 1.0));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(requests("worker")).as("key, owner and stream read from the database").isEqualTo(worker + 1);
        Answer second = post(path, key, Map.of("result", 2.0));
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        assertThat(second.location()).isEqualTo("http://localhost:" + port + "/sta/v1.1/Observations("
                + second.json().get("@iot.id").asLong() + ")");
        Answer refused = post(path, key, Map.of("result", "high"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("result");
        assertThat(requests("in-memory")).as("both answered from memory").isEqualTo(memory + 2);

        String token = issuer.issue(new Actor("device-port-admin", Role.ADMIN, null, null), "Device Port Admin").token();
        Answer withToken = send("POST", path, Map.of("Authorization", "Bearer " + token), "{\"result\":3}");
        assertThat(withToken.status()).isEqualTo(201);
        Answer bulk = post("/sta/v1.1/CreateObservations", key, List.of(Map.of("Datastream",
                Map.of("@iot.id", s.datastream()), "components", List.of("result"), "dataArray", List.of(List.of(4.0)))));
        assertThat(bulk.status()).isEqualTo(201);
        assertThat(requests("worker")).as("a token and CreateObservations are checked on a worker").isEqualTo(worker + 3);
        assertThat(requests("in-memory")).isEqualTo(memory + 2);
        assertThat(count(s.datastream())).isEqualTo(4);
    }

    @Test
    void theDevicePortOnlyCreatesObservations() throws Exception {
        Station s = station();
        String key = key(s.thing());
        Answer read = send("GET", "/sta/v1.1/Things", Map.of("X-Api-Key", key), null);
        assertThat(read.status()).isEqualTo(405);
        assertThat(read.allow()).isEqualTo("POST");
        assertThat(read.contentType()).contains("application/problem+json");

        Answer thing = post("/sta/v1.1/Things", key, Map.of("name", "x", "description", "y"));
        assertThat(thing.status()).isEqualTo(404);
        assertThat(thing.json().get("detail").asString()).contains("only creates Observations");

        Answer version = post("/sta/v2.0/Datastreams(" + s.datastream() + ")/Observations", key, Map.of("result", 1));
        assertThat(version.status()).isEqualTo(404);
        assertThat(count(s.datastream())).isZero();
    }
}
