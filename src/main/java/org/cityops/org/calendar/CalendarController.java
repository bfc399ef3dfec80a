package org.cityops.org.calendar;

import org.cityops.platform.ImportDocuments;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.cityops.catalog.TimeLimit;
import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.cityops.platform.Role;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The working calendar API: a year's holidays and make-up workdays, and deadline arithmetic. */
@RestController
@RequestMapping("/api/v1/calendar")
@Tag(name = "Working calendar", description = "工作日历: public holidays, make-up workdays and working-time deadlines")
class CalendarController {

    private final CalendarImports imports;
    private final CalendarStore store;
    private final LiveWorkingCalendar calendar;
    private final CalendarCoverageWatch coverage;

    CalendarController(CalendarImports imports, CalendarStore store, LiveWorkingCalendar calendar,
                       CalendarCoverageWatch coverage) {
        this.imports = imports;
        this.store = store;
        this.calendar = calendar;
        this.coverage = coverage;
    }

    /** A year's arrangement as stored. */
    record YearView(int year, boolean imported, Integer revision, String source, Instant importedAt,
                    String importedBy, List<DayView> holidays, List<DayView> workdays) {
    }

    /** One dated entry. */
    record DayView(String date, String dayOfWeek, String name) {
    }

    /** A computed deadline, in UTC and on the calendar's local clock. */
    record DeadlineView(Instant start, int limit, TimeLimit.Unit unit, Instant deadline, String zone,
                        LocalDateTime localDeadline) {
    }

    @GetMapping("/coverage")
    @Operation(summary = "Returns which years the calendar holds and whether the current year's and, near the "
            + "year's end, the next year's holidays are imported, with a warning naming what to import")
    CalendarCoverage coverage(Actor actor) {
        return coverage.coverage();
    }

    @GetMapping("/{year:\\d{4}}")
    @Operation(summary = "Returns a year's public holidays and make-up workdays (调休)")
    YearView year(@PathVariable int year, Actor actor) {
        return view(year);
    }

    @PutMapping(path = "/{year:\\d{4}}", consumes = {"application/json", "application/yaml", "application/x-yaml", "text/yaml"})
    @Operation(summary = "Replaces a year's holidays and make-up workdays (admin; JSON or YAML "
            + "{source, holidays:[{date,name}], workdays:[{date,name}]}); nothing is written when any entry is invalid")
    YearView importYear(@PathVariable int year, @RequestBody String body,
                        @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType, Actor actor) {
        if (actor.role() != Role.ADMIN) {
            throw new ProblemException.Forbidden("Only an administrator imports the working calendar");
        }
        CalendarYearDocument document = ImportDocuments.read(body, contentType, CalendarYearDocument.class);
        imports.importYear(year, document, actor.username());
        return view(year);
    }

    @GetMapping("/deadline")
    @Operation(summary = "Returns the deadline reached from start after a limit in working hours, working days or calendar hours; "
            + "start is ISO-8601 with offset, or a local date-time read in the calendar's zone")
    DeadlineView deadline(@RequestParam String start, @RequestParam int limit,
                          @RequestParam(defaultValue = "WORKING_HOURS") TimeLimit.Unit unit, Actor actor) {
        if (limit <= 0) {
            throw ProblemException.BadRequest.field("limit", "must be positive, was " + limit);
        }
        WorkingTimeCalendar state = calendar.snapshot();
        Instant from = parseStart(start, state);
        Instant deadline = switch (unit) {
            case WORKING_HOURS -> state.plusWorkingMinutes(from, limit * 60L);
            case WORKING_DAYS -> state.plusWorkingDays(from, limit);
            case CALENDAR_HOURS -> from.plus(Duration.ofHours(limit));
        };
        return new DeadlineView(from, limit, unit, deadline, state.zone().getId(),
                deadline.atZone(state.zone()).toLocalDateTime());
    }

    private static Instant parseStart(String start, WorkingTimeCalendar state) {
        String text = start.trim();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).atZone(state.zone()).toInstant();
            } catch (DateTimeParseException notLocal) {
                throw ProblemException.BadRequest.field("start",
                        "is not an ISO-8601 date-time (2026-11-24T10:00:00+08:00 or 2026-11-24T10:00): '" + start + "'");
            }
        }
    }

    private YearView view(int year) {
        List<CalendarYear.Entry> entries = store.entries(year);
        return store.year(year)
                .map(info -> new YearView(year, true, info.revision(), info.source(), info.importedAt(), info.importedBy(),
                        days(entries, DayKind.HOLIDAY), days(entries, DayKind.WORKDAY)))
                .orElseGet(() -> new YearView(year, false, null, null, null, null, List.of(), List.of()));
    }

    private static List<DayView> days(List<CalendarYear.Entry> entries, DayKind kind) {
        return entries.stream().filter(e -> e.kind() == kind)
                .map(e -> new DayView(e.date().toString(), e.date().getDayOfWeek().name(), e.name())).toList();
    }
}
