package org.cityops.org.calendar;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cityops.platform.ProblemException;
import org.cityops.platform.ProblemException.FieldError;

/**
 * A year's arrangement as imported (JSON or YAML): {@code {source, holidays:[{date,name}], workdays:[{date,name}]}}.
 * Values stay text here so that every bad entry can be named, not only the first.
 */
record CalendarYearDocument(String source, List<DayDocument> holidays, List<DayDocument> workdays) {

    /** One entry as imported. */
    record DayDocument(String date, String name) {
    }

    /**
     * Returns the validated arrangement for the year, or throws a bad request naming every failing
     * entry: dates that are malformed or outside the year, missing names, a date listed twice, and
     * a date that is both holiday and workday. A holiday on a weekend is allowed (it is still named
     * as part of the break).
     */
    CalendarYear validate(int year) {
        List<FieldError> errors = new ArrayList<>();
        if (year < 1900 || year > 9999) {
            errors.add(new FieldError("year", "must be a four-digit year, was " + year));
        }
        Map<LocalDate, String> seen = new HashMap<>();
        List<CalendarYear.Entry> entries = new ArrayList<>();
        collect("holidays", holidays, DayKind.HOLIDAY, year, seen, entries, errors);
        collect("workdays", workdays, DayKind.WORKDAY, year, seen, entries, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest("The calendar for " + year + " has " + errors.size()
                    + " invalid entr" + (errors.size() == 1 ? "y" : "ies") + "; nothing was imported", errors);
        }
        entries.sort((a, b) -> a.date().compareTo(b.date()));
        String trimmedSource = source == null || source.isBlank() ? null : source.trim();
        return new CalendarYear(year, trimmedSource, entries);
    }

    private static void collect(String list, List<DayDocument> days, DayKind kind, int year,
                                Map<LocalDate, String> seen, List<CalendarYear.Entry> entries, List<FieldError> errors) {
        if (days == null) {
            return;
        }
        for (int i = 0; i < days.size(); i++) {
            String where = list + "[" + i + "]";
            DayDocument day = days.get(i);
            if (day == null) {
                errors.add(new FieldError(where, "is empty"));
                continue;
            }
            String label = where + (day.date() == null ? "" : " " + day.date());
            if (day.name() == null || day.name().isBlank()) {
                errors.add(new FieldError(where + ".name", "is required (" + label + ")"));
            }
            if (day.date() == null || day.date().isBlank()) {
                errors.add(new FieldError(where + ".date", "is required"));
                continue;
            }
            LocalDate date;
            try {
                date = LocalDate.parse(day.date().trim());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(where + ".date", "is not an ISO date (yyyy-MM-dd): '" + day.date() + "'"));
                continue;
            }
            if (date.getYear() != year) {
                errors.add(new FieldError(where + ".date", date + " is not in " + year));
                continue;
            }
            String earlier = seen.putIfAbsent(date, where);
            if (earlier != null) {
                boolean sameList = earlier.startsWith(list + "[");
                errors.add(new FieldError(where + ".date", date + (sameList
                        ? " is listed twice (also " + earlier + ")"
                        : " is both a holiday and a workday (also " + earlier + ")")));
                continue;
            }
            if (day.name() != null && !day.name().isBlank()) {
                entries.add(new CalendarYear.Entry(date, kind, day.name().trim()));
            }
        }
    }
}
