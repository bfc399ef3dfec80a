package org.cityops.sensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Each request of a batch is authorised as the same request sent alone, with the batch's
 * credentials: reads are open, writes need a bearer token, and a device key only creates
 * Observations in the device's own datastreams (403 naming the datastream otherwise, 401 for an
 * unknown key). A refused request writes nothing.
 */
@IntegrationTest
@TestPropertySource(properties = "cityops.sta-anonymous-writes=false")
class StaBatchAuthorisationTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String B = StaBatchApiTests.B;

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;

    Api admin() {
        return Api.on(port, issuer).as(new Actor("batch-admin", Role.ADMIN, null, null));
    }

    Api.Response batch(String document, String header, String value) {
        return send("multipart/mixed; boundary=" + B, document, header, value);
    }

    Api.Response send(String contentType, String document, String header, String value) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sta/v1.1/$batch"))
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(document));
            if (header != null) {
                b.header(header, value);
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Api.Response(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String bearer() {
        return "Bearer " + issuer.issue(new Actor("batch-admin", Role.ADMIN, null, null), "batch-admin").token();
    }

    long thing() {
        return Sta.createThing(admin(), "v1.1", Sta.unique("batch-auth"), 121.5, 31.2).get("@iot.id").asLong();
    }

    String key(long thing) {
        Api.Response r = admin().post("/api/v1/sensors/credentials", Map.of("name", Sta.unique("batch-key"),
                "integration", "tests", "thingIds", List.of(thing)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("apiKey").asString();
    }

    static String observation(long datastream, double result) {
        return "{\"Datastream\": {\"@iot.id\": " + datastream + "}, \"result\": " + result
                + ", \"phenomenonTime\": \"2026-11-28T09:00:00Z\"}";
    }

    @Test
    void anonymousCallersReadInABatchButTheirWritesAre401AndWriteNothing() {
        long thing = thing();
        String name = Sta.unique("anonymous-write");
        Api.Response r = batch(StaBatchApiTests.document(
                StaBatchApiTests.request("GET", "Things(" + thing + ")", null),
                StaBatchApiTests.request("POST", "Things", "{\"name\": \"" + name + "\", \"description\": \"d\"}")),
                null, null);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<StaBatchApiTests.Answer> a = StaBatchApiTests.answers(r);
        assertThat(a).extracting(StaBatchApiTests.Answer::status).containsExactly(200, 401);
        assertThat(Sta.count(admin(), "Things", "name eq '" + name + "'")).isZero();
    }

    @Test
    void aBearerTokenAuthorisesTheWritesOfABatch() {
        String name = Sta.unique("bearer-write");
        Api.Response r = batch(StaBatchApiTests.document(StaBatchApiTests.changeSet(
                StaBatchApiTests.change("1", "POST", "Things", "{\"name\": \"" + name + "\", \"description\": \"d\"}"))),
                "Authorization", bearer());
        assertThat(StaBatchApiTests.answers(r)).extracting(StaBatchApiTests.Answer::status).containsExactly(201);
        assertThat(Sta.count(admin(), "Things", "name eq '" + name + "'")).isEqualTo(1);
    }

    @Test
    void aDeviceKeyCreatesObservationsInItsOwnDatastreamsOnly() {
        long own = thing();
        long other = thing();
        long ownStream = Sta.datastreamOf(admin(), own);
        long otherStream = Sta.datastreamOf(admin(), other);
        String key = key(own);

        Api.Response r = batch(StaBatchApiTests.document(
                StaBatchApiTests.request("POST", "Observations", observation(ownStream, 1.25)),
                StaBatchApiTests.request("POST", "Datastreams(" + ownStream + ")/Observations", "{\"result\": 1.5}")),
                "X-Api-Key", key);
        assertThat(StaBatchApiTests.answers(r)).extracting(StaBatchApiTests.Answer::status).containsExactly(201, 201);

        Api.Response refused = batch(StaBatchApiTests.document(StaBatchApiTests.changeSet(
                StaBatchApiTests.change("1", "POST", "Observations", observation(ownStream, 7.75)),
                StaBatchApiTests.change("2", "POST", "Observations", observation(otherStream, 8.75)))),
                "X-Api-Key", key);
        List<StaBatchApiTests.Answer> a = StaBatchApiTests.answers(refused);
        assertThat(a).extracting(StaBatchApiTests.Answer::status).containsExactly(403);
        assertThat(a.get(0).json().get("errors").get(0).get("field").asString()).isEqualTo("Datastream/@iot.id");
        assertThat(a.get(0).json().get("errors").get(0).get("message").asString())
                .contains("Datastreams(" + otherStream + ")");
        assertThat(Sta.count(admin(), "Observations", "result eq 7.75 or result eq 8.75")).isZero();

        Api.Response patch = batch(StaBatchApiTests.document(
                StaBatchApiTests.request("PATCH", "Things(" + own + ")", "{\"description\": \"by a device\"}")),
                "X-Api-Key", key);
        List<StaBatchApiTests.Answer> p = StaBatchApiTests.answers(patch);
        assertThat(p).extracting(StaBatchApiTests.Answer::status).containsExactly(403);
        assertThat(p.get(0).json().get("errors").get(0).get("field").asString()).isEqualTo("path");
        assertThat(admin().get("/sta/v1.1/Things(" + own + ")/description").json().get("description").asString())
                .isEqualTo("test thing");
    }

    @Test
    void anUnknownDeviceKeyIs401ForEachWriteAndWritesNothing() {
        long stream = Sta.datastreamOf(admin(), thing());
        Api.Response r = batch(StaBatchApiTests.document(
                StaBatchApiTests.request("POST", "Observations", observation(stream, 9.125))),
                "X-Api-Key", "cod_not-a-key");
        List<StaBatchApiTests.Answer> a = StaBatchApiTests.answers(r);
        assertThat(a).extracting(StaBatchApiTests.Answer::status).containsExactly(401);
        assertThat(a.get(0).json().get("errors").get(0).get("field").asString()).isEqualTo("X-Api-Key");
        assertThat(Sta.count(admin(), "Observations", "result eq 9.125")).isZero();
    }

    @Test
    void requestsOfAJsonBatchAreAuthorisedOneByOneAndARefusedOneWritesNothing() {
        long own = thing();
        long other = thing();
        long ownStream = Sta.datastreamOf(admin(), own);
        long otherStream = Sta.datastreamOf(admin(), other);
        String key = key(own);
        String doc = Api.JSON.writeValueAsString(Map.of("requests", List.of(
                Map.of("id", "mine", "method", "POST", "url", "Observations", "body",
                        Api.JSON.readTree(observation(ownStream, 5.125))),
                Map.of("id", "theirs", "method", "POST", "url", "Observations", "body",
                        Api.JSON.readTree(observation(otherStream, 6.125))))));

        Api.Response r = send("application/json", doc, "X-Api-Key", key);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        tools.jackson.databind.JsonNode out = r.json().get("responses");
        assertThat(out).extracting(x -> x.get("status").asInt()).containsExactly(201, 403);
        assertThat(out.get(1).get("id").asString()).isEqualTo("theirs");
        assertThat(out.get(1).get("body").get("errors").get(0).get("field").asString()).isEqualTo("Datastream/@iot.id");
        assertThat(Sta.count(admin(), "Observations", "result eq 5.125")).isEqualTo(1);
        assertThat(Sta.count(admin(), "Observations", "result eq 6.125")).isZero();

        String name = Sta.unique("json-anonymous");
        Api.Response anonymous = send("application/json", Api.JSON.writeValueAsString(Map.of("requests", List.of(
                Map.of("id", "read", "method", "GET", "url", "Things(" + own + ")"),
                Map.of("id", "write", "method", "POST", "url", "Things", "body",
                        Map.of("name", name, "description", "d"))))), null, null);
        assertThat(anonymous.json().get("responses")).extracting(x -> x.get("status").asInt()).containsExactly(200, 401);
        assertThat(Sta.count(admin(), "Things", "name eq '" + name + "'")).isZero();
    }
}
