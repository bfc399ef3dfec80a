package org.cityops.org.calendar;

import java.time.LocalDate;
import java.util.List;

/**
 * One year's validated arrangement: its public holidays and make-up workdays.
 *
 * @param year    the calendar year
 * @param source  where the arrangement comes from (e.g. the State Council notice), may be null
 * @param entries the dated entries, at most one per date
 */
record CalendarYear(int year, String source, List<Entry> entries) {

    CalendarYear {
        entries = List.copyOf(entries);
    }

    /** One dated entry: a holiday or a make-up workday, with its name (e.g. 国庆节). */
    record Entry(LocalDate date, DayKind kind, String name) {
    }
}
