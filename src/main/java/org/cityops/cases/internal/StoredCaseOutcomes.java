package org.cityops.cases.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityops.cases.CaseOutcomes;
import org.cityops.cases.CaseState;
import org.cityops.cases.Stage;
import org.cityops.platform.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers {@link CaseOutcomes} from the case table and its history. The handling deadline of a
 * case that has left the HANDLE stage is no longer on the case row, so it is taken from the
 * {@code dueAt=} the history recorded at the last dispatch, approved extension or resume.
 */
@Component
class StoredCaseOutcomes implements CaseOutcomes {

    private static final int CHUNK = 500;

    private final JdbcClient jdbc;
    private final CaseRepository cases;

    StoredCaseOutcomes(JdbcClient jdbc, CaseRepository cases) {
        this.jdbc = jdbc;
        this.cases = cases;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Long, CaseOutcome> outcomes(Collection<Long> caseIds) {
        List<Long> ids = caseIds.stream().distinct().toList();
        Map<Long, CaseOutcome> result = new LinkedHashMap<>();
        for (int start = 0; start < ids.size(); start += CHUNK) {
            List<Long> chunk = ids.subList(start, Math.min(ids.size(), start + CHUNK));
            String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
            Map<Long, Instant> recordedDue = new HashMap<>();
            jdbc.sql("SELECT case_id, details FROM case_history WHERE case_id IN (" + marks + ") "
                            + "AND action IN ('DISPATCH', 'APPROVE_EXTENSION', 'RESUME') ORDER BY id")
                    .params(new ArrayList<Object>(chunk))
                    .query((rs, n) -> {
                        Instant due = dueAt(rs.getString("details"));
                        if (due != null) {
                            recordedDue.put(rs.getLong("case_id"), due);
                        }
                        return null;
                    }).list();
            jdbc.sql("SELECT id, case_no, state, lead_department_id, reported_at, handled_at, closed_at, stage, due_at, "
                            + "self_fixed FROM cases WHERE id IN (" + marks + ")")
                    .params(new ArrayList<Object>(chunk))
                    .query((rs, n) -> {
                        long id = rs.getLong("id");
                        long lead = rs.getLong("lead_department_id");
                        Long leadId = rs.wasNull() ? null : lead;
                        CaseState state = CaseState.valueOf(rs.getString("state"));
                        Instant due = Stage.HANDLE.name().equals(rs.getString("stage"))
                                ? CaseRepository.instant(rs, "due_at")
                                : state == CaseState.DEFERRED ? null : recordedDue.get(id);
                        return new CaseOutcome(id, rs.getString("case_no"), state, leadId,
                                CaseRepository.instant(rs, "reported_at"), CaseRepository.instant(rs, "handled_at"),
                                CaseRepository.instant(rs, "closed_at"), due, rs.getBoolean("self_fixed"));
                    }).list().forEach(o -> result.put(o.caseId(), o));
        }
        return result;
    }

    /** Returns the instant after {@code dueAt=} in a history detail line, or null when it has none. */
    static Instant dueAt(String details) {
        if (details == null) {
            return null;
        }
        int at = details.lastIndexOf("dueAt=");
        if (at < 0) {
            return null;
        }
        String text = details.substring(at + "dueAt=".length());
        int end = text.indexOf(';');
        try {
            return Instant.parse((end < 0 ? text : text.substring(0, end)).trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    @Transactional(readOnly = true)
    public boolean visibleTo(long caseId, Actor actor) {
        return cases.find(caseId).map(f -> CaseScope.sees(actor, f)).orElse(false);
    }
}
