package org.cityops.intake.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Stores the service requests received through Open311 and the case each became. Never deletes. */
@Repository
class Open311Requests {

    private final JdbcClient jdbc;

    Open311Requests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a received request before its case exists; returns its id (the service_request_id). */
    long insert(UUID token, long apiKeyId, Open311Rules.ServiceRequestDraft draft, Instant at) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO open311_request (token, api_key_id, service_code, account_id, device_id, email, phone,
                                             first_name, last_name, media_url, requested_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(token, apiKeyId, draft.serviceCode(), draft.accountId(), draft.deviceId(), draft.email(),
                        draft.phone(), draft.firstName(), draft.lastName(), draft.mediaUrl(), at.atOffset(ZoneOffset.UTC))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Links the request to the case it became. */
    /** Points the request from the case its report left to the case it joined (merge, split). */
    void caseMoved(long requestId, long fromCaseId, long toCaseId) {
        jdbc.sql("UPDATE open311_request SET case_id = ? WHERE id = ? AND case_id = ?")
                .params(toCaseId, requestId, fromCaseId).update();
    }

    void caseCreated(long requestId, long caseId) {
        jdbc.sql("UPDATE open311_request SET case_id = ? WHERE id = ?").params(caseId, requestId).update();
    }

    /** Returns the service_request_id a token stands for, if the token was issued. */
    Optional<Long> byToken(UUID token) {
        return jdbc.sql("SELECT id FROM open311_request WHERE token = ?").param(token).query(Long.class).optional();
    }
}
