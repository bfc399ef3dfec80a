package org.cityops.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.cityops.Api;
import org.cityops.ConsoleCity;
import org.cityops.IntegrationTest;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import tools.jackson.databind.JsonNode;

/**
 * The console in a real headless Chromium: each role logs in and sees its navigation, the city
 * screen draws the districts with the API's figures, one case walks the whole loop through the
 * workbenches of three roles, the language switches and stays, and a refused action shows the
 * problem. Screenshots go to {@code target/screenshots/}. Skipped, with the reason, where Chromium
 * or its driver is not installed.
 */
@IntegrationTest
@Tag("browser")
class ConsoleBrowserTests extends ConsoleBrowserSupport {

    static final Path CHROMIUM = Path.of(System.getProperty("cityops.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("cityops.test.chromedriver", "/usr/bin/chromedriver"));
    static final Path SHOTS = Path.of("target/screenshots");
    static final String PASSWORD = "Console-pass-2026!";

    static ConsoleCity city;
    static Map<Role, String> users;

    /**
     * Returns a headless Chromium at 1920×1080 in Chinese that keeps the browser console's log; skips the calling
     * test class, saying why, when Chromium or chromedriver is missing.
     */
    static WebDriver startChromium(String testClass) throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            System.out.println(testClass + " skipped: " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(present, "Chromium (" + CHROMIUM + ") and chromedriver (" + CHROMEDRIVER
                + ") must be installed: apt-get install chromium chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1920,1080",
                "--lang=zh-CN");
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        Files.createDirectories(SHOTS);
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(),
                options);
    }

    @BeforeEach
    void cityAndUsers() {
        Api admin = Api.on(port, issuer).as(new Actor("admin", Role.ADMIN, null, null));
        if (city == null) {
            city = ConsoleCity.importedBy(admin);
            users = Map.of(
                    Role.CITY_DISPATCHER, city.user(admin, "dispatcher", Role.CITY_DISPATCHER, null, null, PASSWORD),
                    Role.DISTRICT_DISPATCHER, city.user(admin, "district", Role.DISTRICT_DISPATCHER,
                            ConsoleCity.DISTRICT_A, null, PASSWORD),
                    Role.STREET_OPERATOR, city.user(admin, "street", Role.STREET_OPERATOR, ConsoleCity.STREET_A, null,
                            PASSWORD),
                    Role.DEPARTMENT_HANDLER, city.user(admin, "handler", Role.DEPARTMENT_HANDLER, null,
                            city.departmentA, PASSWORD),
                    Role.GRID_INSPECTOR, city.user(admin, "inspector", Role.GRID_INSPECTOR, ConsoleCity.STREET_A, null,
                            PASSWORD),
                    Role.LEADER, city.user(admin, "leader", Role.LEADER, ConsoleCity.CITY, null, PASSWORD));
        }
        driver.manage().window().setSize(new Dimension(1920, 1080));
    }

    // ---- helpers ----

    String base() {
        return "http://localhost:" + port;
    }

    void logInAs(Role role) {
        logIn(users.get(role), PASSWORD);
    }

    List<String> navigation() {
        return driver.findElements(By.cssSelector("[data-t=nav] a")).stream().map(a -> a.getAttribute("data-nav"))
                .toList();
    }

    Api api(Role role) {
        Actor actor = switch (role) {
            case LEADER -> new Actor(users.get(role), role, ConsoleCity.CITY, null);
            case DEPARTMENT_HANDLER -> new Actor(users.get(role), role, null, city.departmentA);
            default -> new Actor(users.get(role), role, null, null);
        };
        return Api.on(port, issuer).as(actor);
    }

    /** Opens a queue of a workbench, selects the case and applies the action with the form as filled by {@code fill}. */
    void act(String view, String queue, String caseNo, String action, Runnable fill, String expectedState) {
        driver.get(base() + "/console/#/" + view);
        if (queue != null) {
            click("[data-queue=" + queue + "]");
        }
        click("[data-case-no='" + caseNo + "']");
        waiting().until(d -> !d.findElements(By.cssSelector("[data-t=case-detail] [data-action=" + action + "]")).isEmpty());
        click("[data-t=case-detail] [data-action=" + action + "]");
        find("[data-t=action-form]");
        if (fill != null) {
            fill.run();
        }
        click("[data-t=action-form] [data-t=submit]");
        waiting().until(ExpectedConditions.attributeToBe(By.cssSelector("[data-t=case-detail]"), "data-state",
                expectedState));
    }

    /** Returns the on-time close rate as the screen shows it: one decimal and a percent sign, or a dash. */
    static String percent(JsonNode summary) {
        JsonNode rate = summary.get("onTimeCloseRate");
        return rate == null || rate.isNull() ? "—" : String.format(java.util.Locale.ROOT, "%.1f%%", rate.asDouble() * 100);
    }

    static Path photo() throws IOException {
        Path file = Path.of("target/console-photo.png");
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 64; x++) {
            for (int y = 0; y < 48; y++) {
                image.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | 0x40);
            }
        }
        ImageIO.write(image, "png", file.toFile());
        return file.toAbsolutePath();
    }

    // ---- tests ----

    @Test
    void eachRoleLogsInAndSeesItsOwnNavigation() throws IOException {
        Map<Role, List<String>> expected = Map.of(
                Role.CITY_DISPATCHER, List.of("screen", "intake", "dispatch", "cases", "sensors", "alerts", "rules", "calendar"),
                Role.DISTRICT_DISPATCHER, List.of("dispatch", "intake", "screen", "cases", "sensors", "alerts", "rules"),
                Role.STREET_OPERATOR, List.of("intake", "dispatch", "screen", "cases", "sensors", "alerts"),
                Role.DEPARTMENT_HANDLER, List.of("handler", "sensors", "alerts"),
                Role.GRID_INSPECTOR, List.of("inspector"),
                Role.LEADER, List.of("screen", "cases", "sensors", "alerts"));
        for (Map.Entry<Role, List<String>> e : expected.entrySet()) {
            logInAs(e.getKey());
            assertThat(navigation()).as(e.getKey().name()).isEqualTo(e.getValue());
            assertThat(find("[data-t=user]").getText()).contains(e.getKey().chineseName());
            assertThat(find("[data-view]").getAttribute("data-view")).isEqualTo(
                    e.getValue().get(0).equals("inspector") ? "inspector" : e.getValue().get(0));
            // a view of another role is not reachable by its address either
            driver.get(base() + "/console/#/dispatch");
            if (!e.getValue().contains("dispatch")) {
                assertThat(find("[data-view]").getAttribute("data-view")).isNotEqualTo("dispatch");
            }
            save("login-" + e.getKey().name().toLowerCase());
        }
        click("[data-t=logout]");
        find("[data-t=login-form]");
    }

    @Test
    void theCityScreenDrawsTheDistrictsAndShowsTheApisFigures() throws IOException {
        Api leader = api(Role.LEADER);
        leader.post("/api/v1/cases", Map.of("sourceType", "INSPECTOR", "longitude", ConsoleCity.IN_A1[0],
                "latitude", ConsoleCity.IN_A1[1], "description", "井盖缺失", "categoryCode", "E0101"));
        logInAs(Role.LEADER);
        waiting().until(d -> d.findElements(By.cssSelector("[data-t=city-map] path.region")).size() == 2);
        waiting().until(d -> !d.findElement(By.cssSelector("[data-kpi='month.reported']")).getText().equals("—"));
        JsonNode today = leader.get("/api/v1/insight/summary?period=today&region=" + ConsoleCity.CITY).json();
        JsonNode month = leader.get("/api/v1/insight/summary?period=month&region=" + ConsoleCity.CITY).json();
        for (String k : List.of("reported", "registered", "dispatched", "closed", "overdue")) {
            assertThat(find("[data-kpi='today." + k + "']").getText()).as("today " + k)
                    .isEqualTo(today.get(k).asString());
            assertThat(find("[data-kpi='month." + k + "']").getText()).as("month " + k)
                    .isEqualTo(month.get(k).asString());
        }
        assertThat(find("[data-kpi='month.onTimeCloseRate']").getText()).isEqualTo(percent(month));
        assertThat(find("[data-t=regions]").getText()).contains("甲区", "乙区");
        waiting().until(d -> !d.findElements(By.cssSelector("[data-t=trend] canvas")).isEmpty());
        save("city-screen");

        // drill down: district A → its one street, figures for the district
        click("[data-t=regions] [data-region='" + ConsoleCity.DISTRICT_A + "']");
        waiting().until(d -> d.findElements(By.cssSelector("[data-t=crumbs] a")).size() == 2);
        waiting().until(d -> d.findElements(By.cssSelector("[data-t=city-map] path.region")).size() == 1);
        JsonNode district = leader.get("/api/v1/insight/summary?period=month&region=" + ConsoleCity.DISTRICT_A).json();
        waiting().until(d -> d.findElement(By.cssSelector("[data-kpi='month.reported']")).getText()
                .equals(district.get("reported").asString()));
        assertThat(find("[data-t=regions]").getText()).contains("甲区一街道");
        save("city-screen-district");
    }

    @Test
    void oneCaseWalksTheWholeLoopThroughTheWorkbenchesOfThreeRoles() throws IOException {
        // the inspector reports from a phone, placed by its GPS, with a photo
        ChromeDriver chrome = (ChromeDriver) driver;
        chrome.executeCdpCommand("Browser.grantPermissions", Map.of("permissions", List.of("geolocation")));
        chrome.executeCdpCommand("Emulation.setGeolocationOverride", Map.of("latitude", ConsoleCity.IN_A1[1],
                "longitude", ConsoleCity.IN_A1[0], "accuracy", 5));
        driver.manage().window().setSize(new Dimension(412, 915));
        logInAs(Role.GRID_INSPECTOR);
        waiting().until(d -> !d.findElements(By.cssSelector("[data-t=pick-map] path")).isEmpty());
        click("[data-t=gps]");
        waiting().until(d -> d.findElements(By.cssSelector("[data-t=pick-map] .leaflet-marker-icon")).size() == 1);
        new Select(find("[data-t=report-form] select[name=categoryCode]")).selectByValue("E0101");
        find("[data-t=report-form] textarea[name=description]").sendKeys("人行道暴露垃圾 " + city.run);
        find("[data-t=report-form] input[name=photos]").sendKeys(photo().toString());
        save("loop-1-inspector-report");
        click("[data-t=send-report]");
        String caseNo = find("[data-t=reported-no]").getText();
        save("loop-2-inspector-reported");
        driver.manage().window().setSize(new Dimension(1920, 1080));

        // the dispatcher registers and dispatches to the suggested department
        logInAs(Role.CITY_DISPATCHER);
        act("intake", "reported", caseNo, "REGISTER", null, "REGISTERED");
        act("dispatch", "dispatch", caseNo, "DISPATCH", () -> assertThat(
                new Select(find("[data-t=action-form] select[name=departmentId]")).getFirstSelectedOption().getText())
                .contains("市容环卫所"), "DISPATCHED");
        save("loop-3-dispatched");

        // the department accepts and feeds back
        logInAs(Role.DEPARTMENT_HANDLER);
        act("handler", "mine", caseNo, "ACCEPT", null, "HANDLING");
        act("handler", "mine", caseNo, "FEEDBACK",
                () -> find("[data-t=action-form] textarea[name=comment]").sendKeys("已清运完毕"), "HANDLED");

        // the dispatcher asks for verification, the inspector verifies, the dispatcher closes
        logInAs(Role.CITY_DISPATCHER);
        act("dispatch", "handled", caseNo, "REQUEST_VERIFICATION", null, "VERIFYING");
        logInAs(Role.GRID_INSPECTOR);
        driver.manage().window().setSize(new Dimension(412, 915));
        driver.get(base() + "/console/#/inspector");
        click("[data-queue=verify]");
        click("[data-case-no='" + caseNo + "']");
        click("[data-t=case-detail] [data-action=VERIFY_PASS]");
        click("[data-t=action-form] [data-t=submit]");
        waiting().until(ExpectedConditions.attributeToBe(By.cssSelector("[data-t=case-detail]"), "data-state",
                "VERIFIED"));
        save("loop-4-inspector-verified");
        driver.manage().window().setSize(new Dimension(1920, 1080));
        logInAs(Role.CITY_DISPATCHER);
        act("dispatch", "verified", caseNo, "CLOSE", null, "CLOSED");
        waiting().until(d -> d.findElements(By.cssSelector("[data-t=photo]")).size() == 1);
        assertThat(find("[data-t=timeline]").findElements(By.tagName("li"))).hasSizeGreaterThanOrEqualTo(8);
        save("loop-5-closed");

        JsonNode page = api(Role.CITY_DISPATCHER).get("/api/v1/cases?state=CLOSED&region=" + ConsoleCity.STREET_A
                + "&limit=20").json();
        JsonNode closed = null;
        for (JsonNode c : page.get("items")) {
            if (c.get("caseNo").asString().equals(caseNo)) {
                closed = c;
            }
        }
        assertThat(closed).as("case " + caseNo + " closed").isNotNull();
        assertThat(closed.get("leadDepartmentId").asLong()).isEqualTo(city.departmentA);
        assertThat(closed.get("location").get("streetCode").asString()).isEqualTo(ConsoleCity.STREET_A);
    }

    @Test
    void theInspectorPlacesAReportByTappingOneOfItsGridsOnTheMap() throws IOException {
        driver.manage().window().setSize(new Dimension(412, 915));
        logInAs(Role.GRID_INSPECTOR);
        waiting().until(d -> d.findElements(By.cssSelector("[data-t=pick-map] path")).size() == 2);
        driver.findElements(By.cssSelector("[data-t=pick-map] path")).get(0).click();
        waiting().until(d -> d.findElements(By.cssSelector("[data-t=pick-map] .leaflet-marker-icon")).size() == 1);
        String[] position = find("[data-t=position]").getText().split(",\\s*");
        assertThat(Double.parseDouble(position[0])).isBetween(104.0, 104.02);
        assertThat(Double.parseDouble(position[1])).isBetween(30.0, 30.02);
        save("inspector-map-pick");
    }

    @Test
    void theLanguageSwitchesToEnglishAndStaysAfterReloading() throws IOException {
        logInAs(Role.CITY_DISPATCHER);
        assertThat(find("[data-nav=dispatch]").getText()).isEqualTo("派遣");
        click("[data-t=lang]");
        waiting().until(ExpectedConditions.textToBe(By.cssSelector("[data-nav=dispatch]"), "Dispatch (派遣)"));
        driver.navigate().refresh();
        assertThat(find("[data-nav=screen]").getText()).isEqualTo("City screen (一张图)");
        waiting().until(d -> d.findElement(By.cssSelector("[data-t=kpis]")).getText().contains("On-time close rate (按期结案率)"));
        save("english-city-screen");
        click("[data-t=lang]");
        waiting().until(ExpectedConditions.textToBe(By.cssSelector("[data-nav=screen]"), "城市运行一张图"));
    }

    @Test
    void aRefusedActionShowsTheProblemAndChangesNothing() throws IOException {
        Api dispatcher = api(Role.CITY_DISPATCHER);
        Api.Response reported = dispatcher.post("/api/v1/cases", Map.of("sourceType", "INSPECTOR",
                "longitude", ConsoleCity.IN_A1[0], "latitude", ConsoleCity.IN_A1[1],
                "description", "乱堆物料 " + city.run, "categoryCode", "E0101"));
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        String caseNo = reported.json().get("caseNo").asString();
        long id = reported.json().get("id").asLong();

        logInAs(Role.CITY_DISPATCHER);
        driver.get(base() + "/console/#/intake");
        click("[data-case-no='" + caseNo + "']");
        click("[data-t=case-detail] [data-action=REJECT]");
        click("[data-t=action-form] [data-t=submit]");
        WebElement problem = find("[data-t=case-detail] [data-t=problem]");
        assertThat(problem.getText()).contains("comment");
        save("refused-action");
        assertThat(dispatcher.get("/api/v1/cases/" + id).json().get("state").asString()).isEqualTo("REPORTED");
        assertThat(find("[data-t=case-detail]").getAttribute("data-state")).isEqualTo("REPORTED");
    }
}
