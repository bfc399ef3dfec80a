package org.cityops.org.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.cityops.org.ApiClient;
import org.cityops.org.ApiKeys;
import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.cityops.platform.ProblemException.FieldError;
import org.cityops.platform.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Issues, lists, deactivates and checks API keys of machine clients. Stores only hashes of keys. */
@Service
class ApiKeyRegistry implements ApiKeys {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,47}");
    private static final String COLUMNS = """
            id, name, integration, role_name, region_code, department_id, key_prefix, active, created_at,
            created_by, deactivated_at, deactivated_by FROM api_key""";

    private final JdbcClient jdbc;
    private final DepartmentDirectory departments;
    private final ReferenceData references;
    private final Clock clock;

    ApiKeyRegistry(JdbcClient jdbc, DepartmentDirectory departments, ReferenceData references, Clock clock) {
        this.jdbc = jdbc;
        this.departments = departments;
        this.references = references;
        this.clock = clock;
    }

    /** What an administrator asks for: a named key acting with a role and scope. */
    record KeyDraft(String name, String integration, Role role, String regionCode, Long departmentId) {
    }

    /** A stored key without its secret. */
    record KeyRecord(long id, String name, String integration, Role role, String regionCode, Long departmentId,
                     String keyPrefix, boolean active, Instant createdAt, String createdBy, Instant deactivatedAt,
                     String deactivatedBy) {
    }

    /** A newly issued key: the record and the plain key, which is shown this once and never stored. */
    record IssuedKey(KeyRecord record, String key) {
    }

    /** Returns the username a key's client acts under, telling machine actions apart from people's. */
    static String actorName(String keyName) {
        return "apikey:" + keyName;
    }

    @Transactional
    IssuedKey issue(KeyDraft draft, Actor by) {
        List<FieldError> errors = new ArrayList<>();
        if (draft.name() == null || !NAME.matcher(draft.name()).matches()) {
            errors.add(new FieldError("name", "must be 2-48 letters, digits or . _ - and start with a letter or digit"));
        }
        if (draft.integration() == null || draft.integration().isBlank()) {
            errors.add(new FieldError("integration", "must say who runs the client and what for"));
        } else if (draft.integration().length() > 200) {
            errors.add(new FieldError("integration", "is longer than 200 characters"));
        }
        if (draft.role() == Role.ADMIN) {
            errors.add(new FieldError("role", "a machine client never acts as ADMIN"));
        } else {
            errors.addAll(OrgRules.checkUserScope(draft.role(), draft.regionCode(), draft.departmentId(),
                    departments::isActive, references));
        }
        OrgRecords.requireValid("API key", errors);
        if (jdbc.sql("SELECT COUNT(*) FROM api_key WHERE name = ?").param(draft.name()).query(Long.class).single() > 0) {
            throw OrgRecords.duplicate("name", "an API key named '" + draft.name() + "' exists already");
        }
        String key = ApiKeySecrets.newKey();
        OffsetDateTime now = OrgRecords.now(clock);
        jdbc.sql("""
                INSERT INTO api_key (name, integration, role_name, region_code, department_id, key_hash, key_prefix,
                                     active, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, ?, ?)""")
                .params(draft.name(), draft.integration().strip(), draft.role().name(), draft.regionCode(),
                        draft.departmentId(), ApiKeySecrets.hash(key), ApiKeySecrets.displayPrefix(key), now,
                        by.username())
                .update();
        KeyRecord stored = jdbc.sql("SELECT " + COLUMNS + " WHERE name = ?").param(draft.name())
                .query(ApiKeyRegistry::map).single();
        return new IssuedKey(stored, key);
    }

    @Transactional(readOnly = true)
    List<KeyRecord> list(Boolean active) {
        if (active == null) {
            return jdbc.sql("SELECT " + COLUMNS + " ORDER BY id").query(ApiKeyRegistry::map).list();
        }
        return jdbc.sql("SELECT " + COLUMNS + " WHERE active = ? ORDER BY id").param(active)
                .query(ApiKeyRegistry::map).list();
    }

    /** Deactivates the key; deactivating an inactive key changes nothing. */
    @Transactional
    KeyRecord deactivate(long id, Actor by) {
        jdbc.sql("UPDATE api_key SET active = FALSE, deactivated_at = ?, deactivated_by = ? WHERE id = ? AND active = TRUE")
                .params(OrgRecords.now(clock), by.username(), id).update();
        return jdbc.sql("SELECT " + COLUMNS + " WHERE id = ?").param(id).query(ApiKeyRegistry::map).optional()
                .orElseThrow(() -> new ProblemException.NotFound("No API key " + id));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ApiClient> authenticate(String key) {
        if (key == null || !key.startsWith(ApiKeySecrets.PREFIX) || key.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT " + COLUMNS + " WHERE key_hash = ? AND active = TRUE").param(ApiKeySecrets.hash(key))
                .query(ApiKeyRegistry::map).optional()
                // the key's department may have been deactivated since: its handler key stops working with it
                .filter(k -> k.departmentId() == null || departments.isActive(k.departmentId()))
                .map(k -> new ApiClient(k.id(), k.name(), k.integration(),
                        new Actor(actorName(k.name()), k.role(), k.regionCode(), k.departmentId())));
    }

    private static KeyRecord map(ResultSet rs, int row) throws SQLException {
        long dept = rs.getLong("department_id");
        Long departmentId = rs.wasNull() ? null : dept;
        OffsetDateTime deactivated = rs.getObject("deactivated_at", OffsetDateTime.class);
        return new KeyRecord(rs.getLong("id"), rs.getString("name"), rs.getString("integration"),
                Role.valueOf(rs.getString("role_name")), rs.getString("region_code"), departmentId,
                rs.getString("key_prefix"), rs.getBoolean("active"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("created_by"),
                deactivated == null ? null : deactivated.toInstant(), rs.getString("deactivated_by"));
    }
}
