package org.cityops.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.cityops.Api;
import org.cityops.ConsoleCity;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The browser and the steps the console's browser tests share: each test class gets its own
 * headless Chromium (skipped, saying why, where it is missing), quit after its last test.
 */
abstract class ConsoleBrowserSupport {

    static WebDriver driver;

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;

    @BeforeAll
    static void startChromium(TestInfo test) throws IOException {
        driver = ConsoleBrowserTests.startChromium(test.getTestClass().map(Class::getSimpleName).orElse("browser test"));
    }

    @AfterAll
    static void quitChromium() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    Api admin() {
        return Api.on(port, issuer).as(new Actor("admin", Role.ADMIN, null, null));
    }

    /**
     * Opens the console afresh (no session, Chinese) and logs in; returns once the navigation shows.
     * The session is cleared on a page of the console's origin that runs no script, so no request
     * goes out with the previous test's token.
     */
    void logIn(String username, String password) {
        driver.get("http://localhost:" + port + "/console/console.css");
        js("sessionStorage.clear(); localStorage.removeItem('cityops.lang');");
        driver.get("http://localhost:" + port + "/console/");
        find("[data-t=login-form] input[name=username]").sendKeys(username);
        find("[data-t=login-form] input[name=password]").sendKeys(password);
        click("[data-t=login]");
        find("[data-t=nav]");
    }

    /** Saves a screenshot of the window as {@code target/screenshots/<name>.png}. */
    void save(String name) throws IOException {
        Files.write(ConsoleBrowserTests.SHOTS.resolve(name + ".png"),
                ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    WebElement find(String css) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    void click(String css) {
        waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    /** Returns the browser console's errors since the last call. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                // the stylesheet opened as a page to clear the session (logIn) makes Chromium ask for one
                .filter(m -> !m.contains("/favicon.ico"))
                .toList();
    }

    /**
     * Creates a water-level sensor in grid A1 of the city, of its first department, measuring a
     * property of its own and carrying the tags (none when empty); returns its Datastream's id.
     */
    long waterLevelSensor(ConsoleCity city, String property, List<String> tags) {
        Map<String, Object> stream = Map.of("name", property, "description", property,
                "observationType", "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement",
                "unitOfMeasurement", Map.of("name", "metre", "symbol", "m", "definition", "https://cityops.local/units/m"),
                "ObservedProperty", Map.of("name", property, "definition", "https://cityops.local/op/" + property.hashCode(),
                        "description", property),
                "Sensor", Map.of("name", "水位计", "description", "radar", "encodingType", "text/html",
                        "metadata", "https://cityops.local/sensors/level"));
        Map<String, Object> properties = new HashMap<>(Map.of("cityops:type", "water-level",
                "cityops:department", city.departmentA));
        if (!tags.isEmpty()) {
            properties.put("cityops:tags", tags);
        }
        Api.Response thing = admin().post("/sta/v1.1/Things", Map.of("name", "水位监测 " + property + " " + tags,
                "description", "browser test sensor", "properties", properties,
                "Locations", List.of(Map.of("name", "河道", "description", "river",
                        "encodingType", "application/geo+json",
                        "location", Map.of("type", "Point", "coordinates", List.of(ConsoleCity.IN_A1[0], ConsoleCity.IN_A1[1])))),
                "Datastreams", List.of(stream)));
        assertThat(thing.status()).as(thing.body()).isEqualTo(201);
        long id = thing.json().get("@iot.id").asLong();
        return admin().get("/sta/v1.1/Things(" + id + ")/Datastreams").json().get("value").get(0).get("@iot.id").asLong();
    }

    /** Posts one observation of the Datastream at the time. */
    void observe(long datastream, Instant at, double value) {
        Api.Response r = admin().post("/sta/v1.1/Datastreams(" + datastream + ")/Observations",
                Map.of("phenomenonTime", at.toString(), "result", value));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }
}
