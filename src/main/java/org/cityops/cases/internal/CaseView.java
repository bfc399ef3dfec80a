package org.cityops.cases.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.cityops.cases.CaseAction;
import org.cityops.catalog.TimeLimit;

/** A case as the API shows it. Reporter contacts are masked for roles that do not need them. */
record CaseView(long id, String caseNo, String state, String stateName, int version, String level,
                String sourceType, String sourceRef, String reportedBy, String reporterName, String reporterContact,
                Instant reportedAt, String description, String address, double longitude, double latitude,
                Location location, String categoryCode, String categoryKind, String urgency,
                Long suggestedDepartmentId, String routingReason, boolean manualQueue, Long leadDepartmentId,
                List<Assist> assistDepartments, String verifier, TimeLimit extensionRequested, boolean supervised,
                int reworkCount, int returnCount, int escalationCount, boolean selfFixed, Instant registeredAt,
                Instant dispatchedAt, Instant handledAt, Instant closedAt, Instant updatedAt, Deadline deadline,
                List<CaseAction> allowedActions) {

    record Location(String gridCode, String communityCode, String streetCode, String districtCode, String cityCode) {
    }

    record Assist(long departmentId, boolean fedBack) {
    }

    /** The running deadline of the current stage; {@code paused} while deferred (挂账). */
    record Deadline(String stage, Instant dueAt, Instant warnAt, String status, boolean paused,
                    Long pausedRemainingMinutes) {
    }

    static CaseView of(CaseFile f, List<CaseAction> allowed, boolean showContact) {
        List<Assist> assists = new ArrayList<>();
        f.assistDepartmentIds.forEach(d -> assists.add(new Assist(d, f.assistFedBack.contains(d))));
        Location location = f.location == null ? null : new Location(f.location.gridCode(), f.location.communityCode(),
                f.location.streetCode(), f.location.districtCode(), f.location.cityCode());
        Deadline deadline = f.stage == null ? null : new Deadline(f.stage.name(), f.dueAt, f.warnAt,
                f.slaStatus.name(), f.pausedDueMinutes != null, f.pausedDueMinutes);
        return new CaseView(f.id, f.caseNo, f.state.name(), f.state.chineseName(), f.version, f.level.name(),
                f.sourceType, f.sourceRef, f.reportedBy, f.reporterName,
                showContact ? f.reporterContact : mask(f.reporterContact), f.reportedAt, f.description, f.address,
                f.longitude, f.latitude, location, f.categoryCode, f.kind == null ? null : f.kind.name(),
                f.urgency.name(), f.suggestedDepartmentId, f.routingReason, f.manualQueue, f.leadDepartmentId,
                assists, f.verifier, f.extensionRequested, f.supervised, f.reworkCount, f.returnCount,
                f.escalationCount, f.selfFixed, f.registeredAt, f.dispatchedAt, f.handledAt, f.closedAt, f.updatedAt,
                deadline, allowed);
    }

    /** Masks all but the first three and last two characters (a phone 13812345678 → 138******78). */
    static String mask(String contact) {
        if (contact == null) {
            return null;
        }
        if (contact.length() <= 5) {
            return "*".repeat(contact.length());
        }
        return contact.substring(0, 3) + "*".repeat(contact.length() - 5) + contact.substring(contact.length() - 2);
    }
}
