package org.cityops.intake.hotline;

import org.cityops.cases.CaseEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Makes the work orders of a closed case due for callback (待回访), and keeps them on the case their report moved to. */
@Component
class HotlineCaseListener {

    private static final Logger log = LoggerFactory.getLogger(HotlineCaseListener.class);

    private final HotlineService hotline;

    HotlineCaseListener(HotlineService hotline) {
        this.hotline = hotline;
    }

    /** A work order whose report moved to another case (merge, split) follows that case. */
    @ApplicationModuleListener
    void on(CaseEvents.CaseReportLinked linked) {
        if (HotlineService.SOURCE_TYPE.equals(linked.sourceType()) && linked.fromCaseId() != null
                && linked.sourceRef() != null) {
            hotline.caseMoved(linked.sourceRef(), linked.fromCaseId(), linked.caseId());
        }
    }

    @ApplicationModuleListener
    void on(CaseEvents.CaseClosed closed) {
        int due = hotline.caseClosed(closed.caseId(), closed.at());
        if (due > 0) {
            log.info("case {} closed: {} hotline work order(s) due for callback", closed.caseNo(), due);
        }
    }
}
