package org.cityops.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.MutableClock;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Duplicate merging over HTTP with {@code mode=link}: repeats within 50 m and 24 h of an open case
 * of the same subclass are linked to it; operators merge and split; Open311 requests and hotline
 * work orders follow the case their report belongs to. Each test reports at its own random place,
 * so cases of other tests and runs never qualify.
 */
@IntegrationTest
@Import(MutableClock.Config.class)
@TestPropertySource(properties = {"cityops.intake.duplicates.mode=link", "cityops.intake.duplicates.distance-meters=50",
        "cityops.intake.duplicates.window=24h"})
class DuplicateApiTests {

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired MutableClock clock;
    @Autowired JdbcClient jdbc;

    static long department;

    final Actor admin = new Actor("admin", Role.ADMIN, null, null);
    final Actor operator = new Actor("dup-op", Role.CITY_DISPATCHER, null, null);
    final Actor inspector = new Actor("dup-inspector", Role.GRID_INSPECTOR, "940101001", null);

    Api as(Actor actor) {
        return Api.on(port, issuer).as(actor);
    }

    @BeforeEach
    void department() throws Exception {
        if (department != 0) {
            return;
        }
        Api.Response imported = as(admin).importGeoJson("src/test/resources/intake/hotline-city.geojson");
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        String run = UUID.randomUUID().toString().substring(0, 6);
        Api.Response dept = as(admin).post("/api/v1/departments", Map.of("code", "DUP-SAN-" + run,
                "name", "重复测试环卫所", "level", "DISTRICT", "regionCode", "930101"));
        assertThat(dept.status()).as(dept.body()).isEqualTo(201);
        department = dept.json().get("id").asLong();
    }

    /** A random place far from other tests' places. */
    static double[] place() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new double[] {100 + r.nextDouble() * 30, 20 + r.nextDouble() * 20};
    }

    /** The point the distance east of the place. */
    static double[] east(double[] p, double meters) {
        return new double[] {p[0] + Math.toDegrees(meters / (6_371_008.8 * Math.cos(Math.toRadians(p[1])))), p[1]};
    }

    Api.Response report(double[] p, String category) {
        return report(p, category, false);
    }

    Api.Response report(double[] p, String category, boolean selfFixed) {
        Map<String, Object> body = new HashMap<>(Map.of("sourceType", "API", "longitude", p[0], "latitude", p[1],
                "categoryCode", category, "description", "暴露垃圾 " + UUID.randomUUID(),
                "attachments", List.of("photo://" + UUID.randomUUID() + ".jpg")));
        if (selfFixed) {
            body.put("selfFixed", true);
        }
        return as(admin).post("/api/v1/cases", body);
    }

    long newCase(double[] p, String category) {
        Api.Response r = report(p, category);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    List<JsonNode> reports(long caseId) {
        Api.Response r = as(operator).get("/api/v1/cases/" + caseId + "/reports");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().valueStream().toList();
    }

    List<String> historyActions(long caseId) {
        return as(operator).get("/api/v1/cases/" + caseId + "/history").json().valueStream()
                .map(h -> h.get("action").asString()).toList();
    }

    long casesAt(double[] p) {
        return jdbc.sql("SELECT COUNT(*) FROM cases WHERE longitude BETWEEN ? AND ? AND latitude BETWEEN ? AND ?")
                .params(p[0] - 0.01, p[0] + 0.01, p[1] - 0.01, p[1] + 0.01).query(Long.class).single();
    }

    @Test
    void aRepeatWithinDistanceAndWindowIsLinkedToTheOpenCase() {
        double[] p = place();
        long first = newCase(p, "E0101");
        clock.advance(Duration.ofHours(23));
        Api.Response again = report(east(p, 40), "E0101");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("id").asLong()).isEqualTo(first);
        assertThat(casesAt(p)).isEqualTo(1);
        List<JsonNode> reports = reports(first);
        assertThat(reports).hasSize(2);
        assertThat(reports.get(0).get("opened").asBoolean()).isTrue();
        assertThat(reports.get(1).get("opened").asBoolean()).isFalse();
        assertThat(reports.get(1).get("attachments")).hasSize(1);
        assertThat(historyActions(first)).contains("DUPLICATE_LINKED");
    }

    @Test
    void aReportBeyondTheDistanceOpensItsOwnCase() {
        double[] p = place();
        long first = newCase(p, "E0101");
        long second = newCase(east(p, 60), "E0101");
        assertThat(second).isNotEqualTo(first);
        assertThat(reports(first)).hasSize(1);
    }

    @Test
    void aReportAfterTheWindowOpensItsOwnCase() {
        double[] p = place();
        long first = newCase(p, "E0101");
        clock.advance(Duration.ofHours(24).plusMinutes(1));
        assertThat(newCase(p, "E0101")).isNotEqualTo(first);
    }

    @Test
    void aReportOfAnotherSubclassOpensItsOwnCase() {
        double[] p = place();
        long first = newCase(p, "E0101");
        assertThat(newCase(p, "E0102")).isNotEqualTo(first);
    }

    @Test
    void aClosedCaseTakesNoRepeats() {
        double[] p = place();
        Api.Response fixed = report(p, "E0101", true);
        assertThat(fixed.status()).as(fixed.body()).isEqualTo(201);
        assertThat(fixed.json().get("state").asString()).isEqualTo("CLOSED");
        assertThat(newCase(p, "E0101")).isNotEqualTo(fixed.json().get("id").asLong());
    }

    @Test
    void anOperatorMergesACaseIntoAnotherAndItsReportsMove() {
        double[] p = place();
        long target = newCase(p, "E0101");
        long other = newCase(east(p, 500), "E0101");
        Api.Response merged = as(operator).post("/api/v1/cases/" + target + "/merge", Map.of("otherCaseId", other));
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(merged.json().get("id").asLong()).isEqualTo(target);
        JsonNode voided = as(operator).get("/api/v1/cases/" + other).json();
        assertThat(voided.get("state").asString()).isEqualTo("VOID");
        JsonNode voidEntry = as(operator).get("/api/v1/cases/" + other + "/history").json().valueStream()
                .filter(h -> h.get("action").asString().equals("VOID")).findFirst().orElseThrow();
        assertThat(voidEntry.get("comment").asString()).contains("merged into " + merged.json().get("caseNo").asString());
        assertThat(reports(target)).hasSize(2);
        assertThat(reports(other)).isEmpty();
        assertThat(historyActions(target)).contains("MERGED");
    }

    @Test
    void badMergesNameTheirReasonAndChangeNothing() {
        double[] p = place();
        long target = newCase(p, "E0101");
        long other = newCase(east(p, 500), "E0101");
        Api.Response missing = as(operator).post("/api/v1/cases/" + target + "/merge", Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").get(0).get("field").asString()).isEqualTo("otherCaseId");
        Api.Response itself = as(operator).post("/api/v1/cases/" + target + "/merge", Map.of("otherCaseId", target));
        assertThat(itself.status()).isEqualTo(400);
        assertThat(itself.json().get("errors").get(0).get("field").asString()).isEqualTo("otherCaseId");
        Api.Response unknown = as(operator).post("/api/v1/cases/" + target + "/merge",
                Map.of("otherCaseId", Long.MAX_VALUE));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("otherCaseId");
        Api.Response byInspector = as(inspector).post("/api/v1/cases/" + target + "/merge",
                Map.of("otherCaseId", other));
        assertThat(byInspector.status()).isEqualTo(403);
        assertThat(as(operator).get("/api/v1/cases/" + other).json().get("state").asString()).isEqualTo("REPORTED");
        assertThat(reports(target)).hasSize(1);
        assertThat(reports(other)).hasSize(1);
    }

    @Test
    void aLinkedReportIsSplitOutIntoItsOwnCase() {
        double[] p = place();
        long first = newCase(p, "E0101");
        Api.Response linked = report(east(p, 10), "E0101");
        assertThat(linked.status()).isEqualTo(200);
        List<JsonNode> reports = reports(first);
        long own = reports.get(0).get("id").asLong();
        long repeat = reports.get(1).get("id").asLong();

        Api.Response ownSplit = as(operator).post("/api/v1/cases/" + first + "/reports/" + own + "/split", Map.of());
        assertThat(ownSplit.status()).as(ownSplit.body()).isEqualTo(409);
        assertThat(ownSplit.json().get("detail").asString()).contains("opened");

        Api.Response split = as(operator).post("/api/v1/cases/" + first + "/reports/" + repeat + "/split", Map.of());
        assertThat(split.status()).as(split.body()).isEqualTo(201);
        long created = split.json().get("id").asLong();
        assertThat(created).isNotEqualTo(first);
        assertThat(split.json().get("state").asString()).isEqualTo("REPORTED");
        assertThat(reports(first)).extracting(r -> r.get("id").asLong()).containsExactly(own);
        assertThat(reports(created)).extracting(r -> r.get("id").asLong()).containsExactly(repeat);
        assertThat(historyActions(first)).contains("REPORT_SPLIT");
        Api.Response unknown = as(operator).post("/api/v1/cases/" + first + "/reports/" + repeat + "/split", Map.of());
        assertThat(unknown.status()).isEqualTo(404);
    }

    // --- channels follow the case their report belongs to ---------------------------------------

    String open311Key() {
        Api.Response k = as(admin).post("/api/v1/api-keys", Map.of("name", "dup-open311-" + UUID.randomUUID(),
                "integration", "Open311 duplicate test", "role", "CITY_DISPATCHER"));
        assertThat(k.status()).as(k.body()).isEqualTo(201);
        return k.json().get("key").asString();
    }

    JsonNode open311Request(String id) {
        Api.Response r = Api.on(port, issuer).get("/open311/v2/requests/" + id + ".json");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get(0);
    }

    @Test
    void anOpen311RequestLinkedToAnotherCaseShowsThatCasesStatus() {
        double[] p = place();
        long first = newCase(p, "E0101");
        Map<String, String> form = new LinkedHashMap<>(Map.of("api_key", open311Key(), "service_code", "E0101",
                "lat", Double.toString(p[1]), "long", Double.toString(east(p, 20)[0]),
                "description", "路边垃圾没人管"));
        String body = form.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        Api.Response submitted = Api.on(port, issuer).send("POST", "/open311/v2/requests.json",
                "application/x-www-form-urlencoded", body);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String requestId = submitted.json().get(0).get("service_request_id").asString();
        assertThat(casesAt(p)).isEqualTo(1);
        JsonNode request = open311Request(requestId);
        assertThat(request.get("status").asString()).isEqualTo("open");
        assertThat(request.get("description").asString()).isEqualTo("路边垃圾没人管");

        Api.Response voided = as(operator).post("/api/v1/cases/" + first + "/transitions",
                Map.of("action", "VOID", "comment", "重复"));
        assertThat(voided.status()).as(voided.body()).isEqualTo(200);
        assertThat(open311Request(requestId).get("status").asString()).isEqualTo("closed");
    }

    void act(Actor actor, long caseId, Map<String, Object> command) {
        Api.Response r = as(actor).post("/api/v1/cases/" + caseId + "/transitions", command);
        assertThat(r.status()).as(command + " → " + r.body()).isEqualTo(200);
    }

    @Test
    void aHotlineCallbackBecomesDueWhenTheLinkedCaseCloses() throws InterruptedException {
        double[] p = place();
        long first = newCase(p, "E0101");
        Api.Response order = as(operator).post("/api/v1/hotline/work-orders", Map.of("callerName", "李先生",
                "callerPhone", "13800138000", "address", "某路1号", "content", "垃圾堆了好几天",
                "requestType", "COMPLAINT", "channel", "PHONE"));
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        long orderId = order.json().get("id").asLong();
        Api.Response transferred = as(operator).post("/api/v1/hotline/work-orders/" + orderId + "/transfer",
                Map.of("categoryCode", "E0101", "longitude", east(p, 30)[0], "latitude", p[1]));
        assertThat(transferred.status()).as(transferred.body()).isEqualTo(200);
        assertThat(transferred.json().get("caseId").asLong()).isEqualTo(first);

        Actor handler = new Actor("dup-handler", Role.DEPARTMENT_HANDLER, null, department);
        act(operator, first, Map.of("action", "REGISTER"));
        act(operator, first, Map.of("action", "DISPATCH", "departmentId", department));
        act(handler, first, Map.of("action", "ACCEPT"));
        act(handler, first, Map.of("action", "FEEDBACK", "comment", "已处理"));
        act(operator, first, Map.of("action", "REQUEST_VERIFICATION"));
        act(operator, first, Map.of("action", "VERIFY_PASS"));
        act(operator, first, Map.of("action", "CLOSE", "comment", "结案"));

        String status = null;
        for (int i = 0; i < 100 && !"CALLBACK_DUE".equals(status); i++) {
            Thread.sleep(100);
            status = as(operator).get("/api/v1/hotline/work-orders/" + orderId).json().get("status").asString();
        }
        assertThat(status).isEqualTo("CALLBACK_DUE");
    }

    @Test
    void anOpen311RequestAndAHotlineOrderFollowTheCaseTheirCaseWasMergedInto() throws InterruptedException {
        double[] p = place();
        long target = newCase(p, "E0101");
        double[] elsewhere = east(p, 800);
        Map<String, String> form = new LinkedHashMap<>(Map.of("api_key", open311Key(), "service_code", "E0101",
                "lat", Double.toString(elsewhere[1]), "long", Double.toString(elsewhere[0]),
                "description", "另一处垃圾"));
        String body = form.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        Api.Response submitted = Api.on(port, issuer).send("POST", "/open311/v2/requests.json",
                "application/x-www-form-urlencoded", body);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String requestId = submitted.json().get(0).get("service_request_id").asString();
        long other = jdbc.sql("SELECT case_id FROM open311_request WHERE id = ?").param(Long.parseLong(requestId))
                .query(Long.class).single();
        assertThat(other).isNotEqualTo(target);

        Api.Response order = as(operator).post("/api/v1/hotline/work-orders", Map.of("callerName", "赵女士",
                "callerPhone", "13900139000", "address", "某路2号", "content", "这里也有垃圾",
                "requestType", "COMPLAINT", "channel", "PHONE"));
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        long orderId = order.json().get("id").asLong();
        Api.Response transferred = as(operator).post("/api/v1/hotline/work-orders/" + orderId + "/transfer",
                Map.of("categoryCode", "E0101", "longitude", elsewhere[0], "latitude", elsewhere[1]));
        assertThat(transferred.json().get("caseId").asLong()).isEqualTo(other);

        Api.Response merged = as(operator).post("/api/v1/cases/" + target + "/merge", Map.of("otherCaseId", other));
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(open311Request(requestId).get("status").asString()).isEqualTo("open");
        Long orderCase = null;
        Long requestCase = null;
        for (int i = 0; i < 100 && !(Long.valueOf(target).equals(orderCase) && Long.valueOf(target).equals(requestCase));
             i++) {
            Thread.sleep(100);
            orderCase = as(operator).get("/api/v1/hotline/work-orders/" + orderId).json().get("caseId").asLong();
            requestCase = jdbc.sql("SELECT case_id FROM open311_request WHERE id = ?")
                    .param(Long.parseLong(requestId)).query(Long.class).single();
        }
        assertThat(orderCase).isEqualTo(target);
        assertThat(requestCase).isEqualTo(target);
    }
}
