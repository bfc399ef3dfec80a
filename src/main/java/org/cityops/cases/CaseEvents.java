package org.cityops.cases;

import java.time.Instant;

/**
 * Domain events of the case loop, published in the transaction that caused them and kept in
 * the event publication registry until every listener has handled them.
 */
public final class CaseEvents {

    private CaseEvents() {
    }

    /** A new case entered the loop (any source). */
    public record CaseReported(long caseId, String caseNo, String sourceType, String categoryCode,
                               String gridCode, String districtCode, Instant at) {
    }

    /** A transition was applied; {@code from} equals {@code to} for actions that keep the state. */
    public record CaseTransitioned(long caseId, String caseNo, CaseAction action, CaseState from, CaseState to,
                                   String actor, String role, Long leadDepartmentId, String districtCode,
                                   Instant at) {
    }

    /** The case was closed (结案); linked alerts and hotline work orders react to this. */
    public record CaseClosed(long caseId, String caseNo, String sourceType, String sourceRef, Instant at) {
    }

    /**
     * A report moved to a case: a duplicate linked at intake, the reports of a case merged into
     * it, or a report split out into a new case. Channels whose request or work order points to
     * {@code fromCaseId} (null at intake) now follow {@code caseId}, whose {@link CaseClosed} closes
     * them too.
     */
    public record CaseReportLinked(long caseId, String caseNo, Long fromCaseId, long reportId, String sourceType,
                                   String sourceRef, String reason, Instant at) {
    }

    /** 黄灯: the current stage has used 80 % of its limit. */
    public record CaseDeadlineApproaching(long caseId, String caseNo, Stage stage, Instant dueAt,
                                          Long leadDepartmentId, String districtCode, Instant at) {
    }

    /** 红灯: the current stage is past its deadline. */
    public record CaseOverdue(long caseId, String caseNo, Stage stage, Instant dueAt,
                              Long leadDepartmentId, String districtCode, Instant at) {
    }

    /** The case moved up one command level, by a dispatcher or by the overdue policy. */
    public record CaseEscalated(long caseId, String caseNo, CaseLevel from, CaseLevel to, boolean automatic,
                                Instant at) {
    }
}
