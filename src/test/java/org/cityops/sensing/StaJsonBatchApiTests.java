package org.cityops.sensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * The JSON batch format of OData 4.01 at {@code /sta/v1.1/$batch} ({@code Content-Type: application/json}):
 * answered {@code {"responses": [...]}} per request id, {@code $<id>} names an entity created earlier in
 * the batch, an atomicity group is all or nothing, {@code dependsOn} is honoured, and a malformed
 * document is 400 naming the failing member and runs nothing. v1.0 stays multipart only.
 */
@IntegrationTest
class StaJsonBatchApiTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;

    Api anonymous() {
        return Api.on(port, issuer);
    }

    Api.Response batch(String version, Object document) {
        return anonymous().send("POST", "/sta/" + version + "/$batch", "application/json",
                document instanceof String s ? s : Api.JSON.writeValueAsString(document));
    }

    /** Returns a request object of the batch. */
    static Map<String, Object> request(String id, String method, String url, Object body, String... more) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("method", method);
        r.put("url", url);
        if (body != null) {
            r.put("headers", Map.of("Content-Type", "application/json"));
            r.put("body", body);
        }
        for (int i = 0; i + 1 < more.length; i += 2) {
            r.put(more[i], more[i + 1].startsWith("[") ? List.of(more[i + 1].substring(1).split(",")) : more[i + 1]);
        }
        return r;
    }

    static Map<String, Object> document(Object... requests) {
        return Map.of("requests", List.of(requests));
    }

    static Map<String, Object> thing(String name) {
        return Map.of("name", name, "description", "from a JSON batch");
    }

    static Map<String, Object> sensor(String name) {
        return Map.of("name", name, "description", "gauge", "encodingType", "application/pdf",
                "metadata", "http://example.org/g.pdf");
    }

    static Map<String, Object> datastream(String name, Object sensor, Object property) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", name);
        d.put("description", "level");
        d.put("observationType", "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement");
        d.put("unitOfMeasurement", Map.of("name", "metre", "symbol", "m", "definition", "http://example.org/m"));
        d.put("Sensor", Map.of("@iot.id", sensor));
        d.put("ObservedProperty", Map.of("@iot.id", property));
        return d;
    }

    static JsonNode responses(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        return r.json().get("responses");
    }

    @Test
    void aJsonBatchIsAnsweredPerRequestIdAsEachWouldBeAlone() {
        long existing = Sta.createThing(anonymous(), "v1.1", Sta.unique("json-read"), 121.4, 31.2).get("@iot.id").asLong();
        String name = Sta.unique("json-thing");
        JsonNode out = responses(batch("v1.1", document(
                request("read", "get", "Things(" + existing + ")", null),
                request("thing", "POST", "/sta/v1.1/Things", thing(name), "atomicityGroup", "g1"),
                request("patch", "PATCH", "$thing", Map.of("description", "patched in the group"), "atomicityGroup", "g1"),
                request("find", "GET", "Things?$filter=" + Sta.q("name eq '" + name + "'"), null, "dependsOn", "[g1"))));

        assertThat(out).hasSize(4);
        assertThat(out.get(0).get("id").asString()).isEqualTo("read");
        assertThat(out.get(0).get("status").asInt()).isEqualTo(200);
        assertThat(out.get(0).get("body").get("@iot.id").asLong()).isEqualTo(existing);
        JsonNode created = out.get(1);
        assertThat(created.get("id").asString()).isEqualTo("thing");
        assertThat(created.get("atomicityGroup").asString()).isEqualTo("g1");
        assertThat(created.get("status").asInt()).isEqualTo(201);
        long id = created.get("body").get("@iot.id").asLong();
        assertThat(created.get("headers").get("location").asString()).endsWith("/sta/v1.1/Things(" + id + ")");
        assertThat(out.get(2).get("body").get("description").asString()).isEqualTo("patched in the group");
        assertThat(out.get(3).get("body").get("value").get(0).get("@iot.id").asLong()).isEqualTo(id);
    }

    @Test
    void laterRequestsReferenceAnEntityCreatedEarlierInTheBatchInTheUrlAndInBodies() {
        String name = Sta.unique("json-ref");
        JsonNode out = responses(batch("v1.1", document(
                request("t", "POST", "Things", Map.of("name", name, "description", "with a place",
                        "Locations", List.of(Map.of("name", "p", "description", "p", "encodingType", "application/geo+json",
                                "location", Map.of("type", "Point", "coordinates", List.of(121.4, 31.2)))))),
                request("s", "POST", "Sensors", sensor(Sta.unique("json-ref-sensor"))),
                request("p", "POST", "ObservedProperties", Map.of("name", "level", "definition",
                        "http://example.org/level", "description", "water level")),
                request("d", "POST", "$t/Datastreams", datastream("level", "$s", "$p"), "dependsOn", "[t,s,p"),
                request("o", "POST", "$d/Observations", Map.of("result", 2.75, "phenomenonTime",
                        "2026-11-28T08:00:00Z"), "dependsOn", "[d"))));

        assertThat(out).extracting(x -> x.get("status").asInt()).containsExactly(201, 201, 201, 201, 201);
        long thing = out.get(0).get("body").get("@iot.id").asLong();
        long stream = out.get(3).get("body").get("@iot.id").asLong();
        JsonNode ds = anonymous().get("/sta/v1.1/Datastreams(" + stream + ")?$expand=Thing,Sensor,Observations").json();
        assertThat(ds.get("Thing").get("@iot.id").asLong()).isEqualTo(thing);
        assertThat(ds.get("Sensor").get("@iot.id").asLong()).isEqualTo(out.get(1).get("body").get("@iot.id").asLong());
        assertThat(ds.get("Observations").get(0).get("result").asDouble()).isEqualTo(2.75);
    }

    @Test
    void aFailingRequestRollsBackItsWholeAtomicityGroupAndNothingOfItIsWritten() {
        String name = Sta.unique("json-rolled-back");
        JsonNode out = responses(batch("v1.1", document(
                request("1", "POST", "Things", thing(name), "atomicityGroup", "all"),
                request("2", "POST", "Sensors", sensor(name), "atomicityGroup", "all"),
                request("3", "POST", "$1/Datastreams", Map.of("name", "no sensor", "description", "d"),
                        "atomicityGroup", "all"),
                request("4", "POST", "Things", thing(name + "-after"), "atomicityGroup", "all"))));

        assertThat(out).extracting(x -> x.get("id").asString()).containsExactly("1", "2", "3", "4");
        assertThat(out).extracting(x -> x.get("status").asInt()).containsExactly(424, 424, 400, 424);
        assertThat(out.get(2).get("body").get("errors").get(0).get("field").asString()).isNotBlank();
        assertThat(out.get(0).get("body").get("errors").get(0).get("field").asString())
                .isEqualTo("requests/0/atomicityGroup");
        assertThat(Sta.count(anonymous(), "Things", "startswith(name, '" + name + "')")).isZero();
        assertThat(Sta.count(anonymous(), "Sensors", "name eq '" + name + "'")).isZero();
    }

    @Test
    void processingStopsAtTheFirstFailureAndWithContinueOnErrorDependentsAre424() throws Exception {
        String independent = Sta.unique("json-independent");
        String dependent = Sta.unique("json-dependent");
        Map<String, Object> doc = document(
                request("missing", "GET", "Things(999999999)", null),
                request("dependent", "POST", "Things", thing(dependent), "dependsOn", "[missing"),
                request("independent", "POST", "Things", thing(independent)));

        JsonNode stopped = responses(batch("v1.1", doc));
        assertThat(stopped).extracting(x -> x.get("status").asInt()).containsExactly(404);
        assertThat(Sta.count(anonymous(), "Things", "name eq '" + independent + "'")).isZero();

        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/sta/v1.1/$batch"))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Prefer", "odata.continue-on-error")
                .POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(doc))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("Preference-Applied")).hasValue("odata.continue-on-error");
        JsonNode continued = Api.JSON.readTree(r.body()).get("responses");
        assertThat(continued).extracting(x -> x.get("status").asInt()).containsExactly(404, 424, 201);
        assertThat(continued.get(1).get("body").get("errors").get(0).get("field").asString())
                .isEqualTo("requests/1/dependsOn");
        assertThat(Sta.count(anonymous(), "Things", "name eq '" + dependent + "'")).isZero();
        assertThat(Sta.count(anonymous(), "Things", "name eq '" + independent + "'")).isEqualTo(1);
    }

    @Test
    void malformedJsonBatchesAre400NamingTheProblemAndRunNothing() {
        String name = Sta.unique("json-malformed");
        Map<String, Object> create = request("ok", "POST", "Things", thing(name));
        record Case(String version, Object body, String field) {
        }
        List<Case> cases = List.of(
                new Case("v1.1", "{\"requests\": [", "body"),
                new Case("v1.1", "[]", "body"),
                new Case("v1.1", Map.of("requests", List.of(create), "color", "red"), "color"),
                new Case("v1.1", Map.of("requests", List.of()), "requests"),
                new Case("v1.1", document(create, request("x", "POST", "Things", thing(name), "color", "red")),
                        "requests/1/color"),
                new Case("v1.1", document(create, Map.of("method", "POST", "url", "Things")), "requests/1/id"),
                new Case("v1.1", document(create, request("ok", "POST", "Things", thing(name))), "requests/1/id"),
                new Case("v1.1", document(create, request("m", "FETCH", "Things", null)), "requests/1/method"),
                new Case("v1.1", document(create, Map.of("id", "u", "method", "GET")), "requests/1/url"),
                new Case("v1.1", document(create, request("h", "GET", "Things", null, "headers", "x")),
                        "requests/1/headers"),
                new Case("v1.1", document(create, request("f", "GET", "Things", null, "dependsOn", "[later"),
                        request("later", "GET", "Things", null)), "requests/1/dependsOn/0"),
                new Case("v1.1", document(request("a", "POST", "Things", thing(name), "atomicityGroup", "g"),
                        request("b", "GET", "Things", null),
                        request("c", "POST", "Things", thing(name), "atomicityGroup", "g")), "requests/2/atomicityGroup"),
                new Case("v1.1", document(create, request("g", "GET", "Things", null, "atomicityGroup", "grp")),
                        "requests/1/method"),
                new Case("v1.1", document(create, request("c", "POST", "CreateObservations", List.of(),
                        "atomicityGroup", "grp")), "requests/1"),
                new Case("v1.1", document(create, request("v", "GET", "/sta/v1.0/Things", null)), "requests/1/url"),
                new Case("v1.0", document(create), "Content-Type"));
        for (Case c : cases) {
            Api.Response r = batch(c.version(), c.body());
            assertThat(r.status()).as(c.field() + ": " + r).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("field").asString()).as(r.toString()).isEqualTo(c.field());
        }
        assertThat(Sta.count(anonymous(), "Things", "name eq '" + name + "'")).isZero();
    }

    @Test
    void anUnknownIdReferenceFailsItsRequestAndNamesTheUrl() {
        String name = Sta.unique("json-unknown-ref");
        JsonNode out = responses(batch("v1.1", document(
                request("1", "POST", "Things", thing(name), "atomicityGroup", "g"),
                request("2", "POST", "$7/Locations", Map.of("name", "x", "description", "d",
                        "encodingType", "application/geo+json",
                        "location", Map.of("type", "Point", "coordinates", List.of(121.4, 31.2))), "atomicityGroup", "g"))));
        assertThat(out).extracting(x -> x.get("status").asInt()).containsExactly(424, 400);
        assertThat(out.get(1).get("body").get("errors").get(0).get("field").asString()).isEqualTo("requests/1/url");
        assertThat(Sta.count(anonymous(), "Things", "name eq '" + name + "'")).isZero();
    }
}
