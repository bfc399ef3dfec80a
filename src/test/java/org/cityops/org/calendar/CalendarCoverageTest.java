package org.cityops.org.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class CalendarCoverageTest {

    static final Duration MONTH = Duration.ofDays(31);

    @Test
    void midYearWithTheYearStoredNeedsNothing() {
        CalendarCoverage c = CalendarCoverage.of(LocalDate.of(2026, 6, 1), List.of(2026), MONTH);

        assertThat(c.currentYearStored()).isTrue();
        assertThat(c.nextYearDue()).isFalse();
        assertThat(c.missing()).isZero();
        assertThat(c.warning()).isNull();
    }

    @Test
    void theNextYearIsDueWhenTheYearsEndIsWithinTheNotice() {
        assertThat(CalendarCoverage.of(LocalDate.of(2026, 11, 30), List.of(2026), MONTH).nextYearDue()).isFalse();
        CalendarCoverage december = CalendarCoverage.of(LocalDate.of(2026, 12, 1), List.of(2026), MONTH);

        assertThat(december.nextYearDue()).isTrue();
        assertThat(december.nextYearStored()).isFalse();
        assertThat(december.missing()).isEqualTo(1);
        assertThat(december.warning()).contains("2027年节假日安排尚未导入", "PUT /api/v1/calendar/2027");
    }

    @Test
    void theNextYearStoredEndsTheWarning() {
        CalendarCoverage c = CalendarCoverage.of(LocalDate.of(2026, 12, 20), List.of(2025, 2026, 2027), MONTH);

        assertThat(c.missing()).isZero();
        assertThat(c.warning()).isNull();
        assertThat(c.years()).containsExactly(2025, 2026, 2027);
    }

    @Test
    void aCurrentYearMissingIsWorseAndNamedFirst() {
        CalendarCoverage c = CalendarCoverage.of(LocalDate.of(2027, 1, 4), List.of(2026), MONTH);

        assertThat(c.currentYear()).isEqualTo(2027);
        assertThat(c.currentYearStored()).isFalse();
        assertThat(c.missing()).isEqualTo(1);
        assertThat(c.warning()).contains("2027年节假日安排未导入", "Monday to Friday");
        assertThat(CalendarCoverage.of(LocalDate.of(2027, 12, 31), List.of(2026), MONTH).missing())
                .as("both the current and the next year").isEqualTo(2);
    }
}
