package org.cityops.intake.webhook;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Webhook sources and the events they posted, keyed by idempotency key. */
@Repository
class WebhookRepository {

    /** A registered sender; the secret never leaves the server after creation. */
    record Source(long id, String code, String name, String secret, boolean active, String createdBy,
                  Instant createdAt) {
    }

    /** An accepted event and the case it created. */
    record Received(long id, String bodySha256, Long caseId, String caseNo, String caseState) {
    }

    private final JdbcClient jdbc;

    WebhookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insertSource(String code, String name, String secret, String createdBy, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO webhook_source (code, name, secret, active, created_by, created_at)
                VALUES (:code, :name, :secret, TRUE, :by, :at)""")
                .param("code", code).param("name", name).param("secret", secret).param("by", createdBy)
                .param("at", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    boolean codeTaken(String code) {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_source WHERE code = :code").param("code", code)
                .query(Long.class).single() > 0;
    }

    Optional<Source> source(String code) {
        return jdbc.sql("SELECT * FROM webhook_source WHERE code = :code").param("code", code)
                .query(WebhookRepository::source).optional();
    }

    Optional<Source> source(long id) {
        return jdbc.sql("SELECT * FROM webhook_source WHERE id = :id").param("id", id)
                .query(WebhookRepository::source).optional();
    }

    List<Source> sources() {
        return jdbc.sql("SELECT * FROM webhook_source ORDER BY code").query(WebhookRepository::source).list();
    }

    void deactivate(long id) {
        jdbc.sql("UPDATE webhook_source SET active = FALSE WHERE id = :id").param("id", id).update();
    }

    Optional<Received> received(long sourceId, String idempotencyKey) {
        return jdbc.sql("""
                SELECT id, body_sha256, case_id, case_no, case_state FROM webhook_event
                WHERE source_id = :source AND idempotency_key = :key""")
                .param("source", sourceId).param("key", idempotencyKey)
                .query((rs, n) -> new Received(rs.getLong("id"), rs.getString("body_sha256"),
                        (Long) rs.getObject("case_id", Long.class), rs.getString("case_no"),
                        rs.getString("case_state")))
                .optional();
    }

    /** Claims the idempotency key; a concurrent claim of the same key fails on the unique constraint. */
    long insertEvent(long sourceId, String idempotencyKey, String bodySha256, WebhookEvent event, long apiKeyId,
                     Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO webhook_event (source_id, idempotency_key, body_sha256, event_type, external_id,
                                           api_key_id, received_at)
                VALUES (:source, :key, :sha, :type, :external, :apiKey, :at)""")
                .param("source", sourceId).param("key", idempotencyKey).param("sha", bodySha256)
                .param("type", event.eventType()).param("external", event.externalId()).param("apiKey", apiKeyId)
                .param("at", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void caseCreated(long eventId, long caseId, String caseNo, String caseState) {
        jdbc.sql("UPDATE webhook_event SET case_id = :case, case_no = :no, case_state = :state WHERE id = :id")
                .param("case", caseId).param("no", caseNo).param("state", caseState).param("id", eventId).update();
    }

    private static Source source(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Source(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getString("secret"),
                rs.getBoolean("active"), rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
