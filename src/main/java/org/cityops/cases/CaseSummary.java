package org.cityops.cases;

import java.time.Instant;
import java.util.List;

import org.cityops.catalog.Urgency;

/**
 * What other modules may tell outsiders about a case: where it stands, who handles it and by
 * when. Carries no reporter data.
 *
 * @param id                 case id
 * @param caseNo             case number
 * @param state              current state
 * @param sourceType         channel it came in through (OPEN311, HOTLINE, …)
 * @param sourceRef          the channel's own reference, may be {@code null}
 * @param categoryCode       current subclass code (corrected at registration), may be {@code null}
 * @param urgency            urgency
 * @param description        what was reported
 * @param address            readable address, may be {@code null}
 * @param longitude          WGS 84 longitude
 * @param latitude           WGS 84 latitude
 * @param leadDepartmentId   lead department once dispatched, otherwise {@code null}
 * @param reportedAt         when it was reported
 * @param updatedAt          when it last changed
 * @param dueAt              deadline of the running stage; {@code null} when no clock runs (closed, deferred)
 * @param stateNote          comment of the transition that led into the current state, may be {@code null}
 * @param reportAttachments  attachment references given with the report
 */
public record CaseSummary(long id, String caseNo, CaseState state, String sourceType, String sourceRef,
                          String categoryCode, Urgency urgency, String description, String address,
                          double longitude, double latitude, Long leadDepartmentId, Instant reportedAt,
                          Instant updatedAt, Instant dueAt, String stateNote, List<String> reportAttachments) {

    public CaseSummary {
        reportAttachments = reportAttachments == null ? List.of() : List.copyOf(reportAttachments);
    }
}
