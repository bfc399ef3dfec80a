package org.cityops.sensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * Batch requests ({@code $batch}, 15-078r6 / 18-088 chapter 11): single requests and change sets
 * in one multipart/mixed document, each answered as alone; a change set is all or nothing and may
 * reference what it created by {@code $<Content-ID>}; a malformed document is 400 and runs nothing.
 */
@IntegrationTest
class StaBatchApiTests {

    static final String B = "batch_36522ad7";
    static final String CS = "changeset_77162fcd";

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;

    Api anonymous() {
        return Api.on(port, issuer);
    }

    Api.Response batch(String version, String body) {
        return anonymous().send("POST", "/sta/" + version + "/$batch", "multipart/mixed;boundary=" + B, body);
    }

    static String request(String method, String url, String body) {
        return "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
                + method + " " + url + " HTTP/1.1\r\nHost: host\r\n"
                + (body == null ? "\r\n" : "Content-Type: application/json\r\n\r\n" + body + "\r\n");
    }

    static String change(String id, String method, String url, String body) {
        return "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: " + id + "\r\n\r\n"
                + method + " " + url + " HTTP/1.1\r\nHost: host\r\nContent-Type: application/json\r\n\r\n"
                + (body == null ? "" : body) + "\r\n";
    }

    static String changeSet(String... requests) {
        StringBuilder b = new StringBuilder("Content-Type: multipart/mixed;boundary=" + CS + "\r\n\r\n");
        for (String r : requests) {
            b.append("--").append(CS).append("\r\n").append(r);
        }
        return b.append("--").append(CS).append("--\r\n").toString();
    }

    static String document(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            b.append("--").append(B).append("\r\n").append(p);
        }
        return b.append("--").append(B).append("--\r\n").toString();
    }

    /** The HTTP answers in the response, in order, flattened out of change sets: status and body. */
    record Answer(int status, String contentId, String body) {
        JsonNode json() {
            return Api.JSON.readTree(body);
        }
    }

    static List<Answer> answers(Api.Response r) {
        List<Answer> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?s)(?:Content-ID: (\\S+)\\r\\n)?\\r\\nHTTP/1\\.1 (\\d{3})[^\\r\\n]*\\r\\n(.*?)\\r\\n\\r\\n(.*?)(?=\\r\\n--)")
                .matcher(r.body());
        while (m.find()) {
            out.add(new Answer(Integer.parseInt(m.group(2)), m.group(1), m.group(4).trim()));
        }
        return out;
    }

    static String sensor(String name) {
        return "{\"name\": \"" + name + "\", \"description\": \"gauge\", \"encodingType\": \"application/pdf\","
                + " \"metadata\": \"http://example.org/g.pdf\"}";
    }

    @Test
    void singleRequestsAndAChangeSetAreAnsweredInOrderAsTheyWouldBeAlone() {
        String name = Sta.unique("batch-thing");
        long existing = Sta.createThing(anonymous(), "v1.1", Sta.unique("batch-read"), 121.4, 31.2).get("@iot.id").asLong();
        Api.Response r = batch("v1.1", document(
                request("GET", "/sta/v1.1/Things(" + existing + ")", null),
                changeSet(
                        change("1", "POST", "/sta/v1.1/Things", "{\"name\": \"" + name + "\", \"description\": \"batched\"}"),
                        change("2", "PATCH", "$1", "{\"description\": \"patched in the same change set\"}")),
                request("GET", "Things?$filter=" + Sta.q("name eq '" + name + "'"), null)));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("multipart/mixed");
        List<Answer> a = answers(r);
        assertThat(a).extracting(Answer::status).containsExactly(200, 201, 200, 200);
        assertThat(a.get(0).json().get("@iot.id").asLong()).isEqualTo(existing);
        assertThat(a.get(1).contentId()).isEqualTo("1");
        long created = a.get(1).json().get("@iot.id").asLong();
        assertThat(a.get(1).json().get("@iot.selfLink").asString()).endsWith("/sta/v1.1/Things(" + created + ")");
        assertThat(a.get(2).contentId()).isEqualTo("2");
        assertThat(a.get(2).json().get("description").asString()).isEqualTo("patched in the same change set");
        assertThat(a.get(3).json().get("value").get(0).get("@iot.id").asLong()).isEqualTo(created);
    }

    @Test
    void aChangeSetReferencesWhatItCreatedInTheUrlAndInBodies() {
        String name = Sta.unique("ref-thing");
        Api.Response r = batch("v1.0", document(changeSet(
                change("thing", "POST", "Things", "{\"name\": \"" + name + "\", \"description\": \"d\", \"Locations\": [{\"name\": \"p\","
                        + " \"description\": \"p\", \"encodingType\": \"application/geo+json\","
                        + " \"location\": {\"type\": \"Point\", \"coordinates\": [121.4, 31.2]}}]}"),
                change("sensor", "POST", "Sensors", sensor(Sta.unique("ref-sensor"))),
                change("property", "POST", "ObservedProperties", "{\"name\": \"rain\", \"definition\": \"http://example.org/rain\", \"description\": \"rain\"}"),
                change("stream", "POST", "$thing/Datastreams", "{\"name\": \"rain\", \"description\": \"rain\","
                        + " \"observationType\": \"http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement\","
                        + " \"unitOfMeasurement\": {\"name\": \"mm\", \"symbol\": \"mm\", \"definition\": \"http://example.org/mm\"},"
                        + " \"Sensor\": {\"@iot.id\": \"$sensor\"}, \"ObservedProperty\": {\"@iot.id\": \"$property\"}}"),
                change("obs", "POST", "$stream/Observations", "{\"result\": 4.5, \"phenomenonTime\": \"2026-11-28T08:00:00Z\"}"))));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<Answer> a = answers(r);
        assertThat(a).extracting(Answer::status).as(r.body()).containsExactly(201, 201, 201, 201, 201);
        long thing = a.get(0).json().get("@iot.id").asLong();
        long stream = a.get(3).json().get("@iot.id").asLong();
        JsonNode ds = anonymous().get("/sta/v1.0/Datastreams(" + stream + ")?$expand=Thing,Sensor,Observations").json();
        assertThat(ds.get("Thing").get("@iot.id").asLong()).isEqualTo(thing);
        assertThat(ds.get("Sensor").get("@iot.id").asLong()).isEqualTo(a.get(1).json().get("@iot.id").asLong());
        assertThat(ds.get("Observations").get(0).get("result").asDouble()).isEqualTo(4.5);
    }

    @Test
    void aFailingRequestRollsBackItsWholeChangeSetAndAnswersOnceForIt() {
        String name = Sta.unique("rolled-back");
        Api.Response r = batch("v1.1", document(changeSet(
                change("1", "POST", "Things", "{\"name\": \"" + name + "\", \"description\": \"d\"}"),
                change("2", "POST", "Sensors", sensor(name)),
                change("3", "POST", "$1/Datastreams", "{\"name\": \"no sensor\", \"description\": \"d\"}"))));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<Answer> a = answers(r);
        assertThat(a).hasSize(1);
        assertThat(a.get(0).status()).isEqualTo(400);
        assertThat(a.get(0).contentId()).isEqualTo("3");
        assertThat(a.get(0).json().get("errors").get(0).get("field").asString()).isNotBlank();
        assertThat(Sta.count(anonymous(), "Things", "name eq '" + name + "'")).isZero();
        assertThat(Sta.count(anonymous(), "Sensors", "name eq '" + name + "'")).isZero();
    }

    @Test
    void processingStopsAtTheFirstFailureUnlessContinueOnErrorIsPreferred() {
        String first = Sta.unique("stop-after");
        String later = Sta.unique("never-run");
        String doc = document(
                request("GET", "Things(999999999)", null),
                request("POST", "Things", "{\"name\": \"" + later + "\", \"description\": \"d\"}"));
        Api.Response stopped = batch("v1.1", doc);
        assertThat(answers(stopped)).extracting(Answer::status).containsExactly(404);
        assertThat(Sta.count(anonymous(), "Things", "name eq '" + later + "'")).isZero();

        Api.Response continued = Api.on(port, issuer).send("POST", "/sta/v1.1/$batch",
                "multipart/mixed;boundary=" + B, doc.replace(later, first));
        assertThat(answers(continued)).extracting(Answer::status).containsExactly(404);

        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        try {
            var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            "http://localhost:" + port + "/sta/v1.1/$batch"))
                    .header("Content-Type", "multipart/mixed; boundary=\"" + B + "\"")
                    .header("Prefer", "odata.continue-on-error")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(doc.replace(later, first))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.headers().firstValue("Preference-Applied")).hasValue("odata.continue-on-error");
            assertThat(answers(new Api.Response(response.statusCode(), response.body(), "")))
                    .extracting(Answer::status).containsExactly(404, 201);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThat(Sta.count(anonymous(), "Things", "name eq '" + first + "'")).isEqualTo(1);
    }

    @Test
    void aBatchPreferringAnAsynchronousAnswerIsAnsweredWhenItHasRunWithoutClaimingThePreference() throws Exception {
        String name = Sta.unique("async-preferred");
        String doc = document(request("POST", "Things", "{\"name\": \"" + name + "\", \"description\": \"d\"}"));
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/sta/v1.1/$batch"))
                .header("Content-Type", "multipart/mixed; boundary=\"" + B + "\"")
                .header("Prefer", "respond-async, odata.continue-on-error")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(doc)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        // RFC 7240 §2: a preference may be ignored; the batch has run when the answer comes
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Preference-Applied")).hasValue("odata.continue-on-error");
        assertThat(answers(new Api.Response(response.statusCode(), response.body(), "")))
                .extracting(Answer::status).containsExactly(201);
        assertThat(Sta.count(anonymous(), "Things", "name eq '" + name + "'")).isEqualTo(1);
    }

    @Test
    void theStandardsOwnExampleLayoutWithBlankLinesBetweenHeadersIsRead() {
        String name = Sta.unique("example-layout");
        String body = "--" + B + "\nContent-Type: application/http\n\nContent-Transfer-Encoding:binary\n\n"
                + "GET /v1.0/Things?$top=1\nHost: host\n\n\n"
                + "--" + B + "\nContent-Type: multipart/mixed;boundary=" + CS + "\n\n"
                + "--" + CS + "\n\nContent-Type: application/http\n\nContent-Transfer-Encoding: binary\nContent-ID: 1\n\n"
                + "POST /v1.0/Things HTTP/1.1\nHost: host\nContent-Type: application/json\n\nContent-Length: ###\n\n"
                + "{\"name\": \"" + name + "\", \"description\": \"from the example\"}\n"
                + "--" + CS + "--\n--" + B + "--";
        Api.Response r = batch("v1.0", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(answers(r)).extracting(Answer::status).containsExactly(200, 201);
        assertThat(Sta.count(anonymous(), "Things", "name eq '" + name + "'")).isEqualTo(1);
    }

    @Test
    void malformedBatchDocumentsAre400NamingTheProblemAndRunNothing() {
        String name = Sta.unique("malformed");
        String create = "{\"name\": \"" + name + "\", \"description\": \"d\"}";
        record Case(String contentType, String body, String field) {
        }
        List<Case> cases = List.of(
                new Case("text/plain", create, "Content-Type"),
                new Case("multipart/mixed", document(request("POST", "Things", create)), "Content-Type"),
                new Case("multipart/mixed;boundary=" + B, "--" + B + "\r\n" + request("POST", "Things", create), "body"),
                new Case("multipart/mixed;boundary=" + B, "no parts at all", "body"),
                new Case("multipart/mixed;boundary=" + B, document(request("POST", "Things", create),
                        "Content-Type: text/plain\r\n\r\nhello\r\n"), "parts/1/Content-Type"),
                new Case("multipart/mixed;boundary=" + B, document(request("POST", "Things", create),
                        request("FETCH", "Things", null)), "parts/1/method"),
                new Case("multipart/mixed;boundary=" + B, document(request("POST", "Things", create),
                        "Content-Type: application/http\r\n\r\nnot a request line\r\n"), "parts/1"),
                new Case("multipart/mixed;boundary=" + B, document(changeSet(
                        change("1", "POST", "Things", create), change("2", "GET", "Things", null))),
                        "parts/0/requests/1/method"),
                new Case("multipart/mixed;boundary=" + B, document(changeSet(
                        change("1", "POST", "Things", create), change("1", "POST", "Things", create))),
                        "parts/0/requests/1/Content-ID"),
                new Case("multipart/mixed;boundary=" + B, document(changeSet(
                        change("1", "POST", "Things", create), request("POST", "Things", create))),
                        "parts/0/requests/1/Content-ID"),
                new Case("multipart/mixed;boundary=" + B, document(changeSet(
                        change("1", "POST", "CreateObservations", "[]"))), "parts/0/requests/0"),
                new Case("multipart/mixed;boundary=" + B, document(request("POST", "Things", create),
                        request("GET", "/sta/v1.0/Things", null)), "parts/1/url"));
        for (Case c : cases) {
            Api.Response r = anonymous().send("POST", "/sta/v1.1/$batch", c.contentType(), c.body());
            assertThat(r.status()).as(c.field() + ": " + r).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("field").asString()).as(r.toString()).isEqualTo(c.field());
        }
        assertThat(Sta.count(anonymous(), "Things", "name eq '" + name + "'")).isZero();
    }

    @Test
    void anUnknownContentIdReferenceFailsItsChangeSet() {
        String name = Sta.unique("unknown-ref");
        Api.Response r = batch("v1.1", document(changeSet(
                change("1", "POST", "Things", "{\"name\": \"" + name + "\", \"description\": \"d\"}"),
                change("2", "POST", "$7/Locations", "{\"name\": \"x\", \"description\": \"d\", \"encodingType\": \"application/geo+json\","
                        + " \"location\": {\"type\": \"Point\", \"coordinates\": [121.4, 31.2]}}"))));
        List<Answer> a = answers(r);
        assertThat(a).extracting(Answer::status).containsExactly(400);
        assertThat(a.get(0).json().get("errors").get(0).get("field").asString()).isEqualTo("parts/0/requests/1/url");
        assertThat(Sta.count(anonymous(), "Things", "name eq '" + name + "'")).isZero();
    }

    @Test
    void v11ListsTheBatchConformanceClass() {
        JsonNode root = anonymous().get("/sta/v1.1").json();
        assertThat(root.get("serverSettings").get("conformance").toString())
                .contains("http://www.opengis.net/spec/iot_sensing/1.1/req/batch-request");
    }

    @Test
    void writesToRefWhichTheStandardDoesNotDefineAre400NamingThePathAndChangeNothing() {
        long thing = Sta.createThing(anonymous(), "v1.1", Sta.unique("ref-write"), 121.4, 31.2).get("@iot.id").asLong();
        long location = anonymous().get("/sta/v1.1/Things(" + thing + ")/Locations").json().get("value").get(0)
                .get("@iot.id").asLong();
        List<Api.Response> refused = List.of(
                anonymous().post("/sta/v1.1/Things(" + thing + ")/Locations/$ref",
                        java.util.Map.of("@iot.selfLink", "Locations(" + location + ")")),
                anonymous().put("/sta/v1.1/Things(" + thing + ")/Locations/$ref",
                        java.util.Map.of("@iot.selfLink", "Locations(" + location + ")")),
                anonymous().delete("/sta/v1.1/Things(" + thing + ")/Locations(" + location + ")/$ref"));
        for (Api.Response r : refused) {
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("path");
        }
        JsonNode still = anonymous().get("/sta/v1.1/Things(" + thing + ")/Locations/$ref").json();
        assertThat(still.get("value")).hasSize(1);
        assertThat(still.get("value").get(0).get("@iot.selfLink").asString()).endsWith("Locations(" + location + ")");
    }

    @Test
    void aBatchOverTheBodyLimitIs413AndRunsNothing() {
        String name = Sta.unique("too-large");
        String padding = "x".repeat(1_100_000);
        Api.Response r = batch("v1.1", document(request("POST", "Things", "{\"name\": \"" + name
                + "\", \"description\": \"" + padding + "\"}")));
        assertThat(r.status()).as(r.status() + "").isEqualTo(413);
        assertThat(Sta.count(anonymous(), "Things", "name eq '" + name + "'")).isZero();
    }
}
