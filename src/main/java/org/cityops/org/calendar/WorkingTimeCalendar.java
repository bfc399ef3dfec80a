package org.cityops.org.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityops.org.WorkingCalendar;

/**
 * Working-time arithmetic on one immutable state of the city's calendar: a zone, the working
 * periods of every working day, the weekdays normally worked, and per-date exceptions (public
 * holidays 法定节假日 and make-up workdays 调休).
 *
 * <p>A date is a working day when it is a make-up workday, or when it is a normally worked weekday
 * and not a holiday. Working time is the union of the working periods on working days, taken in
 * the calendar's zone (so a daylight-saving switch moves the instants, never the local clock).
 */
final class WorkingTimeCalendar implements WorkingCalendar {

    /** How far the arithmetic looks ahead for working time before deciding the calendar has none. */
    private static final int MAX_DAYS_WITHOUT_WORK = 3 * 366;

    private final ZoneId zone;
    private final List<WorkingPeriod> periods;
    private final Set<DayOfWeek> workdays;
    private final Map<LocalDate, DayKind> exceptions;
    private final Duration workingDayLength;

    /**
     * Creates a calendar.
     *
     * @param zone       zone the working periods are read in
     * @param periods    working periods of a working day; non-empty and non-overlapping
     * @param workdays   weekdays normally worked (Monday–Friday in mainland China)
     * @param exceptions holidays and make-up workdays per date
     */
    WorkingTimeCalendar(ZoneId zone, List<WorkingPeriod> periods, Set<DayOfWeek> workdays,
                        Map<LocalDate, DayKind> exceptions) {
        if (periods.isEmpty()) {
            throw new IllegalArgumentException("a working day needs at least one working period");
        }
        List<WorkingPeriod> sorted = new ArrayList<>(periods);
        sorted.sort(Comparator.comparing(WorkingPeriod::start));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).start().isBefore(sorted.get(i - 1).end())) {
                throw new IllegalArgumentException("working periods overlap: " + sorted.get(i - 1) + " and " + sorted.get(i));
            }
        }
        this.zone = zone;
        this.periods = List.copyOf(sorted);
        this.workdays = workdays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(workdays));
        this.exceptions = Map.copyOf(exceptions);
        this.workingDayLength = sorted.stream().map(p -> Duration.between(p.start(), p.end()))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** Returns the standard mainland-China calendar: Asia/Shanghai, 09:00–12:00 and 13:30–17:30, Monday–Friday. */
    static WorkingTimeCalendar standard(Map<LocalDate, DayKind> exceptions) {
        return new WorkingTimeCalendar(ZoneId.of("Asia/Shanghai"),
                List.of(WorkingPeriod.parse("09:00-12:00"), WorkingPeriod.parse("13:30-17:30")),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), exceptions);
    }

    /** Returns a calendar equal to this one but with the given per-date exceptions. */
    WorkingTimeCalendar withExceptions(Map<LocalDate, DayKind> newExceptions) {
        return new WorkingTimeCalendar(zone, periods, workdays, newExceptions);
    }

    /** Returns the zone working periods are read in. */
    ZoneId zone() {
        return zone;
    }

    /** Returns the working time of one working day (7 hours with the default periods). */
    Duration workingDayLength() {
        return workingDayLength;
    }

    /** Returns whether the date is worked: a make-up workday, or a normal weekday that is not a holiday. */
    boolean isWorkingDay(LocalDate date) {
        DayKind exception = exceptions.get(date);
        if (exception != null) {
            return exception == DayKind.WORKDAY;
        }
        return workdays.contains(date.getDayOfWeek());
    }

    /**
     * Returns the instant reached after the given working minutes from start. A start outside
     * working time (night, lunch, weekend, holiday) counts from the next working period. A limit
     * that is used up exactly at the end of a period ends there, not at the next period's start.
     * Zero minutes return start unchanged.
     */
    @Override
    public Instant plusWorkingMinutes(Instant start, long minutes) {
        if (minutes < 0) {
            throw new IllegalArgumentException("working minutes must not be negative, was " + minutes);
        }
        if (minutes == 0) {
            return start;
        }
        Duration remaining = Duration.ofMinutes(minutes);
        LocalDate date = start.atZone(zone).toLocalDate();
        int daysWithoutWork = 0;
        while (daysWithoutWork <= MAX_DAYS_WITHOUT_WORK) {
            boolean worked = false;
            if (isWorkingDay(date)) {
                for (WorkingPeriod period : periods) {
                    Instant periodStart = date.atTime(period.start()).atZone(zone).toInstant();
                    Instant periodEnd = date.atTime(period.end()).atZone(zone).toInstant();
                    if (!periodEnd.isAfter(start)) {
                        continue;
                    }
                    worked = true;
                    Instant from = periodStart.isAfter(start) ? periodStart : start;
                    Duration available = Duration.between(from, periodEnd);
                    if (remaining.compareTo(available) <= 0) {
                        return from.plus(remaining);
                    }
                    remaining = remaining.minus(available);
                }
            }
            daysWithoutWork = worked ? 0 : daysWithoutWork + 1;
            date = date.plusDays(1);
        }
        throw new IllegalStateException("the calendar has no working day within " + MAX_DAYS_WITHOUT_WORK
                + " days after " + date.minusDays(MAX_DAYS_WITHOUT_WORK));
    }

    /**
     * Returns the instant reached after {@code days} whole working days from start. One working day
     * is exactly the working time of one working day ({@link #workingDayLength()}, 7 hours by
     * default), so N working days are N × that working time added with
     * {@link #plusWorkingMinutes}: the deadline falls at the same position of the working clock N
     * working days later (Monday 10:00 + 1 → Tuesday 10:00; Friday 15:00 + 1 → Monday 15:00;
     * a start outside working time counts from the next period, so Saturday + 1 → Monday's end
     * of work, 17:30).
     */
    @Override
    public Instant plusWorkingDays(Instant start, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("working days must not be negative, was " + days);
        }
        return plusWorkingMinutes(start, workingDayLength.toMinutes() * days);
    }

    /** Returns the working time between two instants; zero when end is not after start. */
    @Override
    public Duration workingTimeBetween(Instant start, Instant end) {
        if (!end.isAfter(start)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        LocalDate last = end.atZone(zone).toLocalDate();
        for (LocalDate date = start.atZone(zone).toLocalDate(); !date.isAfter(last); date = date.plusDays(1)) {
            if (!isWorkingDay(date)) {
                continue;
            }
            for (WorkingPeriod period : periods) {
                Instant from = max(date.atTime(period.start()).atZone(zone).toInstant(), start);
                Instant to = min(date.atTime(period.end()).atZone(zone).toInstant(), end);
                if (to.isAfter(from)) {
                    total = total.plus(Duration.between(from, to));
                }
            }
        }
        return total;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
