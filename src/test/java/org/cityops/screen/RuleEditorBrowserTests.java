package org.cityops.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.cityops.Api;
import org.cityops.ConsoleCity;
import org.cityops.IntegrationTest;
import org.cityops.platform.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import tools.jackson.databind.JsonNode;

/**
 * The rule editor in a real headless Chromium, as a city dispatcher: a rule made field by field —
 * tags as chips, the grid picked level by level from the city model, the owning department, the
 * sensor type, hysteresis conditions and a case policy — saved with exactly those members (read
 * back through the API) and shown readably in the rule list, in Chinese and in English; a refused
 * save showing the CEL error under the line and column it names and a too-long tag under the tags
 * (nothing saved), then the corrected duration rule saved with its hold time and window as ISO-8601
 * durations; a correlation's inputs each with their own watch; a dry run of a tagged rule that
 * replays only the tagged sensor's history. Screenshots {@code rule-editor-zh.png},
 * {@code rule-editor-en.png}, {@code rule-editor-cel-error.png}, {@code rule-editor-dry-run.png}.
 * Skipped, with the reason, where Chromium or its driver is missing.
 */
@IntegrationTest
@Tag("browser")
class RuleEditorBrowserTests extends ConsoleBrowserSupport {

    static final String PASSWORD = "Rule-editor-2026!";

    static ConsoleCity city;
    static String dispatcher;

    @BeforeEach
    void cityAndDispatcher() {
        if (city == null) {
            Api admin = admin();
            city = ConsoleCity.importedBy(admin);
            dispatcher = city.user(admin, "rule-editor", Role.CITY_DISPATCHER, ConsoleCity.CITY, null, PASSWORD);
        }
        driver.manage().window().setSize(new Dimension(1920, 1200));
    }

    void type(String css, String text) {
        WebElement e = find(css);
        e.clear();
        e.sendKeys(text);
    }

    /** Picks the option of the value once the select offers it (place pickers load their options). */
    void choose(String css, String value) {
        waiting().until(d -> !d.findElements(By.cssSelector(css + " option[value='" + value + "']")).isEmpty());
        new Select(find(css)).selectByValue(value);
    }

    void logIn() {
        logIn(dispatcher, PASSWORD);
        driver.get("http://localhost:" + port + "/console/#/rules");
        find("[data-view=rules]");
    }

    void shot(String name) throws IOException {
        js("window.scrollTo(0, 0)");
        save(name);
    }

    /** Takes a screenshot with the element scrolled into the middle of the window. */
    void shot(String name, String css) throws IOException {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", find(css));
        save(name);
    }

    /** Returns the rule of that name as the API shows it, or null. */
    JsonNode rule(String name) {
        for (JsonNode r : admin().get("/api/v1/rules").json()) {
            if (r.get("name").asString().equals(name)) {
                return r;
            }
        }
        return null;
    }

    /** Picks grid A1 level by level in the watch's place picker (the city is the dispatcher's own, fixed). */
    void pickGridA1(String watch) {
        String picker = "[data-t='place-" + watch + "'] select";
        assertThat(find(picker + "[data-level=CITY]").isEnabled()).isFalse();
        choose(picker + "[data-level=DISTRICT]", ConsoleCity.DISTRICT_A);
        choose(picker + "[data-level=STREET]", ConsoleCity.STREET_A);
        choose(picker + "[data-level=COMMUNITY]", ConsoleCity.COMMUNITY_A);
        choose(picker + "[data-level=GRID]", ConsoleCity.GRID_A1);
    }

    @Test
    void aRuleMadeFieldByFieldIsSavedWithItsTagsGridDepartmentAndTypeAndListedReadablyInBothLanguages() throws IOException {
        String property = "河道水位 " + city.run;
        String name = "河道水位超警戒 " + city.run;
        logIn();
        consoleErrors();
        click("[data-t=rule-new]");
        type("[data-t=rule-form] input[name=name]", name);
        new Select(find("[data-t=rule-form] select[name=kind]")).selectByValue("HYSTERESIS");
        new Select(find("[data-t=rule-form] select[name=severity]")).selectByValue("RED");
        type("[data-t=rule-form] input[name='watch.observedProperty']", property);
        type("[data-t=rule-form] input[name='watch.thingType']", "water-level");
        // tags: Enter and a comma each make a chip; a chip's × removes it; a tag still being typed counts on save
        WebElement tags = find("[data-t='tags-watch'] input");
        tags.sendKeys("flood" + Keys.ENTER);
        tags.sendKeys("bridge,");
        find("[data-t='tags-watch'] .chip[data-tag=bridge]");
        click("[data-t='tags-watch'] [data-remove-tag=bridge]");
        tags.sendKeys("river");
        pickGridA1("watch");
        choose("[data-t=rule-form] select[name='watch.departmentId']", String.valueOf(city.departmentA));
        type("[data-t=rule-form] textarea[data-cel=condition]", "value > 2.0");
        type("[data-t=rule-form] textarea[data-cel=clearCondition]", "value < 1.8");
        new Select(find("[data-t=rule-form] select[name='casePolicy.mode']")).selectByValue("OPEN_CASE");
        choose("[data-t=rule-form] select[name='casePolicy.categoryCode']", "E0105");
        new Select(find("[data-t=rule-form] select[name='casePolicy.urgency']")).selectByValue("URGENT");
        click("[data-t=rule-save]");
        find("[data-t=rule-form] [data-t=notice]");

        JsonNode saved = rule(name);
        assertThat(saved).isNotNull();
        JsonNode d = saved.get("definition");
        assertThat(d.get("kind").asString()).isEqualTo("HYSTERESIS");
        assertThat(d.get("severity").asString()).isEqualTo("RED");
        JsonNode w = d.get("watch");
        List<String> savedTags = new ArrayList<>();
        w.get("tags").forEach(x -> savedTags.add(x.asString()));
        assertThat(savedTags).containsExactly("flood", "river");
        assertThat(w.get("observedProperty").asString()).isEqualTo(property);
        assertThat(w.get("thingType").asString()).isEqualTo("water-level");
        assertThat(w.get("grid").asString()).isEqualTo(ConsoleCity.GRID_A1);
        assertThat(w.hasNonNull("region")).isFalse();
        assertThat(w.get("departmentId").asLong()).isEqualTo(city.departmentA);
        assertThat(d.get("condition").asString()).isEqualTo("value > 2.0");
        assertThat(d.get("clearCondition").asString()).isEqualTo("value < 1.8");
        assertThat(d.get("casePolicy").get("categoryCode").asString()).isEqualTo("E0105");
        assertThat(d.get("casePolicy").get("urgency").asString()).isEqualTo("URGENT");
        // a hysteresis rule states no members of the other kinds
        assertThat(d.hasNonNull("holdFor") || d.hasNonNull("absentFor") || d.hasNonNull("correlation")).isFalse();

        String row = "[data-t=rule-list] tr[data-rule='" + saved.get("id").asLong() + "']";
        find(row + " [data-t=rule-watch] .chip[data-tag=flood]");
        find(row + " [data-t=rule-watch] .chip[data-tag=river]");
        waiting().until(dr -> dr.findElement(By.cssSelector(row + " [data-t=rule-watch]")).getText().contains("甲区01网格"));
        assertThat(find(row + " [data-t=rule-watch]").getText()).contains(property, "水位", "市容环卫所" + city.run);
        assertThat(find(row).getText()).contains("回差（滞回）");
        // the saved rule opens with its fields filled in, the grid picked down to its level
        click(row + " [data-t=rule-edit]");
        assertThat(find("[data-t=rule-form] input[name='watch.observedProperty']").getAttribute("value")).isEqualTo(property);
        find("[data-t='tags-watch'] .chip[data-tag=river]");
        waiting().until(dr -> ConsoleCity.GRID_A1.equals(new Select(dr.findElement(By.cssSelector(
                "[data-t='place-watch'] select[data-level=GRID]"))).getFirstSelectedOption().getAttribute("value")));
        shot("rule-editor-zh");

        click("[data-t=lang]");
        waiting().until(dr -> dr.findElement(By.cssSelector("[data-t=rule-form]")).getText().contains("Tags (all of them)"));
        assertThat(find("[data-t=rule-form]").getText()).contains("Watch (监测对象)", "Region / grid", "Owning department",
                "Clear condition (CEL)", "Automatic case (自动立案)");
        assertThat(find(row).getText()).contains("hysteresis (回差)");
        shot("rule-editor-en");
        click("[data-t=lang]");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void aRefusedSaveShowsTheCelErrorUnderItsPositionAndTheBadTagThenTheCorrectedDurationRuleIsSaved() throws IOException {
        String property = "下穿水位 " + city.run;
        String name = "水位持续偏高 " + city.run;
        logIn();
        consoleErrors();
        click("[data-t=rule-new]");
        type("[data-t=rule-form] input[name=name]", name);
        new Select(find("[data-t=rule-form] select[name=kind]")).selectByValue("DURATION");
        type("[data-t=rule-form] input[name='watch.observedProperty']", property);
        find("[data-t='tags-watch'] input").sendKeys("x".repeat(65) + Keys.ENTER);
        type("[data-t=rule-form] textarea[data-cel=condition]", "window.avg > 1.5 &&\nvalue * 2 > 3.0");
        type("[data-t=rule-form] input[name=holdFor]", "10");
        type("[data-t=rule-form] input[name=window]", "30");
        click("[data-t=rule-save]");

        WebElement error = find("[data-error=condition]");
        assertThat(error.getText()).contains("line 2, column");
        // the caret sits under the line the error names
        assertThat(find("[data-error=condition] [data-t=cel-caret]").getText()).startsWith("value * 2 > 3.0").contains("^");
        assertThat(find("[data-error='watch.tags']").getText()).contains("64");
        assertThat(find("[data-t=form-problem]").getText()).isNotBlank();
        shot("rule-editor-cel-error");
        assertThat(rule(name)).isNull();
        assertThat(consoleErrors()).allMatch(m -> m.contains("/api/v1/rules") && m.contains("400"));

        click("[data-t='tags-watch'] .chip-x");
        find("[data-t='tags-watch'] input").sendKeys("underpass" + Keys.ENTER);
        type("[data-t=rule-form] textarea[data-cel=condition]", "window.avg > 1.5 &&\nvalue * 2.0 > 3.0");
        click("[data-t=rule-save]");
        find("[data-t=rule-form] [data-t=notice]");
        assertThat(driver.findElements(By.cssSelector("[data-error]"))).isEmpty();
        JsonNode d = rule(name).get("definition");
        assertThat(d.get("holdFor").asString()).isEqualTo("PT10M");
        assertThat(d.get("window").asString()).isEqualTo("PT30M");
        assertThat(d.get("watch").get("tags").get(0).asString()).isEqualTo("underpass");
        // the dispatcher's new rule watches inside the dispatcher's city
        assertThat(d.get("watch").get("region").asString()).isEqualTo(ConsoleCity.CITY);
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void aCorrelationsInputsEachHaveTheirOwnWatchAndConditionErrors() throws IOException {
        String name = "内涝风险 " + city.run;
        logIn();
        consoleErrors();
        click("[data-t=rule-new]");
        type("[data-t=rule-form] input[name=name]", name);
        new Select(find("[data-t=rule-form] select[name=kind]")).selectByValue("CORRELATION");
        assertThat(driver.findElements(By.cssSelector("[data-t=rule-form] [data-watch=watch]"))).isEmpty();
        type("[data-t=rule-form] input[name='correlation.inputs[0].name']", "强降雨");
        type("[data-t=rule-form] input[name='correlation.inputs[0].watch.observedProperty']", "rainfall intensity " + city.run);
        find("[data-t='tags-correlation.inputs[0].watch'] input").sendKeys("rain" + Keys.ENTER);
        type("[data-t=rule-form] textarea[data-cel='correlation.inputs[0].condition']", "value > 30");
        type("[data-t=rule-form] input[name='correlation.inputs[1].name']", "水位上涨");
        type("[data-t=rule-form] input[name='correlation.inputs[1].watch.observedProperty']", "water level " + city.run);
        find("[data-t='tags-correlation.inputs[1].watch'] input").sendKeys("flood" + Keys.ENTER);
        type("[data-t=rule-form] textarea[data-cel='correlation.inputs[1].condition']", "size(value) > 0");
        click("[data-t=rule-save]");
        assertThat(find("[data-error='correlation.inputs[1].condition']").getText()).contains("line 1, column");
        assertThat(driver.findElements(By.cssSelector("[data-error='correlation.inputs[0].condition']"))).isEmpty();
        assertThat(rule(name)).isNull();
        shot("rule-editor-correlation", "[data-t=correlation] [data-input='1']");

        type("[data-t=rule-form] textarea[data-cel='correlation.inputs[1].condition']", "window.delta > 0.1");
        click("[data-t=rule-save]");
        find("[data-t=rule-form] [data-t=notice]");
        JsonNode c = rule(name).get("definition").get("correlation");
        assertThat(c.get("keyBy").asString()).isEqualTo("GRID");
        assertThat(c.get("inputs").get(0).get("watch").get("tags").get(0).asString()).isEqualTo("rain");
        assertThat(c.get("inputs").get(1).get("watch").get("tags").get(0).asString()).isEqualTo("flood");
        assertThat(c.get("inputs").get(1).get("watch").get("region").asString()).isEqualTo(ConsoleCity.CITY);
        String row = "[data-t=rule-list] tr[data-rule='" + rule(name).get("id").asLong() + "']";
        assertThat(find(row).getText()).contains("强降雨", "水位上涨", "rain", "flood");
        assertThat(consoleErrors()).allMatch(m -> m.contains("/api/v1/rules") && m.contains("400"));
    }

    @Test
    void aDryRunOfATaggedRuleShowsWhatItWouldHaveRaisedFromTheTaggedSensorOnly() throws IOException {
        String property = "桥下水位 " + city.run;
        long tagged = waterLevelSensor(city, property, List.of("flood", "bridge"));
        long untagged = waterLevelSensor(city, property, List.of("bridge"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        observe(tagged, now.minusSeconds(900), 0.5);
        observe(tagged, now.minusSeconds(840), 2.4);
        observe(untagged, now.minusSeconds(780), 2.6);
        logIn();
        consoleErrors();
        click("[data-t=rule-new]");
        type("[data-t=rule-form] input[name=name]", "桥下积水试运行 " + city.run);
        type("[data-t=rule-form] input[name='watch.observedProperty']", property);
        find("[data-t='tags-watch'] input").sendKeys("flood" + Keys.ENTER);
        type("[data-t=rule-form] textarea[data-cel=condition]", "value > 2.0");
        click("[data-t=rule-dry-run]");

        assertThat(find("[data-t=dry-raises]").getText()).isEqualTo("1");
        assertThat(find("[data-t=dry-observations]").getText()).isEqualTo("3");
        assertThat(find("[data-t=dry-raise-list]").getText()).contains("datastream:" + tagged, "2.4")
                .doesNotContain("datastream:" + untagged);
        shot("rule-editor-dry-run", "[data-t=dry-result]");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void absenceAndAnomalyRulesAreSavedWithTheirOwnMembersOnly() {
        String absence = "井盖传感器离线 " + city.run;
        String anomaly = "噪声异常 " + city.run;
        logIn();
        consoleErrors();
        click("[data-t=rule-new]");
        type("[data-t=rule-form] input[name=name]", absence);
        // a condition typed before the kind changes is not sent: an ABSENCE rule has none
        type("[data-t=rule-form] textarea[data-cel=condition]", "value > 1.0");
        new Select(find("[data-t=rule-form] select[name=kind]")).selectByValue("ABSENCE");
        assertThat(driver.findElements(By.cssSelector("[data-t=rule-form] textarea[data-cel=condition]"))).isEmpty();
        type("[data-t=rule-form] input[name='watch.observedProperty']", "manhole tilt " + city.run);
        // a quarter of an hour: fractions are sent in seconds, which Java durations accept
        type("[data-t=rule-form] input[name=absentFor]", "0.25");
        new Select(find("[data-t=rule-form] select[name='absentFor.unit']")).selectByValue("H");
        click("[data-t=rule-save]");
        find("[data-t=rule-form] [data-t=notice]");
        JsonNode a = rule(absence).get("definition");
        assertThat(a.get("absentFor").asString()).isEqualTo("PT15M");
        assertThat(a.hasNonNull("condition") || a.hasNonNull("window")).isFalse();

        click("[data-t=rule-new]");
        type("[data-t=rule-form] input[name=name]", anomaly);
        new Select(find("[data-t=rule-form] select[name=kind]")).selectByValue("ANOMALY");
        type("[data-t=rule-form] input[name='watch.observedProperty']", "noise " + city.run);
        type("[data-t=rule-form] input[name='anomaly.warmup']", "1");
        type("[data-t=rule-form] input[name='anomaly.threshold']", "5");
        click("[data-t=rule-save]");
        assertThat(find("[data-error='anomaly.warmup']").getText()).contains("between 2 and 10000");
        assertThat(rule(anomaly)).isNull();
        type("[data-t=rule-form] input[name='anomaly.warmup']", "50");
        click("[data-t=rule-save]");
        find("[data-t=rule-form] [data-t=notice]");
        JsonNode n = rule(anomaly).get("definition").get("anomaly");
        assertThat(n.get("warmup").asInt()).isEqualTo(50);
        assertThat(n.get("threshold").asDouble()).isEqualTo(5.0);
        assertThat(n.hasNonNull("alpha")).isFalse();
        assertThat(consoleErrors()).allMatch(m -> m.contains("/api/v1/rules") && m.contains("400"));
    }
}
