package org.cityops.rules.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.cityops.rules.AlertSeverity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Stores rules and every version of their definitions. */
@Repository
class RuleStore {

    private static final String COLUMNS = "id, name, kind, severity, status, current_version, region_code, "
            + "department_id, quarantine_error, quarantined_at, created_by, created_at, updated_at";

    private final JdbcClient jdbc;

    RuleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Where a rule stands: enabled, disabled by someone, or quarantined after a run-time error. */
    enum Status {
        ENABLED, DISABLED, QUARANTINED
    }

    /** A rule's row: its current name, kind, severity, status and scope. */
    record RuleRow(long id, String name, RuleKind kind, AlertSeverity severity, Status status, int currentVersion,
                   String regionCode, Long departmentId, String quarantineError, Instant quarantinedAt,
                   String createdBy, Instant createdAt, Instant updatedAt) {
    }

    /** One stored version. */
    record VersionRow(long ruleId, int version, String definition, String createdBy, Instant createdAt) {
    }

    /** Inserts a new rule with its first version; returns its id. */
    long insert(String name, RuleKind kind, AlertSeverity severity, String regionCode, Long departmentId,
                String definition, String by, Instant at) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into rule_definition (name, kind, severity, status, current_version, region_code, department_id,
                    created_by, created_at, updated_at)
                values (?, ?, ?, 'ENABLED', 1, ?, ?, ?, ?, ?)""")
                .params(name, kind.name(), severity.name(), regionCode, departmentId, by, ts(at), ts(at))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        insertVersion(id, 1, definition, by, at);
        return id;
    }

    /** Stores the next version and makes it current, unless someone else changed the rule first (then false). */
    boolean change(long id, int fromVersion, String name, RuleKind kind, AlertSeverity severity, String regionCode,
                   Long departmentId, String definition, String by, Instant at) {
        int n = jdbc.sql("""
                update rule_definition set name = ?, kind = ?, severity = ?, region_code = ?, department_id = ?,
                    current_version = current_version + 1, updated_at = ?
                where id = ? and current_version = ?""")
                .params(name, kind.name(), severity.name(), regionCode, departmentId, ts(at), id, fromVersion).update();
        if (n == 0) {
            return false;
        }
        insertVersion(id, fromVersion + 1, definition, by, at);
        return true;
    }

    private void insertVersion(long id, int version, String definition, String by, Instant at) {
        jdbc.sql("insert into rule_version (rule_id, version, definition, created_by, created_at) values (?, ?, ?, ?, ?)")
                .params(id, version, definition, by, ts(at)).update();
    }

    /** Sets the status; quarantine keeps the error and when, any other status forgets them. */
    void status(long id, Status status, String error, Instant at) {
        jdbc.sql("""
                update rule_definition set status = ?, quarantine_error = ?, quarantined_at = ?, updated_at = ?
                where id = ?""")
                .params(status.name(), status == Status.QUARANTINED ? error : null,
                        status == Status.QUARANTINED ? ts(at) : null, ts(at), id).update();
    }

    /** Quarantines the rule if its current version is the one that failed and it is enabled. */
    void quarantine(long id, int version, String error, Instant at) {
        jdbc.sql("""
                update rule_definition set status = 'QUARANTINED', quarantine_error = ?, quarantined_at = ?, updated_at = ?
                where id = ? and current_version = ? and status = 'ENABLED'""")
                .params(error, ts(at), ts(at), id, version).update();
    }

    Optional<RuleRow> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from rule_definition where id = ?").param(id)
                .query(RuleStore::row).optional();
    }

    /** Returns rules, newest first, at most {@code limit}. */
    List<RuleRow> list(Status status, int limit) {
        if (status == null) {
            return jdbc.sql("select " + COLUMNS + " from rule_definition order by id desc limit ?").param(limit)
                    .query(RuleStore::row).list();
        }
        return jdbc.sql("select " + COLUMNS + " from rule_definition where status = ? order by id desc limit ?")
                .params(status.name(), limit).query(RuleStore::row).list();
    }

    /** Returns every enabled rule. */
    List<RuleRow> enabled() {
        return jdbc.sql("select " + COLUMNS + " from rule_definition where status = 'ENABLED' order by id")
                .query(RuleStore::row).list();
    }

    Optional<VersionRow> version(long id, int version) {
        return jdbc.sql("select rule_id, version, definition, created_by, created_at from rule_version "
                        + "where rule_id = ? and version = ?").params(id, version)
                .query((rs, n) -> new VersionRow(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        instant(rs, 5))).optional();
    }

    List<VersionRow> versions(long id) {
        return jdbc.sql("select rule_id, version, definition, created_by, created_at from rule_version "
                        + "where rule_id = ? order by version").param(id)
                .query((rs, n) -> new VersionRow(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        instant(rs, 5))).list();
    }

    private static RuleRow row(ResultSet rs, int n) throws SQLException {
        return new RuleRow(rs.getLong("id"), rs.getString("name"), RuleKind.valueOf(rs.getString("kind")),
                AlertSeverity.valueOf(rs.getString("severity")), Status.valueOf(rs.getString("status")),
                rs.getInt("current_version"), rs.getString("region_code"), rs.getObject("department_id", Long.class),
                rs.getString("quarantine_error"), instant(rs, "quarantined_at"), rs.getString("created_by"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime ts(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
