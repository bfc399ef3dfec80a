package org.cityops.cases;

import org.cityops.platform.Actor;

/** The one entry through which every channel puts a problem into the case loop. */
public interface CaseIntake {

    /**
     * Records the report as a new case (state REPORTED, or CLOSED when fixed on the spot) and
     * returns its id and number.
     */
    ReportedCase report(NewReport report, Actor reporter);

    /** The identity of a newly reported case. */
    record ReportedCase(long id, String caseNo, CaseState state) {
    }
}
