package org.cityops.cases.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.cityops.cases.CaseState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The reports linked to each case, and the candidate search for duplicates. */
@Repository
class CaseReports {

    /** One report of a problem, as linked to a case. */
    record Report(long id, long caseId, Long openedCaseId, String sourceType, String sourceRef, String reportedBy,
                  String reporterName, String reporterContact, Instant reportedAt, double longitude,
                  double latitude, String address, String categoryCode, String description,
                  List<String> attachments, Instant linkedAt) {
    }

    private static final List<String> OPEN_STATES = java.util.Arrays.stream(CaseState.values())
            .filter(CaseState::open).map(Enum::name).toList();

    private final JdbcClient jdbc;

    CaseReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Links a report to the case and returns the report's id; {@code opened} when the report opened the case. */
    long insert(long caseId, boolean opened, Report r) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO case_report (case_id, opened_case_id, source_type, source_ref, reported_by, reporter_name,
                    reporter_contact, reported_at, longitude, latitude, address, category_code, description,
                    attachments, linked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(caseId, opened ? caseId : null, r.sourceType(), r.sourceRef(), r.reportedBy(), r.reporterName(),
                        r.reporterContact(), CaseRepository.ts(r.reportedAt()), r.longitude(), r.latitude(),
                        r.address(), r.categoryCode(), r.description(), r.attachments().toArray(new String[0]),
                        CaseRepository.ts(r.linkedAt()))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /**
     * Returns the open cases of the subclass inside the box reported since the moment: the
     * indexed pre-filter; the exact distance is the rule's.
     */
    List<DuplicateRule.Candidate> candidates(String categoryCode, DuplicateRule.Box box, Instant since) {
        String states = "?,".repeat(OPEN_STATES.size() - 1) + "?";
        List<Object> params = new ArrayList<>(List.of(categoryCode, box.minLon(), box.maxLon(), box.minLat(),
                box.maxLat(), CaseRepository.ts(since)));
        params.addAll(OPEN_STATES);
        return jdbc.sql("""
                SELECT id, longitude, latitude, reported_at FROM cases
                WHERE category_code = ? AND longitude BETWEEN ? AND ? AND latitude BETWEEN ? AND ?
                  AND reported_at >= ? AND state IN (""" + states + ") ORDER BY reported_at, id LIMIT 200")
                .params(params)
                .query((rs, n) -> new DuplicateRule.Candidate(rs.getLong("id"), rs.getDouble("longitude"),
                        rs.getDouble("latitude"), CaseRepository.instant(rs, "reported_at")))
                .list();
    }

    /** Returns the case's reports, its own first. */
    List<Report> of(long caseId) {
        return jdbc.sql("SELECT * FROM case_report WHERE case_id = ? ORDER BY reported_at, id").param(caseId)
                .query(CaseReports::row).list();
    }

    Optional<Report> find(long reportId) {
        return jdbc.sql("SELECT * FROM case_report WHERE id = ?").param(reportId).query(CaseReports::row).optional();
    }

    /** Moves every report of one case to another (a merge) and returns how many moved. */
    int moveAll(long fromCaseId, long toCaseId, Instant at) {
        return jdbc.sql("UPDATE case_report SET case_id = ?, linked_at = ? WHERE case_id = ?")
                .params(toCaseId, CaseRepository.ts(at), fromCaseId).update();
    }

    /** Moves one report to the new case it opens (a split). */
    void splitInto(long reportId, long newCaseId, Instant at) {
        jdbc.sql("UPDATE case_report SET case_id = ?, opened_case_id = ?, linked_at = ? WHERE id = ?")
                .params(newCaseId, newCaseId, CaseRepository.ts(at), reportId).update();
    }

    private static Report row(ResultSet rs, int n) throws SQLException {
        Array array = rs.getArray("attachments");
        List<String> attachments = new ArrayList<>();
        if (array != null) {
            for (Object o : (Object[]) array.getArray()) {
                attachments.add((String) o);
            }
        }
        return new Report(rs.getLong("id"), rs.getLong("case_id"), (Long) rs.getObject("opened_case_id", Long.class),
                rs.getString("source_type"), rs.getString("source_ref"), rs.getString("reported_by"),
                rs.getString("reporter_name"), rs.getString("reporter_contact"),
                CaseRepository.instant(rs, "reported_at"), rs.getDouble("longitude"), rs.getDouble("latitude"),
                rs.getString("address"), rs.getString("category_code"), rs.getString("description"),
                attachments, CaseRepository.instant(rs, "linked_at"));
    }
}
