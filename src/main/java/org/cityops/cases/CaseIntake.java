package org.cityops.cases;

import org.cityops.platform.Actor;

/** The one entry through which every channel puts a problem into the case loop. */
public interface CaseIntake {

    /**
     * Records the report as a new case (state REPORTED, or CLOSED when fixed on the spot) and
     * returns its id and number; or, when it repeats an open case of the same subclass nearby
     * and duplicates are linked, links it to that case and returns that case.
     */
    ReportedCase report(NewReport report, Actor reporter);

    /**
     * The case that now holds the report.
     *
     * @param id          the case's id: the new case, or the open case the report was linked to
     * @param caseNo      the case's number
     * @param state       the case's state
     * @param reportId    the report's id among the case's reports
     * @param duplicateOf the open case this report repeats: the case it was linked to ({@code linked}),
     *                    or, in confirm mode, the case offered to the operator to merge; null otherwise
     * @param linked      whether the report was linked to an existing case instead of opening one
     */
    record ReportedCase(long id, String caseNo, CaseState state, Long reportId, Long duplicateOf, boolean linked) {

        /** Returns a new case's identity, not a duplicate. */
        public ReportedCase(long id, String caseNo, CaseState state) {
            this(id, caseNo, state, null, null, false);
        }
    }
}
