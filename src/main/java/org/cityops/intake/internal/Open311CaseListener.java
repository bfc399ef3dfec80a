package org.cityops.intake.internal;

import org.cityops.cases.CaseEvents;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Keeps a service request on the case its report moved to (merge, split). */
@Component
class Open311CaseListener {

    private final Open311Requests requests;

    Open311CaseListener(Open311Requests requests) {
        this.requests = requests;
    }

    @ApplicationModuleListener
    void on(CaseEvents.CaseReportLinked linked) {
        if (Open311Service.SOURCE.equals(linked.sourceType()) && linked.fromCaseId() != null
                && linked.sourceRef() != null && linked.sourceRef().chars().allMatch(Character::isDigit)) {
            requests.caseMoved(Long.parseLong(linked.sourceRef()), linked.fromCaseId(), linked.caseId());
        }
    }
}
