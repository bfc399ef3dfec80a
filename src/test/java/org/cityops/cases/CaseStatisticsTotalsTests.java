package org.cityops.cases;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaseStatisticsTotalsTests {

    @Test
    void theOnTimeCloseRateIsClosedOnTimeOverDueToClose() {
        CaseStatistics.Totals totals = new CaseStatistics.Totals(10, 8, 8, 5, 4, 3, 5, 1);
        assertThat(totals.onTimeCloseRate()).isEqualTo(0.75);
    }

    @Test
    void withNothingDueToCloseThereIsNoRate() {
        assertThat(new CaseStatistics.Totals(3, 0, 0, 0, 0, 0, 3, 0).onTimeCloseRate()).isNull();
    }
}
