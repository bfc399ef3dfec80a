package org.cityops.cases;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

import org.cityops.platform.Actor;

/**
 * Reads where cases stand for the channels that fed them (hotline callbacks and figures,
 * attachment access): state, handling deadline, handling and close times. Read-only.
 */
public interface CaseOutcomes {

    /**
     * Returns the outcome of each existing case among the ids, keyed by case id; ids of unknown
     * cases are left out. Not scoped: callers decide what their own users may see.
     */
    Map<Long, CaseOutcome> outcomes(Collection<Long> caseIds);

    /** Returns whether the case exists and lies in the actor's scope (the same rule as the case API). */
    boolean visibleTo(long caseId, Actor actor);

    /**
     * Where one case stands.
     *
     * @param caseId           the case id
     * @param caseNo           the case number
     * @param state            the current state
     * @param leadDepartmentId the lead department, null before dispatch
     * @param reportedAt       when it was reported
     * @param handledAt        when the lead department last fed back (处置反馈), null before
     * @param closedAt         when it was closed, null while open
     * @param handlingDueAt    the handling deadline (处置时限, with approved extensions) of the last
     *                         dispatch, null when never dispatched or while paused (挂账)
     * @param selfFixed        whether the reporting inspector fixed it on the spot
     */
    record CaseOutcome(long caseId, String caseNo, CaseState state, Long leadDepartmentId, Instant reportedAt,
                       Instant handledAt, Instant closedAt, Instant handlingDueAt, boolean selfFixed) {

        /** Returns whether the case is closed (结案). */
        public boolean closed() {
            return state == CaseState.CLOSED;
        }
    }
}
