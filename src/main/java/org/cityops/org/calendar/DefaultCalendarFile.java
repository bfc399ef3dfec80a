package org.cityops.org.calendar;

import java.util.List;

/** The shipped national arrangement: several years in the import format, each with its year. */
record DefaultCalendarFile(List<Year> years) {

    /** One year of the shipped file. */
    record Year(int year, String source, List<CalendarYearDocument.DayDocument> holidays,
                List<CalendarYearDocument.DayDocument> workdays) {

        CalendarYearDocument document() {
            return new CalendarYearDocument(source, holidays, workdays);
        }
    }
}
