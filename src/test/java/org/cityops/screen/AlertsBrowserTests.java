package org.cityops.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import tools.jackson.databind.JsonNode;

/**
 * Alerts and rules in a real headless Chromium: a rule made through the API, an observation posted
 * through SensorThings that trips it, and the alert appearing in the city screen's live feed and
 * on its map without a reload, then acknowledged in the alerts view, with its automatic case
 * showing the alert back; in the rules view a quarantined rule with its error, a CEL type error shown beside the condition (nothing
 * saved), the corrected rule saved, disabled and dry-run; a {@code reset} on the stream reloading
 * the screen's figures. Screenshots {@code live-alert.png},
 * {@code alert-acknowledged.png}, {@code case-linked-alert.png}, {@code rules-cel-error.png},
 * {@code rules-dry-run.png}. Skipped, with the reason, where Chromium or its driver is missing.
 */
@IntegrationTest
@Tag("browser")
class AlertsBrowserTests extends ConsoleBrowserSupport {

    static final String PASSWORD = "Alerts-pass-2026!";

    static ConsoleCity city;
    static String dispatcher;

    Api asDispatcher() {
        return Api.on(port, issuer).as(new Actor(dispatcher, Role.CITY_DISPATCHER, ConsoleCity.CITY, null));
    }

    @BeforeEach
    void cityAndDispatcher() {
        if (city == null) {
            Api admin = admin();
            city = ConsoleCity.importedBy(admin);
            dispatcher = city.user(admin, "alerts-dispatcher", Role.CITY_DISPATCHER, ConsoleCity.CITY, null, PASSWORD);
        }
        driver.manage().window().setSize(new Dimension(1920, 1080));
    }

    void logIn() {
        logIn(dispatcher, PASSWORD);
    }

    @Test
    void aSensorAlertAppearsLiveOnTheCityScreenAndIsAcknowledgedInTheAlertsView() throws IOException {
        String property = "积水深度 " + city.run;
        long datastream = waterLevelSensor(city, property, List.of());
        String ruleName = "下穿通道积水 " + city.run;
        Api.Response rule = admin().post("/api/v1/rules", Map.of("name", ruleName, "kind", "CONDITION", "severity", "RED",
                "watch", Map.of("observedProperty", property), "condition", "value > 0.5",
                "casePolicy", Map.of("mode", "OPEN_CASE", "categoryCode", "E0105", "urgency", "URGENT")));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        long ruleId = rule.json().get("id").asLong();

        logIn();
        consoleErrors();
        driver.get("http://localhost:" + port + "/console/#/screen");
        find("[data-view=screen][data-loaded=true]");
        waiting().until(d -> "实时连接正常".equals(d.findElement(By.cssSelector("[data-t=live-state]")).getText()));
        // a page that reloads loses this mark: it proves the alert arrives without a reload
        js("window.cityopsNoReload = 'kept';");

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        observe(datastream, now.minusSeconds(60), 0.1);
        observe(datastream, now, 0.8);

        String feedItem = "[data-t=feed] li[data-kind=alert]";
        WebElement item = waiting().until(d -> d.findElements(By.cssSelector(feedItem)).stream()
                .filter(e -> e.getText().contains(ruleName)).findFirst().orElse(null));
        long alertId = Long.parseLong(item.getAttribute("data-alert"));
        JsonNode listed = asDispatcher().get("/api/v1/alerts?rule=" + ruleId).json().get("items");
        assertThat(listed.get(0).get("id").asLong()).isEqualTo(alertId);
        assertThat(item.getText()).contains("红色");
        // the figures reload after the event: the alert's marker, its grid outlined, the tile counting it
        waiting().until(d -> !d.findElements(By.cssSelector("[data-t=city-map] path.alert-id-" + alertId)).isEmpty());
        assertThat(driver.findElements(By.cssSelector("[data-t=city-map] path.region-alert"))).isNotEmpty();
        assertThat(Integer.parseInt(find("[data-kpi='now.activeAlerts']").getText().replace("+", ""))).isPositive();
        assertThat(js("return window.cityopsNoReload")).isEqualTo("kept");
        js("document.querySelector('[data-t=feed]').scrollIntoView({block: 'center'})");
        save("live-alert");

        item.findElement(By.cssSelector("a")).click();
        find("[data-view=alerts] [data-t=alert-list] tr[data-alert='" + alertId + "']");
        find("[data-t=alert-detail][data-alert='" + alertId + "'][data-status=RAISED]");
        assertThat(js("return window.cityopsNoReload")).isEqualTo("kept");
        click("[data-alert-action=acknowledge]");
        find("[data-t=alert-form] textarea").sendKeys("值班长已收到，通知排水");
        click("[data-t=alert-submit]");
        find("[data-t=alert-detail][data-status=ACKNOWLEDGED]");
        assertThat(find("[data-t=alert-history]").getText()).contains("确认", "值班长已收到，通知排水", dispatcher);
        JsonNode acknowledged = asDispatcher().get("/api/v1/alerts/" + alertId).json();
        assertThat(acknowledged.get("status").asString()).isEqualTo("ACKNOWLEDGED");
        save("alert-acknowledged");

        // the rule opened a case: the alert links to it and the case shows the alert back
        waiting().until(d -> asDispatcher().get("/api/v1/alerts/" + alertId).json().get("caseId").isNumber());
        driver.navigate().refresh();
        click("[data-t=alert-case]");
        find("[data-t=case-detail] [data-t=linked-alert] a[data-alert='" + alertId + "']");
        save("case-linked-alert");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void theRulesViewShowsTheCelErrorBesideTheConditionThenSavesDisablesAndDryRunsTheRule() throws IOException {
        String property = "路面积水 " + city.run;
        long datastream = waterLevelSensor(city, property, List.of());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        observe(datastream, now.minusSeconds(600), 0.2);
        observe(datastream, now.minusSeconds(540), 0.9);
        observe(datastream, now.minusSeconds(480), 0.3);
        String name = "积水试运行 " + city.run;
        // a rule that fails at run time (a missing map key) is quarantined by the engine
        String brokenProperty = "积水颜色 " + city.run;
        long broken = waterLevelSensor(city, brokenProperty, List.of());
        Api.Response quarantined = admin().post("/api/v1/rules", Map.of("name", "坏规则 " + city.run, "kind", "CONDITION",
                "severity", "BLUE", "watch", Map.of("observedProperty", brokenProperty, "region", ConsoleCity.CITY),
                "condition", "entity.colour == 'red'"));
        assertThat(quarantined.status()).as(quarantined.body()).isEqualTo(201);
        long quarantinedId = quarantined.json().get("id").asLong();
        observe(broken, now, 1.0);
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d ->
                "QUARANTINED".equals(admin().get("/api/v1/rules/" + quarantinedId).json().get("status").asString()));

        logIn();
        consoleErrors();
        driver.get("http://localhost:" + port + "/console/#/rules");
        String quarantinedRow = "[data-t=rule-list] tr[data-rule='" + quarantinedId + "'][data-status=QUARANTINED]";
        assertThat(find(quarantinedRow + " [data-t=quarantine-error]").getText()).contains("已隔离", "colour");
        click("[data-t=rule-new]");
        find("[data-t=rule-form] input[name=name]").sendKeys(name);
        WebElement condition = find("[data-t=rule-form] textarea[data-cel=condition]");
        condition.clear();
        condition.sendKeys("value > 0.5 &&\nvalue * 2 > 1.0");
        // the dispatcher writes rules inside its region only: a new rule's watch starts there
        find("[data-t=rule-form] input[name='watch.observedProperty']").sendKeys(property);
        click("[data-t=rule-save]");
        WebElement error = find("[data-error=condition]");
        assertThat(error.getText()).contains("line 2, column");
        save("rules-cel-error");
        // the refusal is the only message in the browser console
        assertThat(consoleErrors()).allMatch(m -> m.contains("/api/v1/rules") && m.contains("400"));
        assertThat(admin().get("/api/v1/rules").json().toString()).doesNotContain(name);

        condition.clear();
        condition.sendKeys("value > 0.5 &&\nvalue * 2.0 > 1.0");
        click("[data-t=rule-save]");
        find("[data-t=rule-form] [data-t=notice]");
        assertThat(driver.findElements(By.cssSelector("[data-error=condition]"))).isEmpty();
        long ruleId = -1;
        for (JsonNode r : admin().get("/api/v1/rules").json()) {
            if (r.get("name").asString().equals(name)) {
                ruleId = r.get("id").asLong();
            }
        }
        assertThat(ruleId).isPositive();
        String row = "[data-t=rule-list] tr[data-rule='" + ruleId + "']";
        find(row + "[data-status=ENABLED]");
        click(row + " [data-t=rule-disable]");
        find(row + "[data-status=DISABLED]");
        assertThat(admin().get("/api/v1/rules/" + ruleId).json().get("status").asString()).isEqualTo("DISABLED");

        click("[data-t=rule-dry-run]");
        assertThat(find("[data-t=dry-raises]").getText()).isEqualTo("1");
        save("rules-dry-run");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void aResetOnTheLiveStreamReloadsTheCityScreensFigures() {
        logIn();
        // the dispatcher lands on the screen: leave it (closing its stream) so that it opens anew below
        driver.get("http://localhost:" + port + "/console/#/alerts");
        find("[data-view=alerts]");
        consoleErrors();
        // the first stream request claims an event id of another run, so the stream starts with `reset`;
        // the figures are counted by their summary requests (two per load; the timer reloads after 60 s)
        js("""
                window.summaryRequests = 0;
                const original = window.fetch;
                let first = true;
                window.fetch = (url, options) => {
                  const u = String(url);
                  if (u.includes('/api/v1/insight/summary')) window.summaryRequests++;
                  if (u === '/api/v1/stream' && first) {
                    first = false;
                    options = { ...options, headers: { ...options.headers, 'Last-Event-ID': '1' } };
                  }
                  return original(url, options);
                };
                location.hash = '#/screen';
                """);
        find("[data-view=screen][data-loaded=true]");
        waiting().until(d -> ((Number) js("return window.summaryRequests")).intValue() >= 4);
        assertThat(find("[data-t=live-state]").getText()).isEqualTo("实时连接正常");
        assertThat(consoleErrors()).isEmpty();
    }
}
