package org.cityops.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.MutableClock;
import org.cityops.platform.Role;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * From December, the console tells whoever answers for deadlines (administrator, dispatchers) that
 * next year's holidays are not imported, in Chinese and in English; others, and anyone earlier in
 * the year, see no banner. In a real headless Chromium; skipped, with the reason, without it.
 */
@IntegrationTest
@Tag("browser")
@Import(MutableClock.Config.class)
class CalendarBannerBrowserTests extends ConsoleBrowserSupport {

    static final String PASSWORD = "Calendar-pass-2026!";

    @Autowired MutableClock clock;

    String user(Role role) {
        String username = "calendar-" + role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6);
        Api.Response r = admin().post("/api/v1/users",
                Map.of("username", username, "password", PASSWORD, "displayName", username, "role", role.name()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return username;
    }

    /** Whether the banner is shown once the console had time to ask for the coverage. */
    boolean bannerShown() throws InterruptedException {
        Thread.sleep(1500);
        return !driver.findElements(By.cssSelector("[data-t=calendar-warning]")).isEmpty();
    }

    @Test
    void fromDecemberTheAdministratorIsToldNextYearsHolidaysAreMissing() throws Exception {
        clock.set(Instant.parse("2026-12-03T02:00:00Z"));
        String admin = user(Role.ADMIN);
        String leader = user(Role.LEADER);
        consoleErrors();

        logIn(admin, PASSWORD);
        assertThat(find("[data-t=calendar-warning]").getText()).contains("2027年节假日安排尚未导入", "PUT /api/v1/calendar/2027");
        save("calendar-banner-zh");
        click("[data-t=lang]");
        waiting().until(d -> find("[data-t=calendar-warning]").getText().contains("The 2027 public holidays"));
        save("calendar-banner-en");

        logIn(leader, PASSWORD);
        assertThat(bannerShown()).as("a leader does not keep deadlines").isFalse();

        clock.set(Instant.parse("2026-06-01T02:00:00Z"));
        logIn(admin, PASSWORD);
        assertThat(bannerShown()).as("mid-year nothing is missing").isFalse();
        assertThat(consoleErrors()).isEmpty();
    }
}
