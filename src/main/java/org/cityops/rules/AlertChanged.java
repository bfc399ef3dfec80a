package org.cityops.rules;

import java.time.Instant;

import org.cityops.geo.GridLocation;

/**
 * Published (as an ordinary Spring application event, after the change committed) whenever an
 * alert is raised, repeated, acknowledged, assigned, commented, cleared or resolved, or linked to a case.
 *
 * @param alertId      the alert
 * @param ruleId       the rule that raised it
 * @param ruleName     the rule's name at the time
 * @param title        a one-line human description (e.g. "水位 2.31 m > 2.0 m")
 * @param severity     the alert's severity
 * @param status       the alert's status after the change
 * @param change       what happened: RAISED, REPEATED, ACKNOWLEDGED, ASSIGNED, COMMENTED, CLEARED, RESOLVED, CASE_OPENED
 * @param subject      what the alert is about, e.g. {@code datastream:42} or {@code grid:330102001001}
 * @param location     the grid and divisions of the subject, {@code null} when unknown (scope: region)
 * @param departmentId the owning department of the subject, {@code null} when none (scope: department)
 * @param count        how many times the condition was seen while the alert was active
 * @param caseId       the case opened for it, {@code null} when none
 * @param at           when the change happened
 */
public record AlertChanged(long alertId, long ruleId, String ruleName, String title, AlertSeverity severity,
                           AlertStatus status, String change, String subject, GridLocation location,
                           Long departmentId, int count, Long caseId, Instant at) {
}
