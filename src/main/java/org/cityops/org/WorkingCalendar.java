package org.cityops.org;

import java.time.Duration;
import java.time.Instant;

/**
 * Working-time arithmetic on the city's calendar: workdays, working hours, public holidays
 * and make-up workdays (调休).
 */
public interface WorkingCalendar {

    /**
     * Returns the instant reached after the given working minutes have passed from start; nights,
     * the lunch break, weekends and holidays do not count, make-up workdays do, and a start outside
     * working time counts from the next working period.
     */
    Instant plusWorkingMinutes(Instant start, long minutes);

    /**
     * Returns the end of the working day reached after the given number of whole working days
     * from start (a limit of 1 working day from Monday 10:00 ends Tuesday 10:00 working time).
     * Exactly: N working days are N times the working time of one working day (7 hours with the
     * default periods), added like {@link #plusWorkingMinutes}; the deadline keeps the start's
     * position on the working clock, and a start outside working time counts from the next
     * working period, so it ends at the close of the Nth working day.
     */
    Instant plusWorkingDays(Instant start, int days);

    /** Returns how much working time lies between two instants (zero when end is before start). */
    Duration workingTimeBetween(Instant start, Instant end);
}
