package org.cityops.intake.hotline;

import org.cityops.cases.CaseEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Makes the work orders of a closed case due for callback (待回访). */
@Component
class HotlineCaseListener {

    private static final Logger log = LoggerFactory.getLogger(HotlineCaseListener.class);

    private final HotlineService hotline;

    HotlineCaseListener(HotlineService hotline) {
        this.hotline = hotline;
    }

    @ApplicationModuleListener
    void on(CaseEvents.CaseClosed closed) {
        int due = hotline.caseClosed(closed.caseId(), closed.at());
        if (due > 0) {
            log.info("case {} closed: {} hotline work order(s) due for callback", closed.caseNo(), due);
        }
    }
}
