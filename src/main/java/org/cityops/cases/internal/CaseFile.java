package org.cityops.cases.internal;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import org.cityops.cases.CaseLevel;
import org.cityops.cases.CaseState;
import org.cityops.cases.SlaStatus;
import org.cityops.cases.Stage;
import org.cityops.catalog.CategoryKind;
import org.cityops.catalog.TimeLimit;
import org.cityops.catalog.Urgency;
import org.cityops.geo.GridLocation;

/**
 * A case (案卷) as the loop sees it: the state and everything the transition guards and the
 * deadline rules read. Plain Java; the repository loads and stores it.
 */
final class CaseFile {

    Long id;
    String caseNo;
    CaseState state;
    int version;
    CaseLevel level;
    String sourceType;
    String sourceRef;
    String reportedBy;
    String reporterName;
    String reporterContact;
    Instant reportedAt;
    String description;
    String address;
    double longitude;
    double latitude;
    GridLocation location;
    String categoryCode;
    CategoryKind kind;
    Urgency urgency;
    Long suggestedDepartmentId;
    String routingReason;
    boolean manualQueue;
    Long leadDepartmentId;
    final Set<Long> assistDepartmentIds = new LinkedHashSet<>();
    final Set<Long> assistFedBack = new LinkedHashSet<>();
    String verifier;
    TimeLimit extensionRequested;
    boolean supervised;
    int reworkCount;
    int returnCount;
    int escalationCount;
    boolean selfFixed;
    Instant registeredAt;
    Instant dispatchedAt;
    Instant handledAt;
    Instant closedAt;
    Instant updatedAt;
    Instant firstDispatchedAt;
    Long firstDepartmentId;

    // the running deadline of the current stage
    Stage stage;
    Instant dueAt;
    Instant warnAt;
    boolean calendarClock;
    SlaStatus slaStatus = SlaStatus.GREEN;
    Long pausedDueMinutes;
    Long pausedWarnMinutes;
    boolean escalatedThisStage;
    /** The deadline of the last HANDLE stage, kept after the case leaves it (for on-time figures). */
    Instant handleDueAt;

    /** Returns whether the department is the lead or an assisting department of this case. */
    boolean involves(long departmentId) {
        return (leadDepartmentId != null && leadDepartmentId == departmentId) || assistDepartmentIds.contains(departmentId);
    }

    /** Returns the codes of the divisions the case lies in, most specific first (nulls skipped). */
    Set<String> regionPath() {
        Set<String> path = new LinkedHashSet<>();
        if (location != null) {
            for (String code : new String[] {location.gridCode(), location.communityCode(), location.streetCode(),
                    location.districtCode(), location.cityCode()}) {
                if (code != null) {
                    path.add(code);
                }
            }
        }
        return path;
    }

    String districtCode() {
        return location == null ? null : location.districtCode();
    }
}
