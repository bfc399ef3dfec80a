package org.cityops.org.calendar;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * One stretch of working time within a working day, e.g. 09:00–12:00; it never crosses midnight.
 *
 * @param start first working minute
 * @param end   end of the period (exclusive), after start
 */
record WorkingPeriod(LocalTime start, LocalTime end) {

    WorkingPeriod {
        if (start == null || end == null || !end.isAfter(start)) {
            throw new IllegalArgumentException("a working period must end after it starts: " + start + "-" + end);
        }
    }

    /** Returns the period written as {@code HH:mm-HH:mm}, e.g. {@code 13:30-17:30}. */
    static WorkingPeriod parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("a working period is written HH:mm-HH:mm, was '" + text + "'");
        }
        try {
            return new WorkingPeriod(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a working period is written HH:mm-HH:mm, was '" + text + "'", e);
        }
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
