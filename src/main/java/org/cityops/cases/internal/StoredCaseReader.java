package org.cityops.cases.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cityops.cases.CaseReader;
import org.cityops.cases.CaseState;
import org.cityops.cases.CaseSummary;
import org.cityops.catalog.Urgency;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Answers other modules' reads of cases straight from the case tables. */
@Repository
class StoredCaseReader implements CaseReader {

    private static final String COLUMNS = """
            c.id, c.case_no, c.state, c.source_type, c.source_ref, c.category_code, c.urgency, c.description,
            c.address, c.longitude, c.latitude, c.lead_department_id, c.reported_at, c.updated_at, c.due_at,
            c.paused_due_minutes""";

    /** A report's own reference, subclass, text, place and time with the state of the case it belongs to. */
    private static final String REPORT_COLUMNS = """
            c.id, c.case_no, c.state, r.source_type, r.source_ref, r.category_code, c.urgency, r.description,
            r.address, r.longitude, r.latitude, c.lead_department_id, r.reported_at, c.updated_at, c.due_at,
            c.paused_due_minutes""";

    private final JdbcClient jdbc;

    StoredCaseReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CaseSummary> find(long id) {
        List<Row> rows = jdbc.sql("SELECT " + COLUMNS + " FROM cases c WHERE c.id = ?").param(id)
                .query(StoredCaseReader::row).list();
        return complete(rows).stream().findFirst();
    }

    @Override
    @Transactional(readOnly = true)
    public List<CaseSummary> bySource(String sourceType, SourceQuery query) {
        // through the case's reports: a request linked to, merged into or split out to another case
        // follows that case's state while keeping its own reference, time, place and text
        StringBuilder sql = new StringBuilder("SELECT " + REPORT_COLUMNS
                + " FROM case_report r JOIN cases c ON c.id = r.case_id WHERE r.source_type = ?");
        List<Object> params = new ArrayList<>();
        params.add(sourceType);
        in(sql, params, "r.source_ref", query.sourceRefs());
        in(sql, params, "r.category_code", query.categoryCodes());
        if (query.from() != null) {
            sql.append(" AND r.reported_at >= ?");
            params.add(CaseRepository.ts(query.from()));
        }
        if (query.to() != null) {
            sql.append(" AND r.reported_at < ?");
            params.add(CaseRepository.ts(query.to()));
        }
        if (query.open() != null) {
            List<String> states = new ArrayList<>();
            for (CaseState s : CaseState.values()) {
                if (s.open() == query.open()) {
                    states.add(s.name());
                }
            }
            in(sql, params, "c.state", states);
        }
        sql.append(" ORDER BY r.reported_at DESC, r.id DESC LIMIT ").append(query.limit());
        return complete(jdbc.sql(sql.toString()).params(params).query(StoredCaseReader::row).list());
    }

    private static void in(StringBuilder sql, List<Object> params, String column, List<String> values) {
        if (!values.isEmpty()) {
            sql.append(" AND ").append(column).append(" IN (").append("?,".repeat(values.size() - 1)).append("?)");
            params.addAll(values);
        }
    }

    /** Adds each case's state note and report attachments, two queries for the whole page. */
    private List<CaseSummary> complete(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Object> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.id()));
        String marks = "?,".repeat(ids.size() - 1) + "?";
        // the entries that changed the state, oldest first: the last one per case led into its current state
        Map<Long, String> notes = new HashMap<>();
        jdbc.sql("SELECT case_id, comment FROM case_history WHERE case_id IN (" + marks + ")"
                        + " AND (from_state IS NULL OR from_state <> to_state) ORDER BY id")
                .params(ids)
                .query((rs, n) -> notes.put(rs.getLong(1), rs.getString(2)))
                .list();
        Map<Long, List<String>> attachments = new HashMap<>();
        jdbc.sql("SELECT a.case_id, a.ref FROM case_attachment a JOIN case_history h ON h.id = a.history_id"
                        + " WHERE h.action = 'REPORT' AND a.case_id IN (" + marks + ") ORDER BY a.id")
                .params(ids)
                .query((rs, n) -> attachments.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)))
                .list();
        return rows.stream().map(r -> new CaseSummary(r.id(), r.caseNo(), r.state(), r.sourceType(),
                r.sourceRef(), r.categoryCode(), r.urgency(), r.description(), r.address(), r.longitude(),
                r.latitude(), r.leadDepartmentId(), r.reportedAt(), r.updatedAt(), r.dueAt(), notes.get(r.id()),
                attachments.getOrDefault(r.id(), List.of())))
                .toList();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        CaseState state = CaseState.valueOf(rs.getString("state"));
        long dept = rs.getLong("lead_department_id");
        Long leadDepartmentId = rs.wasNull() ? null : dept;
        rs.getLong("paused_due_minutes");
        boolean paused = !rs.wasNull();
        // a paused clock (挂账) has no deadline until the case resumes; a closed case has no running stage
        Instant dueAt = paused || !state.open() ? null : CaseRepository.instant(rs, "due_at");
        return new Row(rs.getLong("id"), rs.getString("case_no"), state, rs.getString("source_type"),
                rs.getString("source_ref"), rs.getString("category_code"), Urgency.valueOf(rs.getString("urgency")),
                rs.getString("description"), rs.getString("address"), rs.getDouble("longitude"),
                rs.getDouble("latitude"), leadDepartmentId, CaseRepository.instant(rs, "reported_at"),
                CaseRepository.instant(rs, "updated_at"), dueAt);
    }

    private record Row(long id, String caseNo, CaseState state, String sourceType, String sourceRef,
                       String categoryCode, Urgency urgency, String description, String address, double longitude,
                       double latitude, Long leadDepartmentId, Instant reportedAt, Instant updatedAt, Instant dueAt) {
    }
}
