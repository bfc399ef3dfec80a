package org.cityops.cases;

import org.cityops.platform.Actor;

/** Moves cases through the loop on behalf of other modules (alerts, intake channels, tools). */
public interface CaseWorkflow {

    /**
     * Applies the command to the case as the actor, with the same checks as the API (scope,
     * role, state, guards, version), and returns where the case now stands.
     */
    Result transition(long caseId, CaseCommand command, Actor actor);

    /** The case after a transition. */
    record Result(long caseId, String caseNo, CaseState state, int version) {
    }
}
