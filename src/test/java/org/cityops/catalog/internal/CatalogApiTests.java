package org.cityops.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.catalog.CategoryCatalog;
import org.cityops.catalog.TimeLimit;
import org.cityops.catalog.Urgency;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** Each test owns its own main class code (E9x) because all integration tests share one database. */
@IntegrationTest
class CatalogApiTests {

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired CategoryCatalog catalog;

    Api admin() {
        return Api.on(port, issuer).as(new Actor("admin", Role.ADMIN, null, null));
    }

    Api dispatcher() {
        return Api.on(port, issuer).as(new Actor("dispatcher", Role.CITY_DISPATCHER, null, null));
    }

    private static Map<String, Object> main(String code, String name) {
        return Map.of("code", code, "kind", "EVENT", "name", name);
    }

    private static Map<String, Object> sub(String code, String name, Map<String, Object> limits) {
        Map<String, Object> sub = new HashMap<>();
        sub.put("code", code);
        sub.put("kind", "EVENT");
        sub.put("mainClass", code.substring(0, 3));
        sub.put("name", name);
        sub.put("registerCondition", name + "，面积大于1平方米的");
        sub.put("closeCondition", name + "已处置完毕");
        sub.put("limits", limits);
        return sub;
    }

    private static Map<String, Object> normal(int amount, String unit) {
        return Map.of("NORMAL", Map.of("amount", amount, "unit", unit));
    }

    private static List<String> fields(JsonNode problem) {
        return problem.get("errors").valueStream().map(e -> e.get("field").asString()).toList();
    }

    @Test
    void theDefaultCatalogIsLoadedOnFirstStart() {
        var tree = dispatcher().get("/api/v1/categories");
        assertThat(tree.status()).isEqualTo(200);
        JsonNode kinds = tree.json().get("kinds");
        assertThat(kinds.valueStream().map(k -> k.get("kind").asString())).containsExactly("COMPONENT", "EVENT");
        assertThat(kinds.get(0).get("mainClasses").valueStream().map(m -> m.get("code").asString()))
                .contains("C01", "C02", "C03", "C04", "C05", "C06", "C07");
        assertThat(kinds.get(1).get("mainClasses").valueStream().map(m -> m.get("code").asString()))
                .contains("E01", "E02", "E03", "E04", "E05", "E06");

        JsonNode garbage = dispatcher().get("/api/v1/categories/E0101").json();
        assertThat(garbage.get("name").asString()).isEqualTo("暴露垃圾");
        assertThat(garbage.get("mainClassName").asString()).isEqualTo("市容环境");
        assertThat(garbage.get("limits").get("NORMAL").get("amount").asInt()).isEqualTo(4);
        assertThat(garbage.get("limits").get("NORMAL").get("unit").asString()).isEqualTo("WORKING_HOURS");
        assertThat(catalog.subclass("C0101").orElseThrow().handlingLimit(Urgency.URGENT).unit())
                .isEqualTo(TimeLimit.Unit.CALENDAR_HOURS);
        assertThat(catalog.subclasses()).hasSizeGreaterThanOrEqualTo(30);
    }

    @Test
    void theTreeCanBeFilteredByKind() {
        var events = dispatcher().get("/api/v1/categories?kind=EVENT").json().get("kinds");
        assertThat(events.valueStream().map(k -> k.get("kind").asString())).containsExactly("EVENT");
        assertThat(events.get(0).get("mainClasses").valueStream()
                .flatMap(m -> m.get("subclasses").valueStream()).map(s -> s.get("code").asString()))
                .allMatch(code -> code.startsWith("E"));
        var bad = dispatcher().get("/api/v1/categories?kind=THING");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(fields(bad.json())).containsExactly("kind");
    }

    @Test
    void aMainClassCodeReturnsItsSubclassesAndAnUnknownCodeIsNotFound() {
        JsonNode roads = dispatcher().get("/api/v1/categories/C02").json();
        assertThat(roads.get("name").asString()).isEqualTo("道路交通");
        assertThat(roads.get("subclasses").valueStream().map(s -> s.get("code").asString())).contains("C0201");
        assertThat(dispatcher().get("/api/v1/categories/C9999").status()).isEqualTo(404);
    }

    /** Returns two subclass codes of E91 not yet in the catalog, so the test also creates on a reused PostgreSQL database. */
    private List<String> freeCodes() {
        List<String> free = new java.util.ArrayList<>();
        for (int n = 1; n <= 99 && free.size() < 2; n++) {
            String code = "E91%02d".formatted(n);
            if (catalog.subclass(code).isEmpty()) {
                free.add(code);
            }
        }
        assertThat(free).as("free E91 codes").hasSize(2);
        return free;
    }

    @Test
    void anImportCreatesNewCodesUpdatesExistingOnesAndKeepsAbsentOnes() {
        List<String> codes = freeCodes();
        String a = codes.get(0);
        String b = codes.get(1);
        var first = admin().post("/api/v1/categories/import", Map.of(
                "mainClasses", List.of(main("E91", "测试扩展")),
                "subclasses", List.of(sub(a, "测试甲", normal(4, "WORKING_HOURS")), sub(b, "测试乙", normal(2, "WORKING_DAYS")))));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("subclassesCreated").asInt()).isEqualTo(2);
        assertThat(catalog.subclass(a).orElseThrow().handlingLimit(Urgency.NORMAL)).isEqualTo(TimeLimit.workingHours(4));

        var second = admin().post("/api/v1/categories/import", Map.of(
                "subclasses", List.of(sub(a, "测试甲改", Map.of(
                        "NORMAL", Map.of("amount", 8, "unit", "WORKING_HOURS"),
                        "CRITICAL", Map.of("amount", 1, "unit", "CALENDAR_HOURS"))))));
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.json().get("subclassesUpdated").asInt()).isEqualTo(1);
        assertThat(second.json().get("subclassesCreated").asInt()).isZero();
        var updated = catalog.subclass(a).orElseThrow();
        assertThat(updated.name()).isEqualTo("测试甲改");
        assertThat(updated.handlingLimit(Urgency.CRITICAL)).isEqualTo(TimeLimit.calendarHours(1));
        assertThat(catalog.subclass(b)).as("absent from the second file, kept").isPresent();
        assertThat(dispatcher().get("/api/v1/categories/" + b).json().get("name").asString()).isEqualTo("测试乙");
    }

    @Test
    void aYamlCatalogIsImportedUnderEachYamlMediaType() {
        String yaml = """
                mainClasses:
                  - {code: E92, kind: EVENT, name: 测试YAML}
                subclasses:
                  - code: E9201
                    kind: EVENT
                    mainClass: E92
                    name: 测试丙
                    registerCondition: 测试丙出现的
                    closeCondition: 测试丙已消除
                    limits: {NORMAL: {amount: 5, unit: WORKING_DAYS}, URGENT: {amount: 1, unit: WORKING_DAYS}}
                """;
        for (String type : List.of("application/yaml", "application/x-yaml", "text/yaml")) {
            var r = admin().send("POST", "/api/v1/categories/import", type, yaml);
            assertThat(r.status()).as(type + " " + r.body()).isEqualTo(200);
        }
        assertThat(catalog.subclass("E9201").orElseThrow().handlingLimit(Urgency.URGENT)).isEqualTo(TimeLimit.workingDays(1));
    }

    @Test
    void aDeactivatedSubclassOrMainClassStaysReadableButIsNoLongerActive() {
        Map<String, Object> entry = sub("E9301", "测试丁", normal(4, "WORKING_HOURS"));
        admin().post("/api/v1/categories/import", Map.of("mainClasses", List.of(main("E93", "测试停用")), "subclasses", List.of(entry)));
        assertThat(catalog.activeSubclass("E9301")).isPresent();
        Map<String, Object> deactivated = new HashMap<>(entry);
        deactivated.put("active", false);
        var r = admin().post("/api/v1/categories/import", Map.of("subclasses", List.of(deactivated)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(catalog.activeSubclass("E9301")).isEmpty();
        assertThat(catalog.subclass("E9301")).isPresent();
        assertThat(dispatcher().get("/api/v1/categories/E9301").json().get("active").asBoolean()).isFalse();

        Map<String, Object> inactiveMain = new HashMap<>(main("E93", "测试停用"));
        inactiveMain.put("active", false);
        var again = admin().post("/api/v1/categories/import", Map.of("mainClasses", List.of(inactiveMain), "subclasses", List.of(entry)));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(catalog.activeSubclass("E9301")).as("active subclass under an inactive main class").isEmpty();
        assertThat(dispatcher().get("/api/v1/categories/E93").json().get("active").asBoolean()).isFalse();
    }

    @Test
    void aRejectedCatalogNamesEveryFailingEntryAndWritesNothing() {
        admin().post("/api/v1/categories/import", Map.of("mainClasses", List.of(main("E94", "测试拒绝")),
                "subclasses", List.of(sub("E9401", "原名", normal(4, "WORKING_HOURS")))));

        Map<String, Object> unknownKind = sub("E9402", "未知类别", normal(4, "WORKING_HOURS"));
        unknownKind.put("kind", "INCIDENT");
        Map<String, Object> missingMain = sub("E9501", "缺少大类", normal(4, "WORKING_HOURS"));
        Map<String, Object> codeMismatch = sub("E9403", "代码不符", normal(4, "WORKING_HOURS"));
        codeMismatch.put("code", "C9403");
        Map<String, Object> noConditions = sub("E9404", "无条件", normal(4, "WORKING_HOURS"));
        noConditions.remove("registerCondition");
        noConditions.put("closeCondition", " ");
        Map<String, Object> badLimits = sub("E9405", "时限错误", Map.of(
                "NORMAL", Map.of("amount", 0, "unit", "WORKING_HOURS"),
                "URGENT", Map.of("amount", 2, "unit", "MOONS")));
        Map<String, Object> noNormal = sub("E9406", "无一般时限", Map.of("URGENT", Map.of("amount", 2, "unit", "WORKING_HOURS")));
        var r = admin().post("/api/v1/categories/import", Map.of(
                "mainClasses", List.of(main("E96", "新大类")),
                "subclasses", List.of(
                        sub("E9401", "改名", normal(8, "WORKING_HOURS")),
                        sub("E9601", "新小类", normal(4, "WORKING_HOURS")),
                        unknownKind, missingMain, codeMismatch, noConditions, badLimits, noNormal,
                        sub("E9407", "重复", normal(4, "WORKING_HOURS")),
                        sub("E9407", "重复", normal(4, "WORKING_HOURS")))));

        assertThat(r.status()).isEqualTo(400);
        assertThat(fields(r.json())).containsExactlyInAnyOrder(
                "E9402.kind", "E9501.mainClass", "C9403.code", "C9403.code", "E9404.registerCondition", "E9404.closeCondition",
                "E9405.limits.NORMAL.amount", "E9405.limits.URGENT.unit", "E9406.limits.NORMAL", "E9407.code");
        assertThat(r.body()).contains("nothing was imported");

        assertThat(dispatcher().get("/api/v1/categories/E96").status()).isEqualTo(404);
        assertThat(dispatcher().get("/api/v1/categories/E9601").status()).isEqualTo(404);
        assertThat(dispatcher().get("/api/v1/categories/E9401").json().get("name").asString()).isEqualTo("原名");
        assertThat(catalog.subclass("E9401").orElseThrow().handlingLimit(Urgency.NORMAL)).isEqualTo(TimeLimit.workingHours(4));
    }

    @Test
    void onlyAnAdministratorImportsACatalog() {
        var r = dispatcher().post("/api/v1/categories/import", Map.of("mainClasses", List.of(main("E97", "越权"))));
        assertThat(r.status()).isEqualTo(403);
        assertThat(dispatcher().get("/api/v1/categories/E97").status()).isEqualTo(404);
    }

    @Test
    void unreadableOrUnknownContentIsABadRequestAndWritesNothing() {
        var yaml = admin().send("POST", "/api/v1/categories/import", "application/yaml", "mainClasses: [ {code: E98");
        assertThat(yaml.status()).isEqualTo(400);
        var json = admin().send("POST", "/api/v1/categories/import", "application/json", "{\"mainClasses\": [");
        assertThat(json.status()).isEqualTo(400);
        var unknown = admin().post("/api/v1/categories/import",
                Map.of("mainClasses", List.of(Map.of("code", "E98", "kind", "EVENT", "name", "未知字段", "colour", "red"))));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(fields(unknown.json())).containsExactly("mainClasses[0].colour");
        var wrongType = admin().send("POST", "/api/v1/categories/import", "text/plain", "mainClasses: []");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(dispatcher().get("/api/v1/categories/E98").status()).isEqualTo(404);
    }
}
