package org.cityops.rules.internal;

import static org.cityops.rules.internal.RuleStore.instant;
import static org.cityops.rules.internal.RuleStore.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cityops.geo.GridLocation;
import org.cityops.rules.AlertSeverity;
import org.cityops.rules.AlertStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Stores alerts and their history. */
@Repository
class AlertStore {

    private static final String COLUMNS = "a.id, a.rule_id, a.rule_version, a.rule_name, a.subject, a.severity, a.status, "
            + "a.title, a.first_seen_at, a.last_seen_at, a.last_event_at, a.last_value, a.seen_count, a.assignee, "
            + "a.grid_code, a.community_code, a.street_code, a.district_code, a.city_code, a.department_id, a.thing_id, "
            + "a.case_id, a.resolve_on_case_close, a.ended_at";

    /** How many keys one {@code in (…)} list of a batch lookup holds at most. */
    private static final int CHUNK = 500;
    /** Rows per multi-row INSERT of raised alerts at most (21 parameters each); a power of two. */
    private static final int INSERT_ROWS = 128;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    AlertStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** A rule and subject, the identity of at most one active alert. */
    record Key(long ruleId, String subject) {

        String activeKey() {
            return AlertStore.activeKey(ruleId, subject);
        }
    }

    /**
     * The columns a repeat changes: the absolute count and the latest sighting; written only while
     * the alert is still active with the count it was read with ({@code readCount}).
     */
    record Repeat(long id, int readCount, int count, String title, Instant lastSeenAt, Instant lastEventAt,
                  Double lastValue) {
    }

    /** An alert to clear, written only while it is still active in the status it was read in. */
    record Clear(long id, AlertStatus from) {
    }

    /** An alert changed between its reading and a write of the batch (by a user, or another node): the batch must be redone. */
    static final class ChangedMeanwhile extends RuntimeException {
        ChangedMeanwhile(String what) {
            super(what);
        }
    }

    /** A history line to write. */
    record History(long alertId, String change, AlertStatus from, AlertStatus to, String actor, String role, Instant at,
                   String note) {
    }

    /**
     * Returns the active alerts of the keys, not locked: the batch's writes are conditional on each
     * alert being as read ({@link #repeatAll}, {@link #clearAll}), which keeps its counts and statuses
     * exact without a lock per row (on H2 a {@code for update} query is also parsed anew each time).
     */
    List<AlertRow> active(Collection<Key> keys) {
        List<AlertRow> out = new ArrayList<>();
        for (List<Object> chunk : keyChunks(keys)) {
            out.addAll(jdbc.sql("select " + COLUMNS + " from alert a where a.active_key in (" + marks(chunk.size())
                    + ")").params(chunk).query(AlertStore::row).list());
        }
        return out;
    }

    /**
     * Returns, per key that has any alert, the latest phenomenon time an alert of it was seen at
     * (through the index on {@code rule_subject}: a rule's old alerts are not read).
     */
    Map<Key, Instant> lastEventAt(Collection<Key> keys) {
        Map<String, Key> byText = new HashMap<>();
        keys.forEach(k -> byText.put(k.activeKey(), k));
        Map<Key, Instant> out = new HashMap<>();
        for (List<Object> chunk : keyChunks(keys)) {
            jdbc.sql("select rule_subject, max(last_event_at) from alert where rule_subject in (" + marks(chunk.size())
                            + ") group by rule_subject")
                    .params(chunk).query(rs -> {
                        Instant t = instant(rs, 2);
                        Key k = byText.get(rs.getString(1));
                        if (t != null && k != null) {
                            out.put(k, t);
                        }
                    });
        }
        return out;
    }

    /**
     * Returns the keys' texts in chunks of at most {@link #CHUNK}, each padded (with its last key
     * again) to one of a few sizes: so the statements' texts repeat and the databases reuse their
     * parsed and planned forms instead of parsing a new {@code in (…)} list for every batch.
     */
    static List<List<Object>> keyChunks(Collection<Key> keys) {
        List<Object> all = keys.stream().map(k -> (Object) k.activeKey()).toList();
        List<List<Object>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<Object> chunk = new ArrayList<>(all.subList(from, Math.min(all.size(), from + CHUNK)));
            int size = paddedSize(chunk.size());
            Object last = chunk.get(chunk.size() - 1);
            while (chunk.size() < size) {
                chunk.add(last);
            }
            out.add(chunk);
        }
        return out;
    }

    /** Returns the smallest of 1, 4, 16, 64, 256 and {@link #CHUNK} that holds {@code n} keys. */
    static int paddedSize(int n) {
        int size = 1;
        while (size < n && size < CHUNK) {
            size = Math.min(size * 4, CHUNK);
        }
        return size;
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /**
     * Writes the repeats of a batch with one batched statement, each only while its alert is active
     * with the count read; throws {@link ChangedMeanwhile} (the transaction must roll back) otherwise.
     */
    void repeatAll(Collection<Repeat> repeats) {
        if (repeats.isEmpty()) {
            return;
        }
        expectOneEach(template.batchUpdate("""
                        update alert set seen_count = ?, title = ?, last_seen_at = ?, last_event_at = ?, last_value = ?
                        where id = ? and seen_count = ? and active_key is not null""",
                repeats.stream().map(r -> new Object[] {r.count(), r.title(), ts(r.lastSeenAt()), ts(r.lastEventAt()),
                        r.lastValue(), r.id(), r.readCount()}).toList()), "a repeated alert");
    }

    /**
     * Clears alerts with one batched statement, each only while it is active in the status read;
     * throws {@link ChangedMeanwhile} (the transaction must roll back) otherwise.
     */
    void clearAll(Collection<Clear> clears, Instant now) {
        if (clears.isEmpty()) {
            return;
        }
        expectOneEach(template.batchUpdate("""
                        update alert set status = 'CLEARED', active_key = null, ended_at = ?
                        where id = ? and status = ? and active_key is not null""",
                clears.stream().map(c -> new Object[] {ts(now), c.id(), c.from().name()}).toList()),
                "a cleared alert");
    }

    private static void expectOneEach(int[] counts, String what) {
        for (int n : counts) {
            if (n != 1 && n != java.sql.Statement.SUCCESS_NO_INFO) {
                throw new ChangedMeanwhile(what + " changed since the batch read it");
            }
        }
    }

    /** Writes history lines with one batched statement. */
    void historyAll(Collection<History> lines) {
        if (lines.isEmpty()) {
            return;
        }
        template.batchUpdate("""
                        insert into alert_history (alert_id, change, status_from, status_to, actor, actor_role, at, note)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""",
                lines.stream().map(h -> new Object[] {h.alertId(), h.change(), h.from() == null ? null : h.from().name(),
                        h.to().name(), h.actor(), h.role(), ts(h.at()), h.note()}).toList());
    }

    /** Returns the active alerts of the rule, locked for update until the transaction ends. */
    List<AlertRow> activeOfRuleForUpdate(long ruleId) {
        return jdbc.sql("select " + COLUMNS + " from alert a where a.rule_id = ? and a.active_key is not null "
                + "order by a.id for update").param(ruleId).query(AlertStore::row).list();
    }

    /** An alert's row. */
    record AlertRow(long id, long ruleId, int ruleVersion, String ruleName, String subject, AlertSeverity severity,
                    AlertStatus status, String title, Instant firstSeenAt, Instant lastSeenAt, Instant lastEventAt,
                    Double lastValue, int count, String assignee, GridLocation location, Long departmentId,
                    Long thingId, Long caseId, boolean resolveOnCaseClose, Instant endedAt) {
    }

    /** One line of an alert's history. */
    record HistoryRow(long id, String change, String statusFrom, String statusTo, String actor, String actorRole,
                      Instant at, String note) {
    }

    /** Filters of the alert list; {@code null} members do not filter. */
    record Filter(AlertStatus status, AlertSeverity severity, Long ruleId, String region, Instant since, Long caseId) {
    }

    static String activeKey(long ruleId, String subject) {
        return ruleId + "|" + subject;
    }

    /** Returns the active alert of the rule for the subject. */
    Optional<AlertRow> active(long ruleId, String subject) {
        return jdbc.sql("select " + COLUMNS + " from alert a where a.active_key = ?")
                .param(activeKey(ruleId, subject)).query(AlertStore::row).optional();
    }

    /** Returns the latest phenomenon time any alert of the rule for the subject was seen at. */
    Optional<Instant> lastEventAt(long ruleId, String subject) {
        return jdbc.sql("select max(last_event_at) from alert where rule_subject = ?")
                .param(activeKey(ruleId, subject)).query((rs, n) -> instant(rs, 1)).optional().filter(x -> x != null);
    }

    /** Inserts a raised alert; returns its id. */
    long insert(long ruleId, int ruleVersion, String ruleName, String subject, AlertSeverity severity, String title,
                Instant now, Instant eventAt, Double value, GridLocation l, Long departmentId, Long thingId,
                boolean resolveOnCaseClose) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into alert (rule_id, rule_version, rule_name, subject, rule_subject, active_key, severity, status,
                    title, first_seen_at, last_seen_at, last_event_at, last_value, seen_count, grid_code, community_code,
                    street_code, district_code, city_code, department_id, thing_id, resolve_on_case_close)
                values (?, ?, ?, ?, ?, ?, ?, 'RAISED', ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(ruleId, ruleVersion, ruleName, subject, activeKey(ruleId, subject), activeKey(ruleId, subject),
                        severity.name(), title,
                        ts(now), ts(now), ts(eventAt), value, l == null ? null : l.gridCode(),
                        l == null ? null : l.communityCode(), l == null ? null : l.streetCode(),
                        l == null ? null : l.districtCode(), l == null ? null : l.cityCode(), departmentId, thingId,
                        resolveOnCaseClose)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** A raised alert to insert. */
    record NewAlert(long ruleId, int ruleVersion, String ruleName, String subject, AlertSeverity severity, String title,
                    Instant now, Instant eventAt, Double value, GridLocation location, Long departmentId, Long thingId,
                    boolean resolveOnCaseClose) {
    }

    private static final String NEW_ALERT_ROW = "(?, ?, ?, ?, ?, ?, ?, 'RAISED', ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * Inserts raised alerts with multi-row INSERTs and returns their ids in order (both databases
     * return the generated keys of a multi-row insert in the order of its rows). The rows go in
     * chunks of power-of-two sizes (13 rows: 8, 4, 1), so only a few statement texts ever occur and
     * the databases reuse their parsed forms.
     */
    long[] insertAll(List<NewAlert> raised) {
        long[] ids = new long[raised.size()];
        for (int from = 0, rows; from < raised.size(); from += rows) {
            rows = Math.min(INSERT_ROWS, Integer.highestOneBit(raised.size() - from));
            List<NewAlert> chunk = raised.subList(from, from + rows);
            List<Object> params = new ArrayList<>(chunk.size() * 21);
            for (NewAlert a : chunk) {
                GridLocation l = a.location();
                String key = activeKey(a.ruleId(), a.subject());
                params.addAll(Arrays.asList(a.ruleId(), a.ruleVersion(), a.ruleName(), a.subject(), key, key,
                        a.severity().name(), a.title(), ts(a.now()), ts(a.now()),
                        ts(a.eventAt()), a.value(), l == null ? null : l.gridCode(),
                        l == null ? null : l.communityCode(), l == null ? null : l.streetCode(),
                        l == null ? null : l.districtCode(), l == null ? null : l.cityCode(), a.departmentId(),
                        a.thingId(), a.resolveOnCaseClose()));
            }
            KeyHolder keys = new GeneratedKeyHolder();
            jdbc.sql("""
                    insert into alert (rule_id, rule_version, rule_name, subject, rule_subject, active_key, severity, status,
                        title, first_seen_at, last_seen_at, last_event_at, last_value, seen_count, grid_code, community_code,
                        street_code, district_code, city_code, department_id, thing_id, resolve_on_case_close)
                    values """ + String.join(", ", Collections.nCopies(chunk.size(), NEW_ALERT_ROW)))
                    .params(params).update(keys, "id");
            List<Map<String, Object>> list = keys.getKeyList();
            if (list.size() != chunk.size()) {
                throw new IllegalStateException("the database returned " + list.size() + " ids for " + chunk.size()
                        + " inserted alerts");
            }
            for (int i = 0; i < chunk.size(); i++) {
                ids[from + i] = ((Number) list.get(i).values().iterator().next()).longValue();
            }
        }
        return ids;
    }

    /** Counts one more sighting of an active alert. */
    void seenAgain(long id, String title, Instant now, Instant eventAt, Double value) {
        jdbc.sql("""
                update alert set seen_count = seen_count + 1, title = ?, last_seen_at = ?, last_event_at = ?, last_value = ?
                where id = ?""").params(title, ts(now), ts(eventAt), value, id).update();
    }

    /** Moves the alert from one status to another; false when it was not in {@code from} any more. */
    boolean move(long id, AlertStatus from, AlertStatus to, Instant now) {
        boolean ends = !to.active();
        return jdbc.sql("update alert set status = ?, active_key = " + (ends ? "null" : "active_key")
                        + ", ended_at = ? where id = ? and status = ?")
                .params(to.name(), ends ? ts(now) : null, id, from.name()).update() > 0;
    }

    void assign(long id, String assignee) {
        jdbc.sql("update alert set assignee = ? where id = ?").params(assignee, id).update();
    }

    void linkCase(long id, long caseId) {
        jdbc.sql("update alert set case_id = ? where id = ?").params(caseId, id).update();
    }

    Optional<AlertRow> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from alert a where a.id = ?").param(id).query(AlertStore::row).optional();
    }

    /** Returns the active alerts linked to the case. */
    List<AlertRow> activeOfCase(long caseId) {
        return jdbc.sql("select " + COLUMNS + " from alert a where a.case_id = ? and a.active_key is not null")
                .param(caseId).query(AlertStore::row).list();
    }

    /** Returns rule id and subject of every active alert. */
    List<String[]> activeSubjects() {
        return jdbc.sql("select rule_id, subject from alert where active_key is not null")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
    }

    /** Returns a page of alerts, newest first, below the cursor id, within the scope condition. */
    List<AlertRow> list(Filter f, AlertScope.Predicate scope, Long before, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from alert a where " + scope.clause());
        List<Object> params = new ArrayList<>(scope.params());
        if (f.status() != null) {
            sql.append(" and a.status = ?");
            params.add(f.status().name());
        }
        if (f.severity() != null) {
            sql.append(" and a.severity = ?");
            params.add(f.severity().name());
        }
        if (f.ruleId() != null) {
            sql.append(" and a.rule_id = ?");
            params.add(f.ruleId());
        }
        if (f.caseId() != null) {
            sql.append(" and a.case_id = ?");
            params.add(f.caseId());
        }
        if (f.region() != null) {
            sql.append(" and (a.grid_code = ? or a.community_code = ? or a.street_code = ? or a.district_code = ? "
                    + "or a.city_code = ?)");
            for (int i = 0; i < 5; i++) {
                params.add(f.region());
            }
        }
        if (f.since() != null) {
            sql.append(" and a.last_seen_at >= ?");
            params.add(ts(f.since()));
        }
        if (before != null) {
            sql.append(" and a.id < ?");
            params.add(before);
        }
        sql.append(" order by a.id desc limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(AlertStore::row).list();
    }

    void history(long alertId, String change, AlertStatus from, AlertStatus to, String actor, String role, Instant at,
                 String note) {
        jdbc.sql("""
                insert into alert_history (alert_id, change, status_from, status_to, actor, actor_role, at, note)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(alertId, change, from == null ? null : from.name(), to.name(), actor, role, ts(at), note)
                .update();
    }

    List<HistoryRow> history(long alertId) {
        return jdbc.sql("select id, change, status_from, status_to, actor, actor_role, at, note from alert_history "
                        + "where alert_id = ? order by id").param(alertId)
                .query((rs, n) -> new HistoryRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), instant(rs, 7), rs.getString(8))).list();
    }

    private static AlertRow row(ResultSet rs, int n) throws SQLException {
        String grid = rs.getString("grid_code");
        GridLocation l = grid == null && rs.getString("district_code") == null ? null
                : new GridLocation(grid, rs.getString("community_code"), rs.getString("street_code"),
                rs.getString("district_code"), rs.getString("city_code"));
        return new AlertRow(rs.getLong("id"), rs.getLong("rule_id"), rs.getInt("rule_version"),
                rs.getString("rule_name"), rs.getString("subject"), AlertSeverity.valueOf(rs.getString("severity")),
                AlertStatus.valueOf(rs.getString("status")), rs.getString("title"), instant(rs, "first_seen_at"),
                instant(rs, "last_seen_at"), instant(rs, "last_event_at"), rs.getObject("last_value", Double.class),
                rs.getInt("seen_count"), rs.getString("assignee"), l, rs.getObject("department_id", Long.class),
                rs.getObject("thing_id", Long.class), rs.getObject("case_id", Long.class),
                rs.getBoolean("resolve_on_case_close"), instant(rs, "ended_at"));
    }
}
