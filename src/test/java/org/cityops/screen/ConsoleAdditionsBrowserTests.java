package org.cityops.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cityops.Api;
import org.cityops.ConsoleCity;
import org.cityops.IntegrationTest;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import tools.jackson.databind.JsonNode;

/**
 * The sensors view, the city screen's sensor, busiest-grid and live-feed parts, and the intake's
 * duplicates nearby in a real headless Chromium: a water-level sensor shows its latest value and,
 * when picked, its history chart; the city screen lists the busiest grids as the API counts them,
 * draws the sensor coloured by its liveness, and connects the live feed; a
 * repeat report is found next to the first and merged into it — all without errors in the
 * browser console. Screenshots go to {@code target/screenshots/}. Skipped, with the reason, where
 * Chromium or its driver is not installed.
 */
@IntegrationTest
@Tag("browser")
class ConsoleAdditionsBrowserTests extends ConsoleBrowserSupport {

    static final String PASSWORD = "Sensors-pass-2026!";
    static final double[] READINGS = {1.12, 1.18, 1.25, 1.31, 1.42, 1.57};

    static ConsoleCity city;
    static String dispatcher;
    static long thingId;

    @BeforeEach
    void cityWithASensor() {
        if (city == null) {
            Api admin = admin();
            city = ConsoleCity.importedBy(admin);
            dispatcher = city.user(admin, "sensors-dispatcher", Role.CITY_DISPATCHER, ConsoleCity.CITY, null,
                    PASSWORD);
            // the datastream declares how often it reports, so the platform watches its liveness
            Map<String, Object> stream = Map.of("name", "水位 " + city.run, "description", "water level",
                    "properties", Map.of("cityops:expectedInterval", "PT10M"),
                    "observationType", "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement",
                    "unitOfMeasurement", Map.of("name", "metre", "symbol", "m", "definition", "https://cityops.local/units/m"),
                    "ObservedProperty", Map.of("name", "水位 water level", "definition", "https://cityops.local/op/water-level",
                            "description", "water level"),
                    "Sensor", Map.of("name", "水位计型号", "description", "radar gauge", "encodingType", "text/html",
                            "metadata", "https://cityops.local/sensors/water-level"));
            Api.Response thing = admin.post("/sta/v1.1/Things", Map.of("name", "水位计 WL-" + city.run,
                    "description", "browser test sensor",
                    "properties", Map.of("cityops:type", "water-level", "cityops:department", city.departmentA),
                    "Locations", List.of(Map.of("name", "桥下", "description", "under the bridge",
                            "encodingType", "application/geo+json",
                            "location", Map.of("type", "Point", "coordinates", List.of(ConsoleCity.IN_A1[0], ConsoleCity.IN_A1[1])))),
                    "Datastreams", List.of(stream)));
            assertThat(thing.status()).as(thing.body()).isEqualTo(201);
            thingId = thing.json().get("@iot.id").asLong();
            long datastream = admin.get("/sta/v1.1/Things(" + thingId + ")/Datastreams").json().get("value").get(0)
                    .get("@iot.id").asLong();
            List<List<Object>> rows = new ArrayList<>();
            Instant now = Instant.now();
            for (int i = 0; i < READINGS.length; i++) {
                rows.add(List.of(now.minusSeconds(60L * (READINGS.length - i)).toString(), READINGS[i]));
            }
            Api.Response posted = admin.post("/sta/v1.1/CreateObservations", List.of(Map.of(
                    "Datastream", Map.of("@iot.id", datastream), "components", List.of("phenomenonTime", "result"),
                    "dataArray", rows)));
            assertThat(posted.status()).as(posted.body()).isEqualTo(201);
            Api reporter = Api.on(port, issuer).as(new Actor(dispatcher, Role.CITY_DISPATCHER, ConsoleCity.CITY, null));
            for (double lon : new double[] {ConsoleCity.IN_A1[0], ConsoleCity.IN_A1[0] + 0.002, ConsoleCity.IN_A1[0] - 0.002}) {
                Api.Response r = reporter.post("/api/v1/cases", Map.of("sourceType", "HOTLINE", "longitude", lon,
                        "latitude", ConsoleCity.IN_A1[1], "description", "人行道地砖松动"));
                assertThat(r.status()).as(r.body()).isEqualTo(201);
            }
        }
        driver.manage().window().setSize(new Dimension(1920, 1080));
    }

    void logIn() {
        logIn(dispatcher, PASSWORD);
    }

    /** Returns the browser console's errors since the last call. */

    @Test
    void theSensorsViewShowsASensorWithItsLatestValueAndItsHistoryChart() throws IOException {
        logIn();
        consoleErrors();
        driver.get("http://localhost:" + port + "/console/#/sensors");
        String row = "[data-view=sensors] [data-sensor='" + thingId + "']";
        WebElement latest = find(row + " [data-latest]");
        assertThat(latest.getText()).isEqualTo("1.57 m");
        assertThat(find(row).getText()).contains("水位计 WL-" + city.run, "在线");
        waiting().until(d -> !d.findElements(By.cssSelector("[data-t=sensor-map] path.sensor-online")).isEmpty());

        find(row).click();
        waiting().until(d -> String.valueOf(READINGS.length).equals(
                d.findElement(By.cssSelector("[data-t=history]")).getAttribute("data-points")));
        assertThat(find("[data-t=history] canvas").isDisplayed()).isTrue();
        assertThat(find("[data-t=history-title]").getText()).contains("水位 " + city.run);
        save("sensors");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void theCityScreenShowsTheBusiestGridsTheSensorsAndTheLiveFeedState() throws IOException {
        logIn();
        consoleErrors();
        driver.get("http://localhost:" + port + "/console/#/screen");
        find("[data-view=screen][data-loaded=true]");
        Api api = Api.on(port, issuer).as(new Actor(dispatcher, Role.CITY_DISPATCHER, ConsoleCity.CITY, null));
        // the dispatcher's region is the test city, so the screen opens on it
        assertThat(driver.findElement(By.cssSelector("[data-t=crumbs] a")).getAttribute("data-code"))
                .isEqualTo(ConsoleCity.CITY);
        JsonNode busiest = api.get("/api/v1/insight/busiest-grids?limit=8&region=" + ConsoleCity.CITY).json();
        assertThat(busiest).isNotEmpty();
        List<WebElement> rows = driver.findElements(By.cssSelector("[data-t=busiest] tbody tr[data-grid]"));
        assertThat(rows).hasSameSizeAs(busiest);
        for (int i = 0; i < rows.size(); i++) {
            JsonNode g = busiest.get(i);
            assertThat(rows.get(i).getAttribute("data-grid")).isEqualTo(g.get("code").asString());
            assertThat(rows.get(i).getText()).contains(g.get("name").asString(), g.get("open").asString());
        }
        assertThat(find("[data-t=busiest]").getText()).contains("甲区01网格");
        waiting().until(d -> !d.findElements(By.cssSelector("[data-t=city-map] path.sensor-online")).isEmpty());
        waiting().until(d -> "实时连接正常".equals(d.findElement(By.cssSelector("[data-t=live-state]")).getText()));
        assertThat(find("[data-kpi='now.devicesOnline']").getText()).doesNotContain("—");
        save("city-screen-busiest-grids");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void intakeShowsAnOpenCaseOfTheCategoryNearbyAndMergesTheRepeatIntoIt() throws IOException {
        Api reporter = Api.on(port, issuer).as(new Actor(dispatcher, Role.CITY_DISPATCHER, ConsoleCity.CITY, null));
        Api.Response first = reporter.post("/api/v1/cases", Map.of("sourceType", "HOTLINE",
                "longitude", ConsoleCity.IN_A1[0] + 0.003, "latitude", ConsoleCity.IN_A1[1] + 0.004,
                "categoryCode", "E0406", "description", "楼下堆放杂物占用道路 " + city.run));
        Api.Response repeat = reporter.post("/api/v1/cases", Map.of("sourceType", "HOTLINE",
                "longitude", ConsoleCity.IN_A1[0] + 0.0031, "latitude", ConsoleCity.IN_A1[1] + 0.004,
                "categoryCode", "E0406", "description", "又有人反映杂物占道 " + city.run));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(repeat.status()).as(repeat.body()).isEqualTo(201);
        long firstId = first.json().get("id").asLong();
        long repeatId = repeat.json().get("id").asLong();

        logIn();
        consoleErrors();
        driver.get("http://localhost:" + port + "/console/#/intake");
        waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector(
                "[data-case-no='" + repeat.json().get("caseNo").asString() + "']"))).click();
        WebElement nearby = find("[data-t=duplicates] [data-duplicate='" + firstId + "']");
        assertThat(nearby.getText()).contains(first.json().get("caseNo").asString(), "10 m");
        save("intake-duplicates");
        nearby.findElement(By.cssSelector("[data-t=merge]")).click();
        find("[data-t=duplicates] .notice");
        assertThat(reporter.get("/api/v1/cases/" + repeatId).json().get("state").asString()).isEqualTo("VOID");
        JsonNode reports = reporter.get("/api/v1/cases/" + firstId + "/reports").json();
        assertThat(reports).hasSize(2);
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void theLiveFeedParserReadsEventsIdsAndDataAcrossChunks() {
        logIn();
        // the console's own module, as the city screen uses it on the stream's text
        Object parsed = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/console/live.js').then((m) => {
                  const first = m.parseSse(': keep-alive\\n\\nevent: case\\nid: 41\\ndata: {"caseNo":"N1",\\r\\ndata: "state":"REPORTED"}\\n\\nevent: re');
                  const second = m.parseSse(first.rest + 'set\\nid: 42\\ndata:\\n\\n');
                  done(JSON.stringify({ first: first.events, second: second.events, rest: second.rest }));
                }).catch((e) => done('failed: ' + e));
                """);
        JsonNode result = Api.JSON.readTree(String.valueOf(parsed));
        assertThat(result.get("first")).hasSize(1);
        assertThat(result.get("first").get(0).get("event").asString()).isEqualTo("case");
        assertThat(result.get("first").get(0).get("id").asString()).isEqualTo("41");
        assertThat(Api.JSON.readTree(result.get("first").get(0).get("data").asString()).get("state").asString())
                .isEqualTo("REPORTED");
        assertThat(result.get("second")).hasSize(1);
        assertThat(result.get("second").get(0).get("event").asString()).isEqualTo("reset");
        assertThat(result.get("second").get(0).get("id").asString()).isEqualTo("42");
        assertThat(result.get("rest").asString()).isEmpty();
        assertThat(consoleErrors()).isEmpty();
    }
}
