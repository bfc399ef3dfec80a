package org.cityops.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.MutableClock;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
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

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired MutableClock clock;

    @BeforeAll
    static void chromium() throws IOException {
        driver = ConsoleBrowserTests.startChromium("CalendarBannerBrowserTests");
    }

    @AfterAll
    static void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    String user(Role role) {
        String username = "calendar-" + role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6);
        Api.Response r = Api.on(port, issuer).as(new Actor("admin", Role.ADMIN, null, null)).post("/api/v1/users",
                Map.of("username", username, "password", PASSWORD, "displayName", username, "role", role.name()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return username;
    }

    void logIn(String username) {
        driver.get("http://localhost:" + port + "/console/");
        js("sessionStorage.clear(); localStorage.removeItem('cityops.lang');");
        driver.navigate().refresh();
        find("[data-t=login-form] input[name=username]").sendKeys(username);
        find("[data-t=login-form] input[name=password]").sendKeys(PASSWORD);
        click("[data-t=login]");
        find("[data-t=nav]");
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

        logIn(admin);
        assertThat(find("[data-t=calendar-warning]").getText()).contains("2027年节假日安排尚未导入", "PUT /api/v1/calendar/2027");
        Files.write(ConsoleBrowserTests.SHOTS.resolve("calendar-banner-zh.png"),
                ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        click("[data-t=lang]");
        waiting().until(d -> find("[data-t=calendar-warning]").getText().contains("The 2027 public holidays"));
        Files.write(ConsoleBrowserTests.SHOTS.resolve("calendar-banner-en.png"),
                ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));

        logIn(leader);
        assertThat(bannerShown()).as("a leader does not keep deadlines").isFalse();

        clock.set(Instant.parse("2026-06-01T02:00:00Z"));
        logIn(admin);
        assertThat(bannerShown()).as("mid-year nothing is missing").isFalse();
        assertThat(consoleErrors()).isEmpty();
    }
}
