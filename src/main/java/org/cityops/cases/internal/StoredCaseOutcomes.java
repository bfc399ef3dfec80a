package org.cityops.cases.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityops.cases.CaseOutcomes;
import org.cityops.cases.CaseState;
import org.cityops.platform.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers {@link CaseOutcomes} from the case table; the handling deadline is the one of the
 * last HANDLE stage (after rework, extension or resume), kept on the case row.
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
            jdbc.sql("SELECT id, case_no, state, lead_department_id, reported_at, handled_at, closed_at, handle_due_at, "
                            + "self_fixed FROM cases WHERE id IN (" + marks + ")")
                    .params(new ArrayList<Object>(chunk))
                    .query((rs, n) -> {
                        long id = rs.getLong("id");
                        long lead = rs.getLong("lead_department_id");
                        Long leadId = rs.wasNull() ? null : lead;
                        CaseState state = CaseState.valueOf(rs.getString("state"));
                        // a deferred case's clock is paused: it has no deadline to be judged against
                        Instant due = state == CaseState.DEFERRED ? null : CaseRepository.instant(rs, "handle_due_at");
                        return new CaseOutcome(id, rs.getString("case_no"), state, leadId,
                                CaseRepository.instant(rs, "reported_at"), CaseRepository.instant(rs, "handled_at"),
                                CaseRepository.instant(rs, "closed_at"), due, rs.getBoolean("self_fixed"));
                    }).list().forEach(o -> result.put(o.caseId(), o));
        }
        return result;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean visibleTo(long caseId, Actor actor) {
        return cases.find(caseId).map(f -> CaseScope.sees(actor, f)).orElse(false);
    }
}
