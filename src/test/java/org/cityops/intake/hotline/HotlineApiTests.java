package org.cityops.intake.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.MutableClock;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * The 12345 hotline over HTTP in a small test city (93xxxx): calls become work orders, are
 * answered or transferred into cases, the cases close through the case API, callers are called
 * back and the figures count it all; phone numbers stay masked where they must.
 */
@IntegrationTest
@Import(MutableClock.Config.class)
@ExtendWith(OutputCaptureExtension.class)
class HotlineApiTests {

    static final double[] IN_A = {112.005, 22.005};

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired MutableClock clock;
    @Autowired JdbcClient jdbc;

    static long department;

    final Actor admin = new Actor("admin", Role.ADMIN, null, null);
    final Actor operator = new Actor("hotline-op", Role.CITY_DISPATCHER, null, null);
    final Actor streetOperator = new Actor("street-op-93", Role.STREET_OPERATOR, "930101001", null);
    final Actor leader = new Actor("leader-93", Role.LEADER, null, null);
    final Actor inspector = new Actor("inspector-93", Role.GRID_INSPECTOR, "930101001", null);

    Actor handler() {
        return new Actor("handler-93", Role.DEPARTMENT_HANDLER, null, department);
    }

    Api as(Actor actor) {
        return Api.on(port, issuer).as(actor);
    }

    @BeforeEach
    void hotlineCity() throws Exception {
        clock.set(Instant.parse("2026-03-02T01:00:00Z"));
        if (department != 0) {
            return;
        }
        Api.Response imported = as(admin).importGeoJson("src/test/resources/intake/hotline-city.geojson");
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        String run = UUID.randomUUID().toString().substring(0, 6);
        Api.Response dept = as(admin).post("/api/v1/departments", Map.of("code", "HOTLINE-SAN-" + run,
                "name", "热线测试环卫所", "level", "DISTRICT", "regionCode", "930101"));
        assertThat(dept.status()).as(dept.body()).isEqualTo(201);
        department = dept.json().get("id").asLong();
    }

    /** Returns a Monday 09:00 in Beijing far enough ahead that no other run's work orders share its hour. */
    static Instant uniqueHour() {
        long weeks = ThreadLocalRandom.current().nextLong(52, 52 * 90);
        return Instant.parse("2027-01-04T01:00:00Z").plus(Duration.ofDays(7 * weeks));
    }

    Map<String, Object> call(String phone, String content) {
        Map<String, Object> body = new HashMap<>();
        body.put("callerName", "王女士");
        body.put("callerPhone", phone);
        body.put("address", "热线测试市甲区幸福路1号");
        body.put("content", content);
        body.put("requestType", "COMPLAINT");
        body.put("channel", "PHONE");
        return body;
    }

    JsonNode receive(Actor actor, Map<String, Object> call) {
        Api.Response r = as(actor).post("/api/v1/hotline/work-orders", call);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    JsonNode transfer(long id) {
        Api.Response r = as(operator).post("/api/v1/hotline/work-orders/" + id + "/transfer",
                Map.of("categoryCode", "E0101", "longitude", IN_A[0], "latitude", IN_A[1]));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    void act(Actor actor, long caseId, Map<String, Object> command) {
        Api.Response r = as(actor).post("/api/v1/cases/" + caseId + "/transitions", command);
        assertThat(r.status()).as(command + " → " + r.body()).isEqualTo(200);
    }

    /** Walks the case through the loop to closed; the department feeds back after {@code handling}. */
    void handleAndClose(long caseId, Duration handling) {
        act(operator, caseId, Map.of("action", "REGISTER"));
        act(operator, caseId, Map.of("action", "DISPATCH", "departmentId", department));
        act(handler(), caseId, Map.of("action", "ACCEPT"));
        clock.advance(handling);
        act(handler(), caseId, Map.of("action", "FEEDBACK", "comment", "已处理"));
        act(operator, caseId, Map.of("action", "REQUEST_VERIFICATION"));
        act(operator, caseId, Map.of("action", "VERIFY_PASS"));
        act(operator, caseId, Map.of("action", "CLOSE", "comment", "结案"));
    }

    /** Waits for the case-closed listener to mark the work order due for callback. */
    JsonNode awaitStatus(long id, String status) throws InterruptedException {
        JsonNode order = null;
        for (int i = 0; i < 100; i++) {
            order = as(operator).get("/api/v1/hotline/work-orders/" + id).json();
            if (status.equals(order.get("status").asString())) {
                return order;
            }
            Thread.sleep(100);
        }
        assertThat(order.get("status").asString()).isEqualTo(status);
        return order;
    }

    static void assertProblem(Api.Response r, int status, String... fields) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).contains("application/problem+json");
        assertThat(r.json().get("detail").asString()).isNotBlank();
        if (fields.length > 0) {
            List<String> named = new ArrayList<>();
            r.json().get("errors").forEach(e -> named.add(e.get("field").asString()));
            assertThat(named).contains(fields);
        }
    }

    long workOrdersWithContent(String content) {
        return jdbc.sql("SELECT count(*) FROM hotline_work_order WHERE content = ?").param(content).query(Long.class)
                .single();
    }

    long casesFrom(String orderNo) {
        return jdbc.sql("SELECT count(*) FROM cases WHERE source_ref = ?").param(orderNo).query(Long.class).single();
    }

    @Test
    void callsAreAnsweredOrTransferredClosedCalledBackAndCounted() throws Exception {
        Instant start = uniqueHour();
        clock.set(start);
        JsonNode answered = receive(operator, call("13800001111", "咨询垃圾分类时间"));
        assertThat(answered.get("orderNo").asString()).startsWith("RX");
        assertThat(answered.get("status").asString()).isEqualTo("RECEIVED");
        assertThat(Instant.parse(answered.get("receivedAt").asString())).isEqualTo(start);
        assertThat(answered.get("operator").asString()).isEqualTo("hotline-op");
        Api.Response answer = as(operator).post("/api/v1/hotline/work-orders/" + answered.get("id").asLong() + "/answer",
                Map.of("answer", "每天19:00-21:00定时投放"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("status").asString()).isEqualTo("ANSWERED");

        JsonNode onTime = receive(streetOperator, call("13800002222", "幸福路垃圾堆积"));
        JsonNode late = receive(operator, call("02164871234", "幸福路垃圾又堆积了"));
        JsonNode waiting = receive(operator, call("13800003333", "还没处理"));

        JsonNode transferred = transfer(onTime.get("id").asLong());
        assertThat(transferred.get("status").asString()).isEqualTo("TRANSFERRED");
        long caseId = transferred.get("caseId").asLong();
        JsonNode theCase = as(operator).get("/api/v1/cases/" + caseId).json();
        assertThat(theCase.get("sourceType").asString()).isEqualTo("HOTLINE");
        assertThat(theCase.get("sourceRef").asString()).isEqualTo(onTime.get("orderNo").asString());
        assertThat(theCase.get("categoryCode").asString()).isEqualTo("E0101");
        assertThat(theCase.get("description").asString()).isEqualTo("幸福路垃圾堆积");

        long onTimeId = onTime.get("id").asLong();
        Api.Response tooEarly = as(operator).post("/api/v1/hotline/work-orders/" + onTimeId + "/callback",
                Map.of("satisfaction", "SATISFIED", "resolved", true));
        assertProblem(tooEarly, 409);

        handleAndClose(caseId, Duration.ofMinutes(30));
        JsonNode due = awaitStatus(onTimeId, "CALLBACK_DUE");
        assertThat(due.get("caseClosedAt").isNull()).isFalse();
        assertThat(as(operator).get("/api/v1/hotline/work-orders?status=CALLBACK_DUE&caseId=" + caseId).json()
                .get("items")).hasSize(1);
        Api.Response calledBack = as(operator).post("/api/v1/hotline/work-orders/" + onTimeId + "/callback",
                Map.of("satisfaction", "BASICALLY_SATISFIED", "resolved", true, "comment", "清理及时"));
        assertThat(calledBack.status()).as(calledBack.body()).isEqualTo(200);
        assertThat(calledBack.json().get("status").asString()).isEqualTo("CALLED_BACK");
        assertThat(calledBack.json().get("callback").get("satisfactionName").asString()).isEqualTo("基本满意");
        assertProblem(as(operator).post("/api/v1/hotline/work-orders/" + onTimeId + "/callback",
                Map.of("satisfaction", "SATISFIED", "resolved", true)), 409);

        long lateId = late.get("id").asLong();
        long lateCase = transfer(lateId).get("caseId").asLong();
        handleAndClose(lateCase, Duration.ofDays(60));
        awaitStatus(lateId, "CALLBACK_DUE");
        Api.Response dissatisfied = as(operator).post("/api/v1/hotline/work-orders/" + lateId + "/callback",
                Map.of("satisfaction", "DISSATISFIED", "resolved", false, "comment", "拖了两个月"));
        assertThat(dissatisfied.status()).as(dissatisfied.body()).isEqualTo(200);

        transfer(waiting.get("id").asLong());

        Api.Response figures = as(leader).get("/api/v1/hotline/figures?from=" + start + "&to=" + start.plus(Duration.ofHours(1)));
        assertThat(figures.status()).as(figures.body()).isEqualTo(200);
        JsonNode f = figures.json();
        assertThat(f.get("received").asLong()).isEqualTo(4);
        assertThat(f.get("answeredDirectly").asLong()).isEqualTo(1);
        assertThat(f.get("transferred").asLong()).isEqualTo(3);
        assertThat(f.get("casesClosed").asLong()).isEqualTo(2);
        assertThat(f.get("dueForCompletion").asLong()).as("answered, two closed; the open case is not yet due").isEqualTo(3);
        assertThat(f.get("completedOnTime").asLong()).as("answered and the case fed back in 30 minutes").isEqualTo(2);
        assertThat(f.get("onTimeCompletionRate").decimalValue()).isEqualByComparingTo("0.6667");
        assertThat(f.get("replyRate").decimalValue()).isEqualByComparingTo("0.75");
        assertThat(f.get("calledBack").asLong()).isEqualTo(2);
        assertThat(f.get("resolutionRate").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(f.get("satisfactionRate").decimalValue()).isEqualByComparingTo("0.5");
    }

    @Test
    void theCallersNumberIsMaskedInListsLogsAndForLeadersButShownToOperators(CapturedOutput output) {
        String operatorName = "op-" + UUID.randomUUID().toString().substring(0, 8);
        Actor op = new Actor(operatorName, Role.DISTRICT_DISPATCHER, "930101", null);
        JsonNode created = receive(op, call("139 8765 4321", "路灯不亮"));
        long id = created.get("id").asLong();
        as(op).post("/api/v1/hotline/work-orders/" + id + "/answer", Map.of("answer", "已转告路灯所"));

        Api.Response list = as(op).get("/api/v1/hotline/work-orders?operator=" + operatorName);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain("13987654321").contains("139****4321");
        assertThat(list.json().get("items").get(0).get("callerPhoneMasked").asBoolean()).isTrue();

        JsonNode forOperator = as(op).get("/api/v1/hotline/work-orders/" + id).json();
        assertThat(forOperator.get("callerPhone").asString()).isEqualTo("13987654321");
        assertThat(forOperator.get("callerPhoneMasked").asBoolean()).isFalse();

        Api.Response forLeader = as(leader).get("/api/v1/hotline/work-orders/" + id);
        assertThat(forLeader.status()).isEqualTo(200);
        assertThat(forLeader.body()).doesNotContain("13987654321");
        assertThat(forLeader.json().get("callerPhone").asString()).isEqualTo("139****4321");

        assertProblem(as(inspector).get("/api/v1/hotline/work-orders/" + id), 403);
        assertProblem(as(handler()).get("/api/v1/hotline/work-orders?operator=" + operatorName), 403);
        assertThat(output.getAll()).contains(created.get("orderNo").asString()).doesNotContain("13987654321");
    }

    @Test
    void theListPagesByCursorAndFilters() {
        String operatorName = "pager-" + UUID.randomUUID().toString().substring(0, 8);
        Actor op = new Actor(operatorName, Role.CITY_DISPATCHER, null, null);
        long first = receive(op, call("13800004444", "一")).get("id").asLong();
        Map<String, Object> wechat = call("13800005555", "二");
        wechat.put("channel", "WECHAT");
        wechat.put("requestType", "SUGGESTION");
        long second = receive(op, wechat).get("id").asLong();
        long third = receive(op, call("13800006666", "三")).get("id").asLong();

        JsonNode page1 = as(op).get("/api/v1/hotline/work-orders?limit=2&operator=" + operatorName).json();
        assertThat(page1.get("items")).extracting(n -> n.get("id").asLong()).containsExactly(third, second);
        String cursor = page1.get("nextCursor").asString();
        JsonNode page2 = as(op).get("/api/v1/hotline/work-orders?limit=2&operator=" + operatorName + "&cursor=" + cursor)
                .json();
        assertThat(page2.get("items")).extracting(n -> n.get("id").asLong()).containsExactly(first);
        assertThat(page2.get("nextCursor").isNull()).isTrue();

        assertThat(as(op).get("/api/v1/hotline/work-orders?channel=WECHAT&requestType=SUGGESTION&operator="
                + operatorName).json().get("items")).extracting(n -> n.get("id").asLong()).containsExactly(second);
        assertThat(as(op).get("/api/v1/hotline/work-orders?status=ANSWERED&operator=" + operatorName).json()
                .get("items")).isEmpty();

        assertProblem(as(op).get("/api/v1/hotline/work-orders?limit=0"), 400, "limit");
        assertProblem(as(op).get("/api/v1/hotline/work-orders?cursor=abc"), 400, "cursor");
        assertProblem(as(op).get("/api/v1/hotline/work-orders?status=LOST"), 400, "status");
    }

    @Test
    void aCallWithMissingFieldsOrABadNumberIsRefusedAndNotRecorded() {
        String content = "坏输入-" + UUID.randomUUID();
        assertProblem(as(operator).post("/api/v1/hotline/work-orders", Map.of("content", content)), 400,
                "callerPhone", "requestType", "channel");
        assertProblem(as(operator).post("/api/v1/hotline/work-orders", Map.of("callerPhone", "13800007777")), 400,
                "content");
        assertProblem(as(operator).post("/api/v1/hotline/work-orders", call("12345", content)), 400, "callerPhone");
        Map<String, Object> unknownType = call("13800007777", content);
        unknownType.put("requestType", "GOSSIP");
        assertProblem(as(operator).post("/api/v1/hotline/work-orders", unknownType), 400, "requestType");
        Map<String, Object> unknownField = call("13800007777", content);
        unknownField.put("mood", "angry");
        assertProblem(as(operator).post("/api/v1/hotline/work-orders", unknownField), 400, "mood");
        assertProblem(as(inspector).post("/api/v1/hotline/work-orders", call("13800007777", content)), 403);
        assertProblem(as(leader).post("/api/v1/hotline/work-orders", call("13800007777", content)), 403);
        assertThat(workOrdersWithContent(content)).isZero();
    }

    @Test
    void aRefusedTransferLeavesTheWorkOrderReceivedAndNoCase() {
        JsonNode order = receive(operator, call("13800008888", "井盖缺失"));
        long id = order.get("id").asLong();
        String no = order.get("orderNo").asString();
        String path = "/api/v1/hotline/work-orders/" + id + "/transfer";
        assertProblem(as(operator).post(path, Map.of("categoryCode", "Z9999", "longitude", IN_A[0], "latitude", IN_A[1])),
                400, "categoryCode");
        assertProblem(as(operator).post(path, Map.of("categoryCode", "E0101", "longitude", IN_A[0], "latitude", 95.0)),
                400, "latitude");
        assertProblem(as(operator).post(path, Map.of("categoryCode", "E0101", "longitude", -200.0, "latitude", IN_A[1])),
                400, "longitude");
        assertProblem(as(operator).post(path, Map.of("longitude", IN_A[0])), 400, "categoryCode", "latitude");
        assertProblem(as(leader).post(path, Map.of("categoryCode", "E0101", "longitude", IN_A[0], "latitude", IN_A[1])),
                403);
        assertThat(as(operator).get("/api/v1/hotline/work-orders/" + id).json().get("status").asString())
                .isEqualTo("RECEIVED");
        assertThat(casesFrom(no)).isZero();

        assertThat(transfer(id).get("caseNo").asString()).isNotBlank();
        assertProblem(as(operator).post(path, Map.of("categoryCode", "E0101", "longitude", IN_A[0], "latitude", IN_A[1])),
                409);
        assertProblem(as(operator).post("/api/v1/hotline/work-orders/" + id + "/answer", Map.of("answer", "x")), 409);
        assertThat(casesFrom(no)).isEqualTo(1);
    }

    @Test
    void answersAndCallbacksNeedTheirFields() {
        long id = receive(operator, call("13800009999", "问路")).get("id").asLong();
        assertProblem(as(operator).post("/api/v1/hotline/work-orders/" + id + "/answer", Map.of("answer", " ")), 400,
                "answer");
        assertProblem(as(operator).post("/api/v1/hotline/work-orders/" + id + "/callback",
                Map.of("satisfaction", "SATISFIED", "resolved", true)), 409);
        as(operator).post("/api/v1/hotline/work-orders/" + id + "/answer", Map.of("answer", "沿幸福路向东"));
        assertProblem(as(operator).post("/api/v1/hotline/work-orders/" + id + "/callback",
                Map.of("satisfaction", "HAPPY", "resolved", true)), 400, "satisfaction");
        assertProblem(as(operator).get("/api/v1/hotline/work-orders/999999999"), 404);
    }

    @Test
    void theHotlineAndInspectionEndpointsAreInTheOpenApiDocument() {
        Api.Response docs = as(admin).get("/v3/api-docs");
        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        JsonNode paths = docs.json().get("paths");
        for (String path : List.of("/api/v1/hotline/work-orders", "/api/v1/hotline/work-orders/{id}",
                "/api/v1/hotline/work-orders/{id}/answer", "/api/v1/hotline/work-orders/{id}/transfer",
                "/api/v1/hotline/work-orders/{id}/callback", "/api/v1/hotline/figures", "/api/v1/inspections/reports",
                "/api/v1/attachments/{id}")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        JsonNode form = paths.get("/api/v1/inspections/reports").get("post").get("requestBody").get("content")
                .get("multipart/form-data").get("schema");
        String schema = form.has("$ref") ? docs.json().get("components").get("schemas")
                .get(form.get("$ref").asString().replace("#/components/schemas/", "")).toString() : form.toString();
        assertThat(schema).contains("longitude", "categoryCode", "photos", "binary");
    }

    @Test
    void figuresNeedAPeriodThatEndsAfterItStartsAndAReader() {
        assertProblem(as(leader).get("/api/v1/hotline/figures?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z"), 400,
                "from");
        assertProblem(as(leader).get("/api/v1/hotline/figures?from=2020-01-01T00:00:00Z&to=2026-03-01T00:00:00Z"), 400,
                "to");
        assertProblem(as(leader).get("/api/v1/hotline/figures?from=yesterday"), 400, "from");
        assertProblem(as(inspector).get("/api/v1/hotline/figures"), 403);
        JsonNode empty = as(leader).get("/api/v1/hotline/figures?from=1990-01-01T00:00:00Z&to=1990-02-01T00:00:00Z").json();
        assertThat(empty.get("received").asLong()).isZero();
        assertThat(empty.get("satisfactionRate").isNull()).isTrue();
    }
}
