package org.cityops.catalog;

/**
 * A time limit measured on the working calendar.
 *
 * @param amount how many units (positive)
 * @param unit   working hours, working days, or calendar hours (for emergencies handled round the clock)
 */
public record TimeLimit(int amount, Unit unit) {

    public TimeLimit {
        if (amount <= 0) {
            throw new IllegalArgumentException("a time limit must be positive, was " + amount);
        }
        if (unit == null) {
            throw new IllegalArgumentException("a time limit needs a unit");
        }
    }

    public static TimeLimit workingHours(int hours) {
        return new TimeLimit(hours, Unit.WORKING_HOURS);
    }

    public static TimeLimit workingDays(int days) {
        return new TimeLimit(days, Unit.WORKING_DAYS);
    }

    public static TimeLimit calendarHours(int hours) {
        return new TimeLimit(hours, Unit.CALENDAR_HOURS);
    }

    /** Units of a time limit. */
    public enum Unit { WORKING_HOURS, WORKING_DAYS, CALENDAR_HOURS }
}
