package org.cityops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Supplier;

import org.cityops.catalog.CategoryCatalog;
import org.cityops.catalog.Subclass;
import org.cityops.org.WorkingCalendar;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Nodes sharing one database take up a catalog or calendar import made on another node: the
 * import raises a revision in its transaction, and every node reads it every {@code check}
 * (here 200 ms). The "other node" is played by SQL written as its import writes it; this node's
 * own import events never fire, so only the revision check can make the change visible.
 */
@IntegrationTest
@TestPropertySource(properties = {"cityops.catalog.check=200ms", "cityops.calendar.check=200ms"})
class ReferenceDataAcrossNodesTests {

    @Autowired CategoryCatalog catalog;
    @Autowired WorkingCalendar calendar;
    @Autowired JdbcClient jdbc;

    static <T> T eventually(Supplier<T> read, T expected) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        T seen = read.get();
        while (!expected.equals(seen) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            seen = read.get();
        }
        return seen;
    }

    @Test
    void aCatalogImportOnAnotherNodeIsTakenUpByItsRevision() throws Exception {
        String code = "C0101";
        String name = catalog.subclass(code).map(Subclass::name).orElseThrow();
        try {
            jdbc.sql("update catalog_subclass set name = ? where code = ?").params(name + "（另一节点）", code).update();
            Thread.sleep(600);
            assertThat(catalog.subclass(code).map(Subclass::name)).as("unchanged until the revision moves")
                    .contains(name);

            jdbc.sql("update catalog_revision set revision = revision + 1 where id = 1").update();
            assertThat(eventually(() -> catalog.subclass(code).map(Subclass::name).orElseThrow(), name + "（另一节点）"))
                    .isEqualTo(name + "（另一节点）");
        } finally {
            jdbc.sql("update catalog_subclass set name = ? where code = ?").params(name, code).update();
            jdbc.sql("update catalog_revision set revision = revision + 1 where id = 1").update();
        }
        assertThat(eventually(() -> catalog.subclass(code).map(Subclass::name).orElseThrow(), name)).isEqualTo(name);
    }

    @Test
    void aCalendarYearImportedOnAnotherNodeIsTakenUp() throws Exception {
        // 2038, a year no other test touches: Monday 8 March becomes a holiday
        Instant friday = Instant.parse("2038-03-05T02:00:00Z"); // 10:00 in Shanghai
        assertThat(calendar.plusWorkingDays(friday, 1)).isEqualTo(Instant.parse("2038-03-08T02:00:00Z"));
        try {
            jdbc.sql("insert into calendar_year (calendar_year, revision, source, imported_at, imported_by) "
                    + "values (2038, 1, 'another node', ?, 'tests')")
                    .param(OffsetDateTime.now(ZoneOffset.UTC)).update();
            jdbc.sql("insert into calendar_day (calendar_year, revision, calendar_date, kind, name) "
                    + "values (2038, 1, ?, 'HOLIDAY', '测试假日')").param(java.time.LocalDate.of(2038, 3, 8)).update();
            assertThat(eventually(() -> calendar.plusWorkingDays(friday, 1), Instant.parse("2038-03-09T02:00:00Z")))
                    .as("the holiday is skipped").isEqualTo(Instant.parse("2038-03-09T02:00:00Z"));
        } finally {
            jdbc.sql("delete from calendar_day where calendar_year = 2038").update();
            jdbc.sql("delete from calendar_year where calendar_year = 2038").update();
        }
        assertThat(eventually(() -> calendar.plusWorkingDays(friday, 1), Instant.parse("2038-03-08T02:00:00Z")))
                .isEqualTo(Instant.parse("2038-03-08T02:00:00Z"));
    }
}
