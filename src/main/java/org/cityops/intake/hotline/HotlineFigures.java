package org.cityops.intake.hotline;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

import org.cityops.cases.CaseOutcomes.CaseOutcome;

/**
 * The hotline indicators over the work orders received in a period, with the counts behind
 * each rate (a rate is null when nothing was counted):
 * <ul>
 * <li>按时办结率 on-time completion: finished on time / due to be finished. Answered directly counts
 *     as finished on time; a transferred order is finished when its case closed, on time when the
 *     lead department fed back by the handling deadline (or the case was fixed on the spot); a
 *     transferred order whose case is still open past its handling deadline is due and late.</li>
 * <li>回复率 reply rate: answered directly or case closed / all received.</li>
 * <li>解决率 resolution rate: called back with resolved = yes / called back.</li>
 * <li>满意率 satisfaction rate: satisfied or basically satisfied / called back.</li>
 * </ul>
 */
record HotlineFigures(Instant from, Instant to, long received, long answeredDirectly, long transferred,
                      long casesClosed, long dueForCompletion, long completedOnTime, long calledBack, long resolved,
                      long satisfied, long basicallySatisfied, long dissatisfied, BigDecimal onTimeCompletionRate,
                      BigDecimal replyRate, BigDecimal resolutionRate, BigDecimal satisfactionRate) {

    /** One work order of the period with its case's outcome (null when not transferred or unknown). */
    record Row(WorkOrderStatus status, Satisfaction satisfaction, Boolean resolved, CaseOutcome outcome) {
    }

    /** Returns the figures of the rows received in [from, to), judging open cases' deadlines at {@code now}. */
    static HotlineFigures of(Instant from, Instant to, List<Row> rows, Instant now) {
        long answered = 0, transferred = 0, closed = 0, due = 0, onTime = 0, calledBack = 0, resolved = 0;
        long satisfied = 0, basically = 0, dissatisfied = 0;
        for (Row row : rows) {
            if (row.status() == WorkOrderStatus.ANSWERED) {
                answered++;
                due++;
                onTime++;
            }
            CaseOutcome outcome = row.outcome();
            if (outcome != null) {
                transferred++;
                if (outcome.closed()) {
                    closed++;
                    due++;
                    if (handledOnTime(outcome)) {
                        onTime++;
                    }
                } else if (outcome.handlingDueAt() != null && outcome.handlingDueAt().isBefore(now)) {
                    due++;
                }
            }
            if (row.status() == WorkOrderStatus.CALLED_BACK) {
                calledBack++;
                if (Boolean.TRUE.equals(row.resolved())) {
                    resolved++;
                }
                switch (row.satisfaction()) {
                    case SATISFIED -> satisfied++;
                    case BASICALLY_SATISFIED -> basically++;
                    case DISSATISFIED -> dissatisfied++;
                }
            }
        }
        return new HotlineFigures(from, to, rows.size(), answered, transferred, closed, due, onTime, calledBack,
                resolved, satisfied, basically, dissatisfied, rate(onTime, due), rate(answered + closed, rows.size()),
                rate(resolved, calledBack), rate(satisfied + basically, calledBack));
    }

    /** Returns whether a closed case was handled by its handling deadline; no deadline means none was missed. */
    static boolean handledOnTime(CaseOutcome outcome) {
        if (outcome.selfFixed() || outcome.handlingDueAt() == null) {
            return true;
        }
        Instant done = outcome.handledAt() != null ? outcome.handledAt() : outcome.closedAt();
        return done != null && !done.isAfter(outcome.handlingDueAt());
    }

    /** Returns part / whole rounded half-up to four decimals (0.8571), or null when the whole is zero. */
    static BigDecimal rate(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
