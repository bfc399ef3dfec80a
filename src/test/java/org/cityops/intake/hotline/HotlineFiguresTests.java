package org.cityops.intake.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.cityops.cases.CaseOutcomes.CaseOutcome;
import org.cityops.cases.CaseState;
import org.junit.jupiter.api.Test;

class HotlineFiguresTests {

    static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-04-01T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-04-10T00:00:00Z");
    static final Instant DUE = Instant.parse("2026-03-05T09:00:00Z");

    static CaseOutcome closed(Instant handledAt) {
        return new CaseOutcome(1, "C1", CaseState.CLOSED, 7L, FROM, handledAt, handledAt.plusSeconds(3600), DUE, false);
    }

    static CaseOutcome open(CaseState state, Instant due) {
        return new CaseOutcome(2, "C2", state, 7L, FROM, null, null, due, false);
    }

    static HotlineFigures.Row row(WorkOrderStatus status, CaseOutcome outcome) {
        return new HotlineFigures.Row(status, null, null, outcome);
    }

    static HotlineFigures.Row calledBack(CaseOutcome outcome, Satisfaction satisfaction, boolean resolved) {
        return new HotlineFigures.Row(WorkOrderStatus.CALLED_BACK, satisfaction, resolved, outcome);
    }

    @Test
    void ratesDivideTheCountsAndRoundHalfUpToFourDecimals() {
        assertThat(HotlineFigures.rate(6, 7)).isEqualByComparingTo("0.8571");
        assertThat(HotlineFigures.rate(2, 3)).isEqualByComparingTo("0.6667");
        assertThat(HotlineFigures.rate(3, 3)).isEqualByComparingTo("1");
        assertThat(HotlineFigures.rate(0, 0)).as("nothing counted: no rate").isNull();
    }

    @Test
    void replyRateCountsDirectAnswersAndClosedCasesOverAllReceived() {
        HotlineFigures f = HotlineFigures.of(FROM, TO, List.of(
                row(WorkOrderStatus.ANSWERED, null),
                row(WorkOrderStatus.RECEIVED, null),
                row(WorkOrderStatus.CALLBACK_DUE, closed(DUE.minusSeconds(60))),
                row(WorkOrderStatus.TRANSFERRED, open(CaseState.HANDLING, NOW.plusSeconds(60)))), NOW);
        assertThat(f.received()).isEqualTo(4);
        assertThat(f.answeredDirectly()).isEqualTo(1);
        assertThat(f.transferred()).isEqualTo(2);
        assertThat(f.casesClosed()).isEqualTo(1);
        assertThat(f.replyRate()).isEqualByComparingTo("0.5");
    }

    @Test
    void onTimeCompletionComparesTheLeadDepartmentsFeedbackWithTheHandlingDeadline() {
        HotlineFigures f = HotlineFigures.of(FROM, TO, List.of(
                row(WorkOrderStatus.ANSWERED, null),
                row(WorkOrderStatus.CALLBACK_DUE, closed(DUE)),
                row(WorkOrderStatus.CALLBACK_DUE, closed(DUE.plusSeconds(1))),
                row(WorkOrderStatus.TRANSFERRED, open(CaseState.HANDLING, NOW.minusSeconds(1))),
                row(WorkOrderStatus.TRANSFERRED, open(CaseState.HANDLING, NOW.plusSeconds(1))),
                row(WorkOrderStatus.TRANSFERRED, open(CaseState.DEFERRED, null)),
                row(WorkOrderStatus.RECEIVED, null)), NOW);
        assertThat(f.dueForCompletion()).as("answered, two closed, one open past its deadline").isEqualTo(4);
        assertThat(f.completedOnTime()).as("answered and the case fed back exactly at the deadline").isEqualTo(2);
        assertThat(f.onTimeCompletionRate()).isEqualByComparingTo("0.5");
    }

    @Test
    void aCaseFixedOnTheSpotOrWithoutHandlingDeadlineIsOnTime() {
        CaseOutcome selfFixed = new CaseOutcome(3, "C3", CaseState.CLOSED, null, FROM, FROM, FROM, null, true);
        CaseOutcome noDeadline = new CaseOutcome(4, "C4", CaseState.CLOSED, 7L, FROM, NOW, NOW, null, false);
        assertThat(HotlineFigures.handledOnTime(selfFixed)).isTrue();
        assertThat(HotlineFigures.handledOnTime(noDeadline)).isTrue();
    }

    @Test
    void resolutionAndSatisfactionAreSharesOfTheCalledBack() {
        CaseOutcome c = closed(DUE);
        HotlineFigures f = HotlineFigures.of(FROM, TO, List.of(
                calledBack(c, Satisfaction.SATISFIED, true),
                calledBack(c, Satisfaction.BASICALLY_SATISFIED, true),
                calledBack(c, Satisfaction.DISSATISFIED, false),
                calledBack(c, Satisfaction.SATISFIED, false),
                row(WorkOrderStatus.CALLBACK_DUE, c)), NOW);
        assertThat(f.calledBack()).isEqualTo(4);
        assertThat(f.resolved()).isEqualTo(2);
        assertThat(f.satisfied()).isEqualTo(2);
        assertThat(f.basicallySatisfied()).isEqualTo(1);
        assertThat(f.dissatisfied()).isEqualTo(1);
        assertThat(f.resolutionRate()).isEqualByComparingTo("0.5");
        assertThat(f.satisfactionRate()).as("basically satisfied counts as satisfied").isEqualByComparingTo("0.75");
    }

    @Test
    void anEmptyPeriodHasCountsOfZeroAndNoRates() {
        HotlineFigures f = HotlineFigures.of(FROM, TO, List.of(), NOW);
        assertThat(f.received()).isZero();
        assertThat(f.replyRate()).isNull();
        assertThat(f.onTimeCompletionRate()).isNull();
        assertThat(f.resolutionRate()).isNull();
        assertThat(f.satisfactionRate()).isNull();
    }
}
