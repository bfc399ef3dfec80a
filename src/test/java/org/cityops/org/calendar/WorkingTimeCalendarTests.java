package org.cityops.org.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WorkingTimeCalendarTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** The 2026 National Day golden week and the Spring Festival as the State Council arranged them. */
    private final WorkingTimeCalendar calendar = WorkingTimeCalendar.standard(exceptions2026());

    private static Map<LocalDate, DayKind> exceptions2026() {
        Map<LocalDate, DayKind> days = new HashMap<>();
        for (LocalDate d = LocalDate.of(2026, 10, 1); !d.isAfter(LocalDate.of(2026, 10, 7)); d = d.plusDays(1)) {
            days.put(d, DayKind.HOLIDAY);
        }
        for (LocalDate d = LocalDate.of(2026, 2, 15); !d.isAfter(LocalDate.of(2026, 2, 23)); d = d.plusDays(1)) {
            days.put(d, DayKind.HOLIDAY);
        }
        days.put(LocalDate.of(2026, 9, 20), DayKind.WORKDAY);
        days.put(LocalDate.of(2026, 10, 10), DayKind.WORKDAY);
        days.put(LocalDate.of(2026, 2, 14), DayKind.WORKDAY);
        days.put(LocalDate.of(2026, 2, 28), DayKind.WORKDAY);
        return days;
    }

    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    @Test
    void fourWorkingHoursWithinOneMorningAndAfternoonSkipTheLunchBreak() {
        // Tuesday 10:00: 2 h until 12:00, then 2 h from 13:30
        assertThat(calendar.plusWorkingMinutes(at("2026-11-24T10:00"), 240)).isEqualTo(at("2026-11-24T15:30"));
    }

    @Test
    void workingMinutesInsideOnePeriodAreAddedAsIs() {
        assertThat(calendar.plusWorkingMinutes(at("2026-11-24T09:15"), 30)).isEqualTo(at("2026-11-24T09:45"));
    }

    @Test
    void aLimitUsedUpExactlyAtTheEndOfTheDayEndsThereNotNextMorning() {
        assertThat(calendar.plusWorkingMinutes(at("2026-11-24T13:30"), 240)).isEqualTo(at("2026-11-24T17:30"));
    }

    @Test
    void aLimitUsedUpExactlyAtNoonEndsAtNoon() {
        assertThat(calendar.plusWorkingMinutes(at("2026-11-24T11:00"), 60)).isEqualTo(at("2026-11-24T12:00"));
    }

    @Test
    void workingTimeCarriesOverTheNightToTheNextMorning() {
        assertThat(calendar.plusWorkingMinutes(at("2026-11-24T16:30"), 120)).isEqualTo(at("2026-11-25T10:00"));
    }

    @Test
    void aStartDuringLunchCountsFromTheAfternoonPeriod() {
        assertThat(calendar.plusWorkingMinutes(at("2026-11-24T12:40"), 60)).isEqualTo(at("2026-11-24T14:30"));
    }

    @Test
    void aStartBeforeWorkCountsFromNineOClock() {
        assertThat(calendar.plusWorkingMinutes(at("2026-11-24T06:00"), 60)).isEqualTo(at("2026-11-24T10:00"));
    }

    @Test
    void aStartAtNightCountsFromTheNextMorning() {
        assertThat(calendar.plusWorkingMinutes(at("2026-11-24T22:00"), 60)).isEqualTo(at("2026-11-25T10:00"));
    }

    @Test
    void aStartExactlyAtThePeriodEndCountsFromTheNextPeriod() {
        assertThat(calendar.plusWorkingMinutes(at("2026-11-24T12:00"), 30)).isEqualTo(at("2026-11-24T14:00"));
        assertThat(calendar.plusWorkingMinutes(at("2026-11-24T17:30"), 30)).isEqualTo(at("2026-11-25T09:30"));
    }

    @Test
    void aStartExactlyAtThePeriodStartCountsFromThere() {
        assertThat(calendar.plusWorkingMinutes(at("2026-11-24T13:30"), 1)).isEqualTo(at("2026-11-24T13:31"));
    }

    @Test
    void fridayAfternoonWorkContinuesOnMonday() {
        // Friday 2026-11-27 16:00: 1.5 h on Friday, 2.5 h on Monday 2026-11-30
        assertThat(calendar.plusWorkingMinutes(at("2026-11-27T16:00"), 240)).isEqualTo(at("2026-11-30T11:30"));
    }

    @Test
    void aStartOnAWeekendCountsFromMondayMorning() {
        assertThat(calendar.plusWorkingMinutes(at("2026-11-28T10:00"), 240)).isEqualTo(at("2026-11-30T14:30"));
    }

    @Test
    void nationalDayGoldenWeekIsSkippedAndTheMakeUpSaturdayIsWorked() {
        // Wed 2026-09-30 16:30: 1 h on Sep 30; Oct 1–7 are holidays; Thu Oct 8 and Fri Oct 9 give 14 h;
        // Sat Oct 10 is a make-up workday
        Instant start = at("2026-09-30T16:30");
        assertThat(calendar.plusWorkingMinutes(start, 60 + 14 * 60 + 30)).isEqualTo(at("2026-10-10T09:30"));
    }

    @Test
    void aStartOnAHolidayCountsFromTheFirstWorkingDayAfterIt() {
        assertThat(calendar.plusWorkingMinutes(at("2026-10-03T11:00"), 240)).isEqualTo(at("2026-10-08T14:30"));
    }

    @Test
    void aMakeUpSundayBeforeTheGoldenWeekIsWorked() {
        // Sun 2026-09-20 is worked (调休)
        assertThat(calendar.plusWorkingMinutes(at("2026-09-19T10:00"), 60)).isEqualTo(at("2026-09-20T10:00"));
    }

    @Test
    void springFestivalIsSkippedWithItsMakeUpSaturdays() {
        // Sat 2026-02-14 is worked; Feb 15–23 are holidays; Tue Feb 24 is the next working day
        assertThat(calendar.plusWorkingMinutes(at("2026-02-14T17:00"), 60)).isEqualTo(at("2026-02-24T09:30"));
    }

    @Test
    void zeroWorkingMinutesLeaveTheStartUnchanged() {
        assertThat(calendar.plusWorkingMinutes(at("2026-11-28T03:00"), 0)).isEqualTo(at("2026-11-28T03:00"));
    }

    @Test
    void negativeWorkingTimeIsRefused() {
        assertThatThrownBy(() -> calendar.plusWorkingMinutes(at("2026-11-24T10:00"), -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calendar.plusWorkingDays(at("2026-11-24T10:00"), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneWorkingDayEndsAtTheSameWorkingClockPositionNextWorkingDay() {
        assertThat(calendar.plusWorkingDays(at("2026-11-23T10:00"), 1)).isEqualTo(at("2026-11-24T10:00"));
        assertThat(calendar.plusWorkingDays(at("2026-11-23T14:15"), 1)).isEqualTo(at("2026-11-24T14:15"));
    }

    @Test
    void workingDaysSkipTheWeekend() {
        assertThat(calendar.plusWorkingDays(at("2026-11-27T15:00"), 1)).isEqualTo(at("2026-11-30T15:00"));
        assertThat(calendar.plusWorkingDays(at("2026-11-23T10:00"), 5)).isEqualTo(at("2026-11-30T10:00"));
    }

    @Test
    void workingDaysFromOutsideWorkingTimeEndAtTheEndOfTheLastWorkingDay() {
        assertThat(calendar.plusWorkingDays(at("2026-11-28T10:00"), 1)).isEqualTo(at("2026-11-30T17:30"));
        assertThat(calendar.plusWorkingDays(at("2026-11-24T20:00"), 2)).isEqualTo(at("2026-11-26T17:30"));
    }

    @Test
    void workingDaysSkipTheGoldenWeekAndCountTheMakeUpSaturday() {
        // Tue 2026-09-29 10:00 + 3: Wed Sep 30, Thu Oct 8, Fri Oct 9
        assertThat(calendar.plusWorkingDays(at("2026-09-29T10:00"), 3)).isEqualTo(at("2026-10-09T10:00"));
        assertThat(calendar.plusWorkingDays(at("2026-09-29T10:00"), 4)).isEqualTo(at("2026-10-10T10:00"));
    }

    @Test
    void fiveWorkingDaysFromTheStartOfWorkEndAtTheEndOfTheFifthWorkingDay() {
        assertThat(calendar.plusWorkingDays(at("2026-11-25T09:00"), 5)).isEqualTo(at("2026-12-01T17:30"));
    }

    @Test
    void workingTimeBetweenCountsOnlyWorkingPeriods() {
        assertThat(calendar.workingTimeBetween(at("2026-11-24T10:00"), at("2026-11-24T15:30")))
                .isEqualTo(Duration.ofHours(4));
        assertThat(calendar.workingTimeBetween(at("2026-11-27T16:00"), at("2026-11-30T11:30")))
                .isEqualTo(Duration.ofHours(4));
    }

    @Test
    void workingTimeBetweenIsZeroOverAWeekendOrAHoliday() {
        assertThat(calendar.workingTimeBetween(at("2026-11-27T17:30"), at("2026-11-30T09:00"))).isZero();
        assertThat(calendar.workingTimeBetween(at("2026-10-01T00:00"), at("2026-10-08T00:00"))).isZero();
    }

    @Test
    void workingTimeBetweenIsZeroWhenEndIsNotAfterStart() {
        assertThat(calendar.workingTimeBetween(at("2026-11-24T15:00"), at("2026-11-24T10:00"))).isZero();
        assertThat(calendar.workingTimeBetween(at("2026-11-24T10:00"), at("2026-11-24T10:00"))).isZero();
    }

    @Test
    void workingTimeBetweenAWholeWorkingWeekIsFiveWorkingDays() {
        assertThat(calendar.workingTimeBetween(at("2026-11-23T00:00"), at("2026-11-30T00:00")))
                .isEqualTo(Duration.ofHours(35));
    }

    @Test
    void workingTimeBetweenIsTheInverseOfAddingWorkingMinutes() {
        Instant[] starts = {at("2026-09-28T08:00"), at("2026-09-30T11:59"), at("2026-10-05T12:00"),
                at("2026-02-13T17:29"), at("2026-11-27T13:30")};
        for (Instant start : starts) {
            for (long minutes : new long[] {1, 59, 150, 210, 420, 421, 3000}) {
                Instant end = calendar.plusWorkingMinutes(start, minutes);
                assertThat(calendar.workingTimeBetween(start, end)).as("%s + %d min", start, minutes)
                        .isEqualTo(Duration.ofMinutes(minutes));
            }
        }
    }

    @Test
    void aMakeUpWorkdayIsAWorkingDayAndAHolidayOnAWeekdayIsNot() {
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 10))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 5))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 11))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 12))).isTrue();
    }

    @Test
    void periodsAreReadInTheCalendarsZone() {
        WorkingTimeCalendar berlin = new WorkingTimeCalendar(ZoneId.of("Europe/Berlin"),
                List.of(WorkingPeriod.parse("08:00-16:00")), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Map.of());
        // Friday 15:00 CET + 2 h crosses the switch to summer time on Sunday 2026-03-29
        Instant start = LocalDateTime.parse("2026-03-27T15:00").atZone(ZoneId.of("Europe/Berlin")).toInstant();
        Instant expected = LocalDateTime.parse("2026-03-30T09:00").atZone(ZoneId.of("Europe/Berlin")).toInstant();
        assertThat(berlin.plusWorkingMinutes(start, 120)).isEqualTo(expected);
        assertThat(Duration.between(start, expected)).isEqualTo(Duration.ofHours(65));
        assertThat(berlin.workingTimeBetween(start, expected)).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void configuredPeriodsDefineTheWorkingDayLength() {
        WorkingTimeCalendar longDay = new WorkingTimeCalendar(SHANGHAI,
                List.of(WorkingPeriod.parse("14:00-18:00"), WorkingPeriod.parse("08:30-12:00")),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY), Map.of());
        assertThat(longDay.workingDayLength()).isEqualTo(Duration.ofMinutes(450));
        assertThat(longDay.plusWorkingMinutes(at("2026-11-28T17:00"), 90)).isEqualTo(at("2026-11-30T09:00"));
    }

    @Test
    void overlappingOrInvertedPeriodsAreRefused() {
        assertThatThrownBy(() -> new WorkingTimeCalendar(SHANGHAI,
                List.of(WorkingPeriod.parse("09:00-12:00"), WorkingPeriod.parse("11:00-14:00")),
                EnumSet.of(DayOfWeek.MONDAY), Map.of())).hasMessageContaining("overlap");
        assertThatThrownBy(() -> WorkingPeriod.parse("17:00-09:00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WorkingPeriod.parse("9 to 5")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCalendarWithoutAnyWorkingDayFailsInsteadOfLoopingForever() {
        WorkingTimeCalendar never = new WorkingTimeCalendar(SHANGHAI, List.of(WorkingPeriod.parse("09:00-17:00")),
                EnumSet.noneOf(DayOfWeek.class), Map.of());
        assertThatThrownBy(() -> never.plusWorkingMinutes(at("2026-11-24T10:00"), 60))
                .isInstanceOf(IllegalStateException.class);
    }
}
