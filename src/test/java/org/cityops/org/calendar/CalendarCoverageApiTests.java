package org.cityops.org.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.MutableClock;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/calendar/coverage} and the gauge {@code cityops.calendar.years.missing} tell
 * an operator, from December on, that next year's holidays are still to be imported.
 */
@IntegrationTest
@Import(MutableClock.Config.class)
class CalendarCoverageApiTests {

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired MutableClock clock;
    @Autowired MeterRegistry meters;

    JsonNode coverage() {
        Api.Response r = Api.on(port, issuer).as(new Actor("dispatcher", Role.CITY_DISPATCHER, null, null))
                .get("/api/v1/calendar/coverage");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    double missing() {
        return meters.get("cityops.calendar.years.missing").gauge().value();
    }

    @Test
    void fromDecemberTheNextYearsHolidaysAreAskedFor() {
        // the shipped default holds 2026; no test imports 2027
        clock.set(Instant.parse("2026-06-01T02:00:00Z"));
        JsonNode june = coverage();
        assertThat(june.get("currentYear").asInt()).isEqualTo(2026);
        assertThat(june.get("currentYearStored").asBoolean()).isTrue();
        assertThat(june.get("nextYearDue").asBoolean()).isFalse();
        assertThat(june.get("warning").isNull()).isTrue();
        assertThat(missing()).isZero();

        // 1 December, 08:30 in Shanghai (still 30 November in UTC): the calendar's zone decides
        clock.set(Instant.parse("2026-12-01T00:30:00Z"));
        JsonNode december = coverage();
        assertThat(december.get("today").asString()).isEqualTo("2026-12-01");
        assertThat(december.get("nextYear").asInt()).isEqualTo(2027);
        assertThat(december.get("nextYearDue").asBoolean()).isTrue();
        assertThat(december.get("nextYearStored").asBoolean()).isFalse();
        assertThat(december.get("warning").asString()).contains("2027年节假日安排尚未导入");
        assertThat(missing()).isEqualTo(1);

        clock.set(Instant.parse("2027-01-04T02:00:00Z"));
        assertThat(coverage().get("warning").asString()).contains("2027年节假日安排未导入");
        assertThat(missing()).isEqualTo(1);
    }
}
