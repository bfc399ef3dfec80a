package org.cityops.cases.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cityops.cases.CaseLevel;
import org.cityops.cases.CaseState;
import org.cityops.cases.SlaStatus;
import org.cityops.cases.Stage;
import org.cityops.catalog.CategoryKind;
import org.cityops.catalog.TimeLimit;
import org.cityops.catalog.Urgency;
import org.cityops.geo.GridLocation;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Stores cases, their assisting departments, history and attachment references. Never deletes. */
@Repository
class CaseRepository {

    private static final String COLUMNS = """
            id, case_no, state, version, case_level, source_type, source_ref, reported_by, reporter_name,
            reporter_contact, reported_at, description, address, longitude, latitude, grid_code, community_code,
            street_code, district_code, city_code, category_code, category_kind, urgency, suggested_department_id,
            routing_reason, manual_queue, lead_department_id, first_department_id, verifier, extension_amount,
            extension_unit, supervised, rework_count, return_count, escalation_count, self_fixed, registered_at,
            dispatched_at, first_dispatched_at, handled_at, closed_at, updated_at, stage, due_at, warn_at,
            calendar_clock, sla_status, paused_due_minutes, paused_warn_minutes, escalated_this_stage, handle_due_at""";

    private final JdbcClient jdbc;

    CaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns a new case id from the sequence. */
    long nextId() {
        return jdbc.sql("SELECT nextval('cases_id_seq')").query(Long.class).single();
    }

    /** Inserts a new case (its id already drawn from {@link #nextId()}). */
    void insert(CaseFile f) {
        jdbc.sql("INSERT INTO cases (" + COLUMNS + ") VALUES (" + "?,".repeat(50) + "?)")
                .params(values(f, true))
                .update();
    }

    /**
     * Writes the case if nobody changed it since it was read, and bumps its version; the
     * loser of a concurrent update gets an {@link OptimisticLockingFailureException}.
     */
    void update(CaseFile f) {
        List<Object> params = values(f, false);
        params.add(f.id);
        params.add(f.version);
        int rows = jdbc.sql("""
                UPDATE cases SET state = ?, version = version + 1, case_level = ?, source_type = ?, source_ref = ?,
                reported_by = ?, reporter_name = ?, reporter_contact = ?, reported_at = ?, description = ?, address = ?,
                longitude = ?, latitude = ?, grid_code = ?, community_code = ?, street_code = ?, district_code = ?,
                city_code = ?, category_code = ?, category_kind = ?, urgency = ?, suggested_department_id = ?,
                routing_reason = ?, manual_queue = ?, lead_department_id = ?, first_department_id = ?, verifier = ?,
                extension_amount = ?, extension_unit = ?, supervised = ?, rework_count = ?, return_count = ?,
                escalation_count = ?, self_fixed = ?, registered_at = ?, dispatched_at = ?, first_dispatched_at = ?,
                handled_at = ?, closed_at = ?, updated_at = ?, stage = ?, due_at = ?, warn_at = ?, calendar_clock = ?,
                sla_status = ?, paused_due_minutes = ?, paused_warn_minutes = ?, escalated_this_stage = ?, handle_due_at = ?
                WHERE id = ? AND version = ?""").params(params).update();
        if (rows != 1) {
            throw new OptimisticLockingFailureException("case " + f.caseNo + " was changed by someone else since version "
                    + f.version + ": reload and try again");
        }
        f.version++;
    }

    private static List<Object> values(CaseFile f, boolean withKeys) {
        List<Object> v = new ArrayList<>();
        if (withKeys) {
            v.add(f.id);
            v.add(f.caseNo);
        }
        v.add(f.state.name());
        if (withKeys) {
            v.add(f.version);
        }
        v.add(f.level.name());
        v.add(f.sourceType);
        v.add(f.sourceRef);
        v.add(f.reportedBy);
        v.add(f.reporterName);
        v.add(f.reporterContact);
        v.add(ts(f.reportedAt));
        v.add(f.description);
        v.add(f.address);
        v.add(f.longitude);
        v.add(f.latitude);
        GridLocation l = f.location;
        v.add(l == null ? null : l.gridCode());
        v.add(l == null ? null : l.communityCode());
        v.add(l == null ? null : l.streetCode());
        v.add(l == null ? null : l.districtCode());
        v.add(l == null ? null : l.cityCode());
        v.add(f.categoryCode);
        v.add(f.kind == null ? null : f.kind.name());
        v.add(f.urgency.name());
        v.add(f.suggestedDepartmentId);
        v.add(f.routingReason);
        v.add(f.manualQueue);
        v.add(f.leadDepartmentId);
        v.add(f.firstDepartmentId);
        v.add(f.verifier);
        v.add(f.extensionRequested == null ? null : f.extensionRequested.amount());
        v.add(f.extensionRequested == null ? null : f.extensionRequested.unit().name());
        v.add(f.supervised);
        v.add(f.reworkCount);
        v.add(f.returnCount);
        v.add(f.escalationCount);
        v.add(f.selfFixed);
        v.add(ts(f.registeredAt));
        v.add(ts(f.dispatchedAt));
        v.add(ts(f.firstDispatchedAt));
        v.add(ts(f.handledAt));
        v.add(ts(f.closedAt));
        v.add(ts(f.updatedAt));
        v.add(f.stage == null ? null : f.stage.name());
        v.add(ts(f.dueAt));
        v.add(ts(f.warnAt));
        v.add(f.calendarClock);
        v.add(f.slaStatus.name());
        v.add(f.pausedDueMinutes);
        v.add(f.pausedWarnMinutes);
        v.add(f.escalatedThisStage);
        v.add(ts(f.handleDueAt));
        return v;
    }

    /** Returns the case with its active assisting departments, if it exists. */
    Optional<CaseFile> find(long id) {
        Optional<CaseFile> file = jdbc.sql("SELECT " + COLUMNS + " FROM cases WHERE id = ?").param(id)
                .query(CaseRepository::map).optional();
        file.ifPresent(this::loadAssists);
        return file;
    }

    private void loadAssists(CaseFile f) {
        jdbc.sql("SELECT department_id, fed_back_at FROM case_assist WHERE case_id = ? AND active = TRUE ORDER BY id")
                .param(f.id)
                .query((rs, n) -> {
                    long dept = rs.getLong(1);
                    f.assistDepartmentIds.add(dept);
                    if (rs.getObject(2) != null) {
                        f.assistFedBack.add(dept);
                    }
                    return dept;
                }).list();
    }

    /** Replaces the active assisting departments of a case (old rows are kept, inactive). */
    void replaceAssists(CaseFile f) {
        jdbc.sql("UPDATE case_assist SET active = FALSE WHERE case_id = ? AND active = TRUE").param(f.id).update();
        for (Long dept : f.assistDepartmentIds) {
            jdbc.sql("INSERT INTO case_assist (case_id, department_id, active) VALUES (?, ?, TRUE)")
                    .params(f.id, dept).update();
        }
    }

    /** Marks an assisting department's part as fed back. */
    void assistFedBack(long caseId, long departmentId, Instant at) {
        jdbc.sql("UPDATE case_assist SET fed_back_at = ? WHERE case_id = ? AND department_id = ? AND active = TRUE")
                .params(ts(at), caseId, departmentId).update();
    }

    /** Appends a history entry and its attachment references; returns the entry's id. */
    long appendHistory(long caseId, String action, CaseState from, CaseState to, String actor, String role,
                       Instant at, String comment, String details, List<String> attachments) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO case_history (case_id, action, from_state, to_state, actor, actor_role, at, comment, details)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(caseId, action, from == null ? null : from.name(), to.name(), actor, role, ts(at), comment, details)
                .update(keys, "id");
        long historyId = keys.getKey().longValue();
        for (String ref : attachments) {
            jdbc.sql("INSERT INTO case_attachment (case_id, history_id, ref) VALUES (?, ?, ?)")
                    .params(caseId, historyId, ref).update();
        }
        return historyId;
    }

    /** One line of a case's history. */
    record HistoryEntry(long id, String action, String fromState, String toState, String actor, String actorRole,
                        Instant at, String comment, String details, List<String> attachments) {
    }

    /** Returns the case's history, oldest first, with the attachments of each entry. */
    List<HistoryEntry> history(long caseId) {
        Map<Long, List<String>> attachments = new LinkedHashMap<>();
        jdbc.sql("SELECT history_id, ref FROM case_attachment WHERE case_id = ? ORDER BY id").param(caseId)
                .query((rs, n) -> attachments.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)))
                .list();
        return jdbc.sql("""
                SELECT id, action, from_state, to_state, actor, actor_role, at, comment, details
                FROM case_history WHERE case_id = ? ORDER BY id""").param(caseId)
                .query((rs, n) -> new HistoryEntry(rs.getLong("id"), rs.getString("action"), rs.getString("from_state"),
                        rs.getString("to_state"), rs.getString("actor"), rs.getString("actor_role"),
                        instant(rs, "at"), rs.getString("comment"), rs.getString("details"),
                        attachments.getOrDefault(rs.getLong("id"), List.of())))
                .list();
    }

    /** Returns one page of cases matching the filter and scope, newest first, after the cursor id. */
    List<CaseFile> list(CaseQuery query, CaseScope.Predicate scope, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM cases c WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        query.appendTo(sql, params);
        sql.append(" AND ").append(scope.clause());
        params.addAll(scope.params());
        sql.append(" ORDER BY c.id DESC LIMIT ").append(limit);
        List<CaseFile> files = jdbc.sql(sql.toString()).params(params).query(CaseRepository::map).list();
        files.forEach(this::loadAssists);
        return files;
    }

    /** Returns ids of open cases whose warning point or deadline has passed without being marked. */
    List<Long> dueForMarking(Instant now, int limit) {
        return jdbc.sql("""
                SELECT id FROM cases
                WHERE (sla_status = 'GREEN' AND warn_at <= ?) OR (sla_status <> 'RED' AND due_at <= ?)
                ORDER BY due_at LIMIT ?""").params(ts(now), ts(now), limit).query(Long.class).list();
    }

    static CaseFile map(ResultSet rs, int row) throws SQLException {
        CaseFile f = new CaseFile();
        f.id = rs.getLong("id");
        f.caseNo = rs.getString("case_no");
        f.state = CaseState.valueOf(rs.getString("state"));
        f.version = rs.getInt("version");
        f.level = CaseLevel.valueOf(rs.getString("case_level"));
        f.sourceType = rs.getString("source_type");
        f.sourceRef = rs.getString("source_ref");
        f.reportedBy = rs.getString("reported_by");
        f.reporterName = rs.getString("reporter_name");
        f.reporterContact = rs.getString("reporter_contact");
        f.reportedAt = instant(rs, "reported_at");
        f.description = rs.getString("description");
        f.address = rs.getString("address");
        f.longitude = rs.getDouble("longitude");
        f.latitude = rs.getDouble("latitude");
        if (rs.getString("grid_code") != null) {
            f.location = new GridLocation(rs.getString("grid_code"), rs.getString("community_code"),
                    rs.getString("street_code"), rs.getString("district_code"), rs.getString("city_code"));
        }
        f.categoryCode = rs.getString("category_code");
        f.kind = rs.getString("category_kind") == null ? null : CategoryKind.valueOf(rs.getString("category_kind"));
        f.urgency = Urgency.valueOf(rs.getString("urgency"));
        f.suggestedDepartmentId = longOrNull(rs, "suggested_department_id");
        f.routingReason = rs.getString("routing_reason");
        f.manualQueue = rs.getBoolean("manual_queue");
        f.leadDepartmentId = longOrNull(rs, "lead_department_id");
        f.firstDepartmentId = longOrNull(rs, "first_department_id");
        f.verifier = rs.getString("verifier");
        if (rs.getString("extension_unit") != null) {
            f.extensionRequested = new TimeLimit(rs.getInt("extension_amount"),
                    TimeLimit.Unit.valueOf(rs.getString("extension_unit")));
        }
        f.supervised = rs.getBoolean("supervised");
        f.reworkCount = rs.getInt("rework_count");
        f.returnCount = rs.getInt("return_count");
        f.escalationCount = rs.getInt("escalation_count");
        f.selfFixed = rs.getBoolean("self_fixed");
        f.registeredAt = instant(rs, "registered_at");
        f.dispatchedAt = instant(rs, "dispatched_at");
        f.firstDispatchedAt = instant(rs, "first_dispatched_at");
        f.handledAt = instant(rs, "handled_at");
        f.closedAt = instant(rs, "closed_at");
        f.updatedAt = instant(rs, "updated_at");
        f.stage = rs.getString("stage") == null ? null : Stage.valueOf(rs.getString("stage"));
        f.dueAt = instant(rs, "due_at");
        f.warnAt = instant(rs, "warn_at");
        f.calendarClock = rs.getBoolean("calendar_clock");
        f.slaStatus = SlaStatus.valueOf(rs.getString("sla_status"));
        f.pausedDueMinutes = longOrNull(rs, "paused_due_minutes");
        f.pausedWarnMinutes = longOrNull(rs, "paused_warn_minutes");
        f.escalatedThisStage = rs.getBoolean("escalated_this_stage");
        f.handleDueAt = instant(rs, "handle_due_at");
        return f;
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime ts(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
