package org.cityops.cases.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.cityops.cases.CaseAction;
import org.cityops.cases.CaseEvents;
import org.cityops.cases.CaseLevel;
import org.cityops.cases.SlaStatus;
import org.cityops.platform.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Watches the deadlines: marks cases yellow (黄灯) at 80 % of their stage's limit and red
 * (红灯) when overdue, publishing an event for each, and escalates overdue cases one level
 * when the city's policy says so. Reads time only from the injected clock.
 */
@Component
public class DeadlineWatch {

    private static final Logger log = LoggerFactory.getLogger(DeadlineWatch.class);
    private static final int BATCH = 500;

    private final CaseRepository cases;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final CasesSettings settings;

    DeadlineWatch(CaseRepository cases, ApplicationEventPublisher events, TransactionTemplate tx, Clock clock,
                  CasesSettings settings) {
        this.cases = cases;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "${cityops.cases.sla-scan-interval:1m}",
            initialDelayString = "${cityops.cases.sla-scan-interval:1m}")
    void scheduledScan() {
        scan();
    }

    /** Marks every case whose warning point or deadline has passed; returns how many changed. */
    public int scan() {
        Instant now = clock.instant();
        int changed = 0;
        List<Long> due;
        int changedInBatch;
        do {
            due = cases.dueForMarking(now, BATCH);
            changedInBatch = 0;
            for (Long id : due) {
                try {
                    if (Boolean.TRUE.equals(tx.execute(s -> mark(id, now)))) {
                        changedInBatch++;
                    }
                } catch (OptimisticLockingFailureException e) {
                    log.debug("case {} changed while marking its deadline; the next scan looks again", id);
                }
            }
            changed += changedInBatch;
            // a full batch in which nothing could be marked would come back unchanged: leave it to the next scan
        } while (due.size() == BATCH && changedInBatch > 0);
        return changed;
    }

    private boolean mark(long id, Instant now) {
        CaseFile f = cases.find(id).orElse(null);
        if (f == null || f.dueAt == null) {
            return false;
        }
        SlaStatus before = f.slaStatus;
        if (!now.isBefore(f.dueAt)) {
            f.slaStatus = SlaStatus.RED;
        } else if (!now.isBefore(f.warnAt)) {
            f.slaStatus = SlaStatus.YELLOW;
        }
        if (f.slaStatus == before) {
            return false;
        }
        CaseLevel escalatedFrom = null;
        if (f.slaStatus == SlaStatus.RED && settings.escalateOverdue() && !f.escalatedThisStage
                && f.level.above().isPresent()) {
            escalatedFrom = f.level;
            f.level = f.level.above().get();
            f.escalationCount++;
            f.escalatedThisStage = true;
        }
        f.updatedAt = now;
        cases.update(f);
        String mark = f.slaStatus == SlaStatus.RED ? "DEADLINE_OVERDUE" : "DEADLINE_WARNING";
        cases.appendHistory(f.id, mark, f.state, f.state, "system", Role.ADMIN.name(), now, null,
                "stage=" + f.stage + "; dueAt=" + f.dueAt, List.of());
        if (f.slaStatus == SlaStatus.RED) {
            events.publishEvent(new CaseEvents.CaseOverdue(f.id, f.caseNo, f.stage, f.dueAt, f.leadDepartmentId,
                    f.districtCode(), now));
        } else {
            events.publishEvent(new CaseEvents.CaseDeadlineApproaching(f.id, f.caseNo, f.stage, f.dueAt,
                    f.leadDepartmentId, f.districtCode(), now));
        }
        if (escalatedFrom != null) {
            cases.appendHistory(f.id, CaseAction.ESCALATE.name(), f.state, f.state, "system", Role.ADMIN.name(), now,
                    "超期自动升级 (overdue: escalated by policy)", "level=" + escalatedFrom + "→" + f.level, List.of());
            events.publishEvent(new CaseEvents.CaseEscalated(f.id, f.caseNo, escalatedFrom, f.level, true, now));
        }
        return true;
    }
}
