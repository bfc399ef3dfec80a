package org.cityops.org.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.org.WorkingCalendar;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

@IntegrationTest
class CalendarApiTests {

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired WorkingCalendar workingCalendar;

    Api admin() {
        return Api.on(port, issuer).as(new Actor("admin", Role.ADMIN, null, null));
    }

    Api dispatcher() {
        return Api.on(port, issuer).as(new Actor("dispatcher", Role.CITY_DISPATCHER, null, null));
    }

    private static Instant shanghai(String local) {
        return LocalDateTime.parse(local).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
    }

    private static List<String> fields(JsonNode problem) {
        return problem.get("errors").valueStream().map(e -> e.get("field").asString()).toList();
    }

    @Test
    void theNational2026ArrangementIsLoadedOnFirstStart() {
        var r = dispatcher().get("/api/v1/calendar/2026");
        assertThat(r.status()).isEqualTo(200);
        JsonNode year = r.json();
        assertThat(year.get("imported").asBoolean()).isTrue();
        assertThat(year.get("source").asString()).contains("国办发明电");
        assertThat(year.get("holidays").valueStream().map(d -> d.get("date").asString()))
                .contains("2026-10-01", "2026-02-17", "2026-06-19");
        assertThat(year.get("workdays").valueStream().map(d -> d.get("date").asString()))
                .containsExactly("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10");
    }

    @Test
    void theDeadlineEndpointSkipsTheGoldenWeek() {
        var r = dispatcher().get("/api/v1/calendar/deadline?start=2026-09-30T16:30&limit=4&unit=WORKING_HOURS");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("deadline").asString()).isEqualTo(shanghai("2026-10-08T12:00").toString());
        assertThat(r.json().get("localDeadline").asString()).startsWith("2026-10-08T12:00");
        assertThat(r.json().get("zone").asString()).isEqualTo("Asia/Shanghai");
    }

    @Test
    void theDeadlineEndpointAcceptsOffsetsWorkingDaysAndCalendarHours() {
        var days = dispatcher().get("/api/v1/calendar/deadline?start=2026-11-27T07:00:00Z&limit=1&unit=WORKING_DAYS");
        assertThat(days.json().get("deadline").asString()).isEqualTo(shanghai("2026-11-30T15:00").toString());
        var hours = dispatcher().get("/api/v1/calendar/deadline?start=2026-11-28T22:00&limit=2&unit=CALENDAR_HOURS");
        assertThat(hours.json().get("deadline").asString()).isEqualTo(shanghai("2026-11-29T00:00").toString());
    }

    @Test
    void aBadDeadlineRequestNamesTheParameter() {
        var badStart = dispatcher().get("/api/v1/calendar/deadline?start=yesterday&limit=4");
        assertThat(badStart.status()).isEqualTo(400);
        assertThat(fields(badStart.json())).containsExactly("start");
        var badLimit = dispatcher().get("/api/v1/calendar/deadline?start=2026-11-24T10:00&limit=0");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(fields(badLimit.json())).containsExactly("limit");
        var badUnit = dispatcher().get("/api/v1/calendar/deadline?start=2026-11-24T10:00&limit=4&unit=FORTNIGHTS");
        assertThat(badUnit.status()).isEqualTo(400);
        assertThat(fields(badUnit.json())).containsExactly("unit");
    }

    @Test
    void anImportedYearReplacesTheEarlierEntriesAndTheCalendarUsesItAtOnce() {
        // 2031: a year nobody else touches
        var first = admin().put("/api/v1/calendar/2031", Map.of(
                "holidays", List.of(Map.of("date", "2031-03-03", "name", "测试假日")),
                "workdays", List.of(Map.of("date", "2031-03-01", "name", "测试调休"))));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        // Saturday 2031-03-01 is worked, Monday 2031-03-03 is not
        assertThat(workingCalendar.plusWorkingMinutes(shanghai("2031-02-28T17:00"), 60))
                .isEqualTo(shanghai("2031-03-01T09:30"));
        assertThat(workingCalendar.plusWorkingMinutes(shanghai("2031-03-01T17:00"), 60))
                .isEqualTo(shanghai("2031-03-04T09:30"));

        String yaml = """
                source: 测试文件
                holidays:
                  - {date: 2031-03-04, name: 新假日}
                workdays: []
                """;
        var second = admin().send("PUT", "/api/v1/calendar/2031", "application/yaml", yaml);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.json().get("revision").asInt()).isEqualTo(first.json().get("revision").asInt() + 1);
        assertThat(second.json().get("holidays").valueStream().map(d -> d.get("date").asString()))
                .containsExactly("2031-03-04");
        assertThat(second.json().get("workdays").isEmpty()).isTrue();
        assertThat(workingCalendar.plusWorkingMinutes(shanghai("2031-03-03T17:00"), 60))
                .isEqualTo(shanghai("2031-03-05T09:30"));
    }

    @Test
    void aYearNeverImportedIsReportedAsSuch() {
        var r = dispatcher().get("/api/v1/calendar/2099");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("imported").asBoolean()).isFalse();
        assertThat(r.json().get("holidays").isEmpty()).isTrue();
    }

    @Test
    void onlyAnAdministratorImportsACalendar() {
        var r = dispatcher().put("/api/v1/calendar/2032", Map.of("holidays", List.of(Map.of("date", "2032-01-01", "name", "元旦"))));
        assertThat(r.status()).isEqualTo(403);
        assertThat(dispatcher().get("/api/v1/calendar/2032").json().get("imported").asBoolean()).isFalse();
    }

    @Test
    void anInvalidCalendarNamesEachFailingEntryAndWritesNothing() {
        int revision = admin().put("/api/v1/calendar/2033", Map.of("holidays", List.of(Map.of("date", "2033-01-03", "name", "元旦"))))
                .json().get("revision").asInt();
        var r = admin().put("/api/v1/calendar/2033", Map.of(
                "holidays", List.of(
                        Map.of("date", "2033-05-01", "name", "劳动节"),
                        Map.of("date", "2034-01-01", "name", "元旦"),
                        Map.of("date", "2033-05-01", "name", "劳动节"),
                        Map.of("date", "2033-13-01", "name", "错"),
                        Map.of("date", "2033-05-02", "name", " ")),
                "workdays", List.of(Map.of("date", "2033-05-02", "name", "调休"))));
        assertThat(r.status()).isEqualTo(400);
        assertThat(fields(r.json())).containsExactlyInAnyOrder("holidays[1].date", "holidays[2].date",
                "holidays[3].date", "holidays[4].name", "workdays[0].date");
        assertThat(r.body()).contains("not in 2033", "listed twice", "both a holiday and a workday");
        var after = admin().get("/api/v1/calendar/2033").json();
        assertThat(after.get("holidays").valueStream().map(d -> d.get("date").asString())).containsExactly("2033-01-03");
        assertThat(after.get("revision").asInt()).isEqualTo(revision);
    }

    @Test
    void unreadableOrUnknownCalendarContentIsABadRequest() {
        var yaml = admin().send("PUT", "/api/v1/calendar/2034", "text/yaml", "holidays: [ {date: 2034-01-01");
        assertThat(yaml.status()).isEqualTo(400);
        var unknown = admin().put("/api/v1/calendar/2034", Map.of("holiday", List.of()));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(fields(unknown.json())).containsExactly("holiday");
        assertThat(admin().get("/api/v1/calendar/2034").json().get("imported").asBoolean()).isFalse();
    }
}
