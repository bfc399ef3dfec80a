package org.cityops.org.calendar;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores each year's arrangement as revisions: an import adds one, earlier ones stay on record. */
@Repository
class CalendarStore {

    private final JdbcClient jdbc;

    CalendarStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored head of a year: its current revision and where it came from. */
    record YearInfo(int year, int revision, String source, Instant importedAt, String importedBy) {
    }

    /** Returns whether any year is stored. */
    boolean isEmpty() {
        return jdbc.sql("select count(*) from calendar_year").query(Long.class).single() == 0;
    }

    /** Returns the head of the year, if the year was imported. */
    Optional<YearInfo> year(int year) {
        return jdbc.sql("select calendar_year, revision, source, imported_at, imported_by from calendar_year where calendar_year = ?")
                .param(year)
                .query((rs, n) -> new YearInfo(rs.getInt(1), rs.getInt(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5)))
                .optional();
    }

    /** Returns the current entries of one year, ordered by date. */
    List<CalendarYear.Entry> entries(int year) {
        return jdbc.sql("""
                        select d.calendar_date, d.kind, d.name from calendar_day d
                        join calendar_year y on y.calendar_year = d.calendar_year and y.revision = d.revision
                        where d.calendar_year = ? order by d.calendar_date""")
                .param(year)
                .query((rs, n) -> new CalendarYear.Entry(rs.getObject(1, LocalDate.class),
                        DayKind.valueOf(rs.getString(2)), rs.getString(3)))
                .list();
    }

    /**
     * Returns a number that grows with every import: the sum of the years' revisions (an import
     * raises its year's revision or adds a year at revision 1).
     */
    long revision() {
        return jdbc.sql("select coalesce(sum(revision), 0) from calendar_year").query(Long.class).single();
    }

    /** Returns the years stored, ascending. */
    List<Integer> years() {
        return jdbc.sql("select calendar_year from calendar_year order by calendar_year").query(Integer.class).list();
    }

    /** Returns the current entries of every year. */
    List<CalendarYear.Entry> allEntries() {
        return jdbc.sql("""
                        select d.calendar_date, d.kind, d.name from calendar_day d
                        join calendar_year y on y.calendar_year = d.calendar_year and y.revision = d.revision
                        order by d.calendar_date""")
                .query((rs, n) -> new CalendarYear.Entry(rs.getObject(1, LocalDate.class),
                        DayKind.valueOf(rs.getString(2)), rs.getString(3)))
                .list();
    }

    /**
     * Makes the arrangement the year's current one as a new revision; returns that revision.
     * The year row is locked first so that two imports of one year cannot interleave.
     */
    int replace(CalendarYear arrangement, Instant at, String by) {
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        Optional<Integer> current = jdbc.sql("select revision from calendar_year where calendar_year = ? for update")
                .param(arrangement.year()).query(Integer.class).optional();
        int revision = current.map(r -> r + 1).orElse(1);
        if (current.isPresent()) {
            jdbc.sql("update calendar_year set revision = ?, source = ?, imported_at = ?, imported_by = ? where calendar_year = ?")
                    .params(revision, arrangement.source(), when, by, arrangement.year()).update();
        } else {
            jdbc.sql("insert into calendar_year (calendar_year, revision, source, imported_at, imported_by) values (?, ?, ?, ?, ?)")
                    .params(arrangement.year(), revision, arrangement.source(), when, by).update();
        }
        for (CalendarYear.Entry entry : arrangement.entries()) {
            jdbc.sql("insert into calendar_day (calendar_year, revision, calendar_date, kind, name) values (?, ?, ?, ?, ?)")
                    .params(arrangement.year(), revision, Date.valueOf(entry.date()), entry.kind().name(), entry.name())
                    .update();
        }
        return revision;
    }
}
