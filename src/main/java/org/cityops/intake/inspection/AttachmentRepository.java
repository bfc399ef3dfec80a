package org.cityops.intake.inspection;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores what is known about each attachment file. Never deletes. */
@Repository
class AttachmentRepository {

    /** One stored attachment. */
    record Attachment(UUID id, long caseId, PhotoPurpose purpose, String contentType, long sizeBytes, String sha256,
                      String originalName, String storedPath, String uploadedBy, Instant uploadedAt) {
    }

    private final JdbcClient jdbc;

    AttachmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Attachment a) {
        jdbc.sql("""
                INSERT INTO intake_attachment (id, case_id, purpose, content_type, size_bytes, sha256, original_name,
                stored_path, uploaded_by, uploaded_at, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE)""")
                .params(a.id(), a.caseId(), a.purpose().name(), a.contentType(), a.sizeBytes(), a.sha256(),
                        a.originalName(), a.storedPath(), a.uploadedBy(), a.uploadedAt().atOffset(ZoneOffset.UTC))
                .update();
    }

    /** Returns the active attachment with the id. */
    Optional<Attachment> find(UUID id) {
        return jdbc.sql("""
                SELECT id, case_id, purpose, content_type, size_bytes, sha256, original_name, stored_path, uploaded_by,
                uploaded_at FROM intake_attachment WHERE id = ? AND active = TRUE""").param(id)
                .query((rs, n) -> new Attachment(rs.getObject("id", UUID.class), rs.getLong("case_id"),
                        PhotoPurpose.valueOf(rs.getString("purpose")), rs.getString("content_type"),
                        rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("original_name"),
                        rs.getString("stored_path"), rs.getString("uploaded_by"),
                        rs.getObject("uploaded_at", OffsetDateTime.class).toInstant()))
                .optional();
    }
}
