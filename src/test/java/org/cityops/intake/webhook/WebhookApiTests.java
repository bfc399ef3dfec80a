package org.cityops.intake.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * Another system posting signed events over HTTP: a good event becomes a case, replays create
 * nothing new, and every refused delivery names its reason and leaves nothing behind.
 */
@IntegrationTest
class WebhookApiTests {

    static final double[] IN_CITY = {114.505, 24.505};

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired JdbcClient jdbc;

    static String run;
    static String source;
    static String secret;
    static String key;

    final Actor admin = new Actor("admin", Role.ADMIN, null, null);
    final HttpClient http = HttpClient.newHttpClient();

    Api as(Actor actor) {
        return Api.on(port, issuer).as(actor);
    }

    @BeforeEach
    void cityKeyAndSource() throws Exception {
        if (source != null) {
            return;
        }
        Api.Response imported = as(admin).importGeoJson("src/test/resources/intake/open311-city.geojson");
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        run = UUID.randomUUID().toString().substring(0, 8);
        Api.Response k = as(admin).post("/api/v1/api-keys", Map.of("name", "video-ai-" + run,
                "integration", "Video AI platform", "role", "GRID_INSPECTOR", "regionCode", "940101001"));
        assertThat(k.status()).as(k.body()).isEqualTo(201);
        key = k.json().get("key").asString();
        Api.Response s = as(admin).post("/api/v1/intake/webhook-sources",
                Map.of("code", "video-ai-" + run, "name", "视频AI平台"));
        assertThat(s.status()).as(s.body()).isEqualTo(201);
        secret = s.json().get("secret").asString();
        source = s.json().get("code").asString();
    }

    String event(String externalId, Map<String, Object> overrides) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventType", "VIDEO_AI_DETECTION");
        e.put("categoryCode", "E0101");
        e.put("longitude", IN_CITY[0]);
        e.put("latitude", IN_CITY[1]);
        e.put("description", "摄像头识别到暴露垃圾");
        e.put("occurredAt", "2026-11-28T08:00:00+08:00");
        e.put("mediaRefs", java.util.List.of("cam-7/snapshot-" + externalId + ".jpg"));
        e.put("externalId", externalId);
        e.putAll(overrides);
        return Api.JSON.writeValueAsString(e);
    }

    record Reply(int status, JsonNode json, String body) {
    }

    Reply deliver(String sourceCode, String apiKey, String signature, String idempotencyKey, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/intake/webhooks/" + sourceCode))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (apiKey != null) {
            b.header("X-Api-Key", apiKey);
        }
        if (signature != null) {
            b.header("X-Signature", signature);
        }
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = r.body().isEmpty() ? null : Api.JSON.readTree(r.body());
        return new Reply(r.statusCode(), json, r.body());
    }

    Reply signedDelivery(String idempotencyKey, String body) throws Exception {
        return deliver(source, key, WebhookSignature.sign(secret, body.getBytes(StandardCharsets.UTF_8)),
                idempotencyKey, body);
    }

    long casesOf(String externalId) {
        return jdbc.sql("SELECT COUNT(*) FROM cases WHERE source_type = 'WEBHOOK' AND source_ref = :ref")
                .param("ref", source + ":" + externalId).query(Long.class).single();
    }

    long eventsWithKey(String idempotencyKey) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM webhook_event e JOIN webhook_source s ON s.id = e.source_id
                WHERE s.code = :code AND e.idempotency_key = :key""")
                .param("code", source).param("key", idempotencyKey).query(Long.class).single();
    }

    @Test
    void aGoodEventBecomesACase() throws Exception {
        String id = "det-" + UUID.randomUUID();
        Reply r = signedDelivery("idem-" + id, event(id, Map.of()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("replayed").asBoolean()).isFalse();
        long caseId = r.json().get("caseId").asLong();
        JsonNode c = as(admin).get("/api/v1/cases/" + caseId).json();
        assertThat(c.get("caseNo").asString()).isEqualTo(r.json().get("caseNo").asString());
        assertThat(c.get("categoryCode").asString()).isEqualTo("E0101");
        assertThat(casesOf(id)).isEqualTo(1);
    }

    @Test
    void aReplayReturnsTheSameCaseAndCreatesNothingNew() throws Exception {
        String id = "det-" + UUID.randomUUID();
        String body = event(id, Map.of());
        Reply first = signedDelivery("idem-" + id, body);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        Reply again = signedDelivery("idem-" + id, body);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("replayed").asBoolean()).isTrue();
        assertThat(again.json().get("caseId").asLong()).isEqualTo(first.json().get("caseId").asLong());
        assertThat(again.json().get("caseNo").asString()).isEqualTo(first.json().get("caseNo").asString());
        assertThat(casesOf(id)).isEqualTo(1);
        assertThat(eventsWithKey("idem-" + id)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsAConflict() throws Exception {
        String id = "det-" + UUID.randomUUID();
        assertThat(signedDelivery("idem-" + id, event(id, Map.of())).status()).isEqualTo(201);
        Reply r = signedDelivery("idem-" + id, event(id, Map.of("description", "另一个事件")));
        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat(r.json().get("detail").asString()).contains("Idempotency-Key");
        assertThat(casesOf(id)).isEqualTo(1);
    }

    @Test
    void aBadSignatureIsRefusedAndNothingIsWritten() throws Exception {
        String id = "det-" + UUID.randomUUID();
        String body = event(id, Map.of());
        Reply forged = deliver(source, key, WebhookSignature.sign("not-the-secret", body.getBytes(StandardCharsets.UTF_8)),
                "idem-" + id, body);
        assertThat(forged.status()).as(forged.body()).isEqualTo(403);
        assertThat(forged.json().get("detail").asString()).contains("X-Signature");
        // a signature over another body does not cover this one
        Reply tampered = deliver(source, key, WebhookSignature.sign(secret, event(id, Map.of("latitude", 24.6))
                .getBytes(StandardCharsets.UTF_8)), "idem-" + id, body);
        assertThat(tampered.status()).isEqualTo(403);
        Reply unsigned = deliver(source, key, null, "idem-" + id, body);
        assertThat(unsigned.status()).isEqualTo(403);
        assertThat(unsigned.json().get("detail").asString()).contains("X-Signature");
        assertThat(casesOf(id)).isZero();
        assertThat(eventsWithKey("idem-" + id)).isZero();
    }

    @Test
    void aMissingOrUnknownApiKeyIsRefusedAndNothingIsWritten() throws Exception {
        String id = "det-" + UUID.randomUUID();
        String body = event(id, Map.of());
        String signature = WebhookSignature.sign(secret, body.getBytes(StandardCharsets.UTF_8));
        Reply missing = deliver(source, null, signature, "idem-" + id, body);
        assertThat(missing.status()).as(missing.body()).isEqualTo(403);
        assertThat(missing.json().get("detail").asString()).contains("X-Api-Key");
        Reply unknown = deliver(source, "no-such-key-" + id, signature, "idem-" + id, body);
        assertThat(unknown.status()).isEqualTo(403);
        assertThat(unknown.json().get("detail").asString()).contains("X-Api-Key");
        assertThat(casesOf(id)).isZero();
        assertThat(eventsWithKey("idem-" + id)).isZero();
    }

    @Test
    void aMissingIdempotencyKeyIsNamed() throws Exception {
        String id = "det-" + UUID.randomUUID();
        Reply r = signedDelivery(null, event(id, Map.of()));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(casesOf(id)).isZero();
    }

    @Test
    void anUnknownCategoryIsNamedAndNothingIsWritten() throws Exception {
        String id = "det-" + UUID.randomUUID();
        Reply r = signedDelivery("idem-" + id, event(id, Map.of("categoryCode", "Z9999")));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("errors").valueStream().map(f -> f.get("field").asString())).contains("categoryCode");
        assertThat(casesOf(id)).isZero();
        assertThat(eventsWithKey("idem-" + id)).isZero();
    }

    @Test
    void outOfRangeCoordinatesAreNamedAndNothingIsWritten() throws Exception {
        String id = "det-" + UUID.randomUUID();
        Reply r = signedDelivery("idem-" + id, event(id, Map.of("longitude", 190.0, "latitude", -91.0)));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("errors").valueStream().map(f -> f.get("field").asString()))
                .contains("longitude", "latitude");
        assertThat(casesOf(id)).isZero();
        assertThat(eventsWithKey("idem-" + id)).isZero();
    }

    @Test
    void anUnknownOrDeactivatedSourceIsNotFound() throws Exception {
        String id = "det-" + UUID.randomUUID();
        String body = event(id, Map.of());
        Reply unknown = deliver("no-such-source", key, "sha256=00", "idem-" + id, body);
        assertThat(unknown.status()).isEqualTo(404);
        Api.Response s = as(admin).post("/api/v1/intake/webhook-sources",
                Map.of("code", "old-system-" + run, "name", "旧系统"));
        assertThat(s.status()).isEqualTo(201);
        String oldSecret = s.json().get("secret").asString();
        assertThat(as(admin).post("/api/v1/intake/webhook-sources/" + s.json().get("id").asLong() + "/deactivate",
                Map.of()).status()).isEqualTo(200);
        Reply r = deliver("old-system-" + run, key, WebhookSignature.sign(oldSecret, body.getBytes(StandardCharsets.UTF_8)),
                "idem-" + id, body);
        assertThat(r.status()).as(r.body()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM cases WHERE source_ref = :ref").param("ref", "old-system-" + run + ":" + id)
                .query(Long.class).single()).isZero();
    }

    @Test
    void onlyAdminsManageSourcesAndSecretsAreShownOnce() {
        Api.Response denied = as(new Actor("city", Role.CITY_DISPATCHER, null, null))
                .post("/api/v1/intake/webhook-sources", Map.of("code", "x-" + run, "name", "X"));
        assertThat(denied.status()).isEqualTo(403);
        Api.Response bad = as(admin).post("/api/v1/intake/webhook-sources", Map.of("code", "Bad Code", "name", "X"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("code");
        Api.Response dup = as(admin).post("/api/v1/intake/webhook-sources", Map.of("code", source, "name", "again"));
        assertThat(dup.status()).isEqualTo(409);
        JsonNode listed = as(admin).get("/api/v1/intake/webhook-sources").json().valueStream()
                .filter(s -> s.get("code").asString().equals(source)).findFirst().orElseThrow();
        assertThat(listed.get("secret") == null || listed.get("secret").isNull()).isTrue();
    }
}
