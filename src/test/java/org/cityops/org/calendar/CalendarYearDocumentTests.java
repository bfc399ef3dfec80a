package org.cityops.org.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.List;

import org.cityops.org.calendar.CalendarYearDocument.DayDocument;
import org.cityops.platform.ProblemException;
import org.junit.jupiter.api.Test;

class CalendarYearDocumentTests {

    private static List<String> failingFields(CalendarYearDocument document, int year) {
        ProblemException.BadRequest problem = catchThrowableOfType(ProblemException.BadRequest.class,
                () -> document.validate(year));
        assertThat(problem).as("the calendar should be rejected").isNotNull();
        return problem.errors().stream().map(ProblemException.FieldError::field).toList();
    }

    @Test
    void aValidYearListsHolidaysAndWorkdaysByDate() {
        var year = new CalendarYearDocument(" 国办发明电 ", List.of(new DayDocument("2026-10-02", "国庆节"),
                new DayDocument("2026-10-01", "国庆节")), List.of(new DayDocument("2026-09-20", "国庆节调休上班"))).validate(2026);
        assertThat(year.source()).isEqualTo("国办发明电");
        assertThat(year.entries()).extracting(CalendarYear.Entry::date).containsExactly(
                LocalDate.of(2026, 9, 20), LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2));
        assertThat(year.entries().get(0).kind()).isEqualTo(DayKind.WORKDAY);
    }

    @Test
    void aHolidayOnAWeekendIsAllowed() {
        var year = new CalendarYearDocument(null, List.of(new DayDocument("2026-10-03", "国庆节")), null).validate(2026);
        assertThat(year.entries()).hasSize(1);
    }

    @Test
    void anEmptyYearIsAllowedAndClearsTheYearsExceptions() {
        assertThat(new CalendarYearDocument(null, List.of(), List.of()).validate(2030).entries()).isEmpty();
    }

    @Test
    void aDateOutsideTheYearIsNamed() {
        assertThat(failingFields(new CalendarYearDocument(null, List.of(new DayDocument("2027-01-01", "元旦")), null), 2026))
                .containsExactly("holidays[0].date");
    }

    @Test
    void aDateBothHolidayAndWorkdayIsNamed() {
        assertThat(failingFields(new CalendarYearDocument(null, List.of(new DayDocument("2026-10-08", "国庆节")),
                List.of(new DayDocument("2026-10-08", "调休"))), 2026)).containsExactly("workdays[0].date");
    }

    @Test
    void aDuplicateDateIsNamed() {
        assertThat(failingFields(new CalendarYearDocument(null, List.of(new DayDocument("2026-10-01", "国庆节"),
                new DayDocument("2026-10-01", "国庆节")), null), 2026)).containsExactly("holidays[1].date");
    }

    @Test
    void malformedOrMissingDatesAndNamesAreNamed() {
        assertThat(failingFields(new CalendarYearDocument(null, List.of(new DayDocument("2026-02-30", "错"),
                new DayDocument(null, "无日期"), new DayDocument("2026-05-01", "")), List.of(new DayDocument("10/10/2026", "调休"))), 2026))
                .containsExactly("holidays[0].date", "holidays[1].date", "holidays[2].name", "workdays[0].date");
    }
}
