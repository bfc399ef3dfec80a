package org.cityops.rules.internal;

import org.cityops.cases.CaseEvents;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Resolves alerts whose case was closed, and keeps an alert on the case its report moved to. */
@Component
class CaseLinkListener {

    private final AlertService alerts;

    CaseLinkListener(AlertService alerts) {
        this.alerts = alerts;
    }

    @ApplicationModuleListener
    void on(CaseEvents.CaseClosed closed) {
        alerts.caseClosed(closed.caseId(), closed.sourceType(), closed.sourceRef());
    }

    @ApplicationModuleListener
    void on(CaseEvents.CaseReportLinked linked) {
        alerts.caseMoved(linked.sourceType(), linked.sourceRef(), linked.caseId());
    }
}
