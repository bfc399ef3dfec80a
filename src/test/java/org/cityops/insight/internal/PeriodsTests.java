package org.cityops.insight.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;

import org.cityops.platform.ProblemException;
import org.junit.jupiter.api.Test;

class PeriodsTests {

    final Periods periods = new Periods(ZoneId.of("Asia/Shanghai"), 400);
    // 01:30 on 1 March in Shanghai is still 28 February in UTC
    final Instant now = Instant.parse("2026-02-28T17:30:00Z");

    @Test
    void todayRunsFromLocalMidnightToTheNext() {
        Periods.Period today = periods.today(now);
        assertThat(today.from()).isEqualTo(Instant.parse("2026-02-28T16:00:00Z"));
        assertThat(today.to()).isEqualTo(Instant.parse("2026-03-01T16:00:00Z"));
    }

    @Test
    void theMonthIsTheLocalCalendarMonth() {
        Periods.Period month = periods.month(now);
        assertThat(month.from()).isEqualTo(Instant.parse("2026-02-28T16:00:00Z"));
        assertThat(month.to()).isEqualTo(Instant.parse("2026-03-31T16:00:00Z"));
    }

    @Test
    void dayBoundariesCutAPeriodAtEveryLocalMidnight() {
        Periods.Period week = periods.lastDays(7, now);
        assertThat(periods.dayBoundaries(week)).hasSize(8)
                .startsWith(Instant.parse("2026-02-22T16:00:00Z"))
                .endsWith(Instant.parse("2026-03-01T16:00:00Z"));
        assertThat(periods.day(week.from())).hasToString("2026-02-23");
    }

    @Test
    void aPeriodEndingBeforeItStartsNamesFrom() {
        assertThatThrownBy(() -> periods.explicit(now, now.minusSeconds(1), now))
                .isInstanceOfSatisfying(ProblemException.BadRequest.class,
                        e -> assertThat(e.errors()).extracting(ProblemException.FieldError::field).containsExactly("from"));
    }

    @Test
    void aPeriodLongerThanTheLimitNamesTo() {
        assertThatThrownBy(() -> periods.explicit(now.minusSeconds(401L * 86400), now, now))
                .isInstanceOfSatisfying(ProblemException.BadRequest.class,
                        e -> assertThat(e.errors()).extracting(ProblemException.FieldError::field).containsExactly("to"));
    }

    @Test
    void anUnknownPeriodNameNamesPeriod() {
        assertThatThrownBy(() -> periods.resolve("week", null, null, now))
                .isInstanceOfSatisfying(ProblemException.BadRequest.class,
                        e -> assertThat(e.errors()).extracting(ProblemException.FieldError::field).containsExactly("period"));
    }
}
