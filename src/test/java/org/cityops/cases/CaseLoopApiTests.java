package org.cityops.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.MutableClock;
import org.cityops.cases.internal.DeadlineWatch;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import tools.jackson.databind.JsonNode;

/**
 * Walks cases through the whole loop over HTTP, as the people who do each step, in a small
 * two-district city: return, rework, extension, escalation, co-handling, deferral, scope,
 * concurrency, deadlines and bad input.
 */
@IntegrationTest
@Import({MutableClock.Config.class, CaseLoopApiTests.PublishedEvents.class})
@RecordApplicationEvents
class CaseLoopApiTests {

    static final double[] IN_A = {110.005, 20.005};
    static final double[] IN_B = {110.035, 20.005};
    static final double[] NOWHERE = {111.5, 21.5};

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired MutableClock clock;
    @Autowired DeadlineWatch deadlineWatch;
    @Autowired ApplicationEvents events;
    @Autowired PublishedEvents published;

    /** Collects case events from every thread (ApplicationEvents sees only the test's own thread). */
    @TestConfiguration(proxyBeanMethods = false)
    static class PublishedEvents {
        final List<Object> all = new CopyOnWriteArrayList<>();

        @EventListener
        void on(Object event) {
            if (event.getClass().getEnclosingClass() == CaseEvents.class) {
                all.add(event);
            }
        }

        <T> List<T> of(Class<T> type, Predicate<T> filter) {
            return all.stream().filter(type::isInstance).map(type::cast).filter(filter).toList();
        }
    }

    static long deptA;
    static long deptB;
    static long deptC;

    final Actor admin = new Actor("admin", Role.ADMIN, null, null);
    final Actor city = new Actor("city-dispatcher", Role.CITY_DISPATCHER, null, null);
    final Actor districtA = new Actor("district-a", Role.DISTRICT_DISPATCHER, "970101", null);
    final Actor districtB = new Actor("district-b", Role.DISTRICT_DISPATCHER, "970102", null);
    final Actor streetA = new Actor("street-a", Role.STREET_OPERATOR, "970101001", null);
    final Actor inspectorA = new Actor("inspector-a", Role.GRID_INSPECTOR, "970101001", null);
    final Actor leader = new Actor("leader", Role.LEADER, null, null);

    Actor handlerA() { return new Actor("handler-a", Role.DEPARTMENT_HANDLER, null, deptA); }
    Actor handlerB() { return new Actor("handler-b", Role.DEPARTMENT_HANDLER, null, deptB); }
    Actor handlerC() { return new Actor("handler-c", Role.DEPARTMENT_HANDLER, null, deptC); }

    Api as(Actor actor) {
        return Api.on(port, issuer).as(actor);
    }

    @BeforeEach
    void cityWithDepartmentsAndMatrix() throws Exception {
        clock.set(Instant.parse("2026-03-02T01:00:00Z"));
        if (deptA != 0) {
            return;
        }
        Api.Response imported = as(admin).importGeoJson("src/test/resources/cases/case-city.geojson");
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        String run = UUID.randomUUID().toString().substring(0, 6);
        deptA = department("SANITATION-A-" + run, "甲区环卫所", "DISTRICT", "970101");
        deptB = department("GREEN-A-" + run, "甲区绿化所", "DISTRICT", "970101");
        deptC = department("ROADS-A-" + run, "甲区市政所", "DISTRICT", "970101");
        // a database reused from an earlier run keeps that run's entry: retire it first
        as(admin).get("/api/v1/matrix?category=E01&region=970101&basis=LOCALITY&active=true").json()
                .forEach(old -> as(admin).post("/api/v1/matrix/" + old.get("id").asLong() + "/deactivate", Map.of()));
        Api.Response entry = as(admin).post("/api/v1/matrix", Map.of("categoryCode", "E01", "regionCode", "970101",
                "departmentId", deptA, "basis", "LOCALITY"));
        assertThat(entry.status()).as(entry.body()).isIn(200, 201);
    }

    long department(String code, String name, String level, String region) {
        Api.Response r = as(admin).post("/api/v1/departments", Map.of("code", code, "name", name, "level", level,
                "regionCode", region));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    JsonNode report(Actor actor, double[] at, String category) {
        Map<String, Object> body = new HashMap<>(Map.of("sourceType", "INSPECTOR", "longitude", at[0], "latitude", at[1],
                "description", "路边有暴露垃圾", "attachments", List.of("photo://before-1.jpg"),
                "reporter", Map.of("name", "张三", "contact", "13812345678")));
        if (category != null) {
            body.put("categoryCode", category);
        }
        Api.Response r = as(actor).post("/api/v1/cases", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    JsonNode act(Actor actor, long id, Map<String, Object> body) {
        Api.Response r = as(actor).post("/api/v1/cases/" + id + "/transitions", body);
        assertThat(r.status()).as(body + " → " + r.body()).isEqualTo(200);
        return r.json();
    }

    Api.Response tryAct(Actor actor, long id, Map<String, Object> body) {
        return as(actor).post("/api/v1/cases/" + id + "/transitions", body);
    }

    @Test
    void aCaseGoesRoundTheWholeLoopWithReturnCoHandlingExtensionReworkAndEscalation() {
        JsonNode reported = report(inspectorA, IN_A, "E0101");
        long id = reported.get("id").asLong();
        assertThat(reported.get("state").asString()).isEqualTo("REPORTED");
        assertThat(reported.get("level").asString()).isEqualTo("STREET");
        assertThat(reported.get("location").get("gridCode").asString()).isEqualTo("97010100100101");
        assertThat(reported.get("location").get("districtCode").asString()).isEqualTo("970101");

        JsonNode registered = act(streetA, id, Map.of("action", "REGISTER", "comment", "符合立案条件"));
        assertThat(registered.get("state").asString()).isEqualTo("REGISTERED");
        assertThat(registered.get("suggestedDepartmentId").asLong()).isEqualTo(deptA);
        assertThat(registered.get("manualQueue").asBoolean()).isFalse();

        JsonNode dispatched = act(streetA, id, Map.of("action", "DISPATCH"));
        assertThat(dispatched.get("leadDepartmentId").asLong()).isEqualTo(deptA);
        assertThat(dispatched.get("deadline").get("stage").asString()).isEqualTo("HANDLE");

        assertThat(as(handlerB()).get("/api/v1/cases/" + id).status()).as("not their case").isEqualTo(404);
        JsonNode returned = act(handlerA(), id, Map.of("action", "RETURN", "comment", "不属于本单位职责"));
        assertThat(returned.get("state").asString()).isEqualTo("RETURNED");
        assertThat(as(handlerA()).get("/api/v1/cases/" + id).status()).as("returned: no longer theirs").isEqualTo(404);

        act(streetA, id, Map.of("action", "DISPATCH", "departmentId", deptA, "assistDepartmentIds", List.of(deptB),
                "comment", "重新派遣, 绿化所协办"));
        JsonNode accepted = act(handlerA(), id, Map.of("action", "ACCEPT"));
        assertThat(accepted.get("state").asString()).isEqualTo("HANDLING");
        Instant dueBefore = Instant.parse(accepted.get("deadline").get("dueAt").asString());

        act(handlerA(), id, Map.of("action", "REQUEST_EXTENSION", "comment", "需调运设备",
                "extension", Map.of("amount", 1, "unit", "WORKING_DAYS")));
        JsonNode extended = act(streetA, id, Map.of("action", "APPROVE_EXTENSION"));
        assertThat(Instant.parse(extended.get("deadline").get("dueAt").asString())).isAfter(dueBefore);

        JsonNode assisted = act(handlerB(), id, Map.of("action", "ASSIST_FEEDBACK", "comment", "绿化带已清理"));
        assertThat(assisted.get("state").asString()).as("only the lead's feedback moves the case").isEqualTo("HANDLING");
        assertThat(tryAct(handlerB(), id, Map.of("action", "FEEDBACK", "comment", "x")).status()).isEqualTo(403);

        act(handlerA(), id, Map.of("action", "FEEDBACK", "comment", "已清运", "attachments", List.of("photo://after-1.jpg")));
        act(streetA, id, Map.of("action", "REQUEST_VERIFICATION", "verifier", "inspector-a"));
        JsonNode rework = act(inspectorA, id, Map.of("action", "VERIFY_FAIL", "comment", "仍有残留"));
        assertThat(rework.get("state").asString()).isEqualTo("HANDLING");
        assertThat(rework.get("reworkCount").asInt()).isEqualTo(1);

        act(handlerA(), id, Map.of("action", "FEEDBACK", "comment", "已彻底清理"));
        act(streetA, id, Map.of("action", "REQUEST_VERIFICATION"));
        act(inspectorA, id, Map.of("action", "VERIFY_PASS", "attachments", List.of("photo://verify-1.jpg")));
        act(leader, id, Map.of("action", "SUPERVISE", "comment", "请尽快结案"));

        JsonNode escalated = act(streetA, id, Map.of("action", "ESCALATE", "comment", "需区级协调"));
        assertThat(escalated.get("level").asString()).isEqualTo("DISTRICT");
        assertThat(tryAct(streetA, id, Map.of("action", "CLOSE")).status()).as("above the street now").isEqualTo(403);
        JsonNode closed = act(districtA, id, Map.of("action", "CLOSE", "comment", "结案"));
        assertThat(closed.get("state").asString()).isEqualTo("CLOSED");
        assertThat(closed.get("supervised").asBoolean()).isTrue();
        assertThat(published.of(CaseEvents.CaseReported.class, e -> e.caseId() == id)).hasSize(1);
        assertThat(published.of(CaseEvents.CaseClosed.class, e -> e.caseId() == id)).hasSize(1);
        assertThat(published.of(CaseEvents.CaseTransitioned.class, e -> e.caseId() == id)).hasSize(17);

        Api.Response supervisingClosed = tryAct(leader, id, Map.of("action", "SUPERVISE", "comment", "x"));
        assertThat(supervisingClosed.status()).isEqualTo(409);
        assertThat(supervisingClosed.json().get("detail").asString()).contains("CLOSED");

        List<JsonNode> history = list(as(districtA).get("/api/v1/cases/" + id + "/history").json());
        assertThat(history).extracting(h -> h.get("action").asString()).containsExactly(
                "REPORT", "REGISTER", "DISPATCH", "RETURN", "DISPATCH", "ACCEPT", "REQUEST_EXTENSION",
                "APPROVE_EXTENSION", "ASSIST_FEEDBACK", "FEEDBACK", "REQUEST_VERIFICATION", "VERIFY_FAIL", "FEEDBACK",
                "REQUEST_VERIFICATION", "VERIFY_PASS", "SUPERVISE", "ESCALATE", "CLOSE");
        assertThat(history.get(3).get("actor").asString()).isEqualTo("handler-a");
        assertThat(history.get(3).get("actorRole").asString()).isEqualTo("DEPARTMENT_HANDLER");
        assertThat(history.get(3).get("fromState").asString()).isEqualTo("DISPATCHED");
        assertThat(history.get(3).get("toState").asString()).isEqualTo("RETURNED");
        assertThat(history.get(3).get("comment").asString()).isEqualTo("不属于本单位职责");
        assertThat(list(history.get(0).get("attachments"))).extracting(JsonNode::asString)
                .containsExactly("photo://before-1.jpg");
        assertThat(list(history.get(1).get("attachments"))).isEmpty();

        JsonNode reopened = act(districtA, id, Map.of("action", "REOPEN", "comment", "市民反映问题复发"));
        assertThat(reopened.get("state").asString()).isEqualTo("REGISTERED");
    }

    @Test
    void aDistrictDispatcherNeverSeesAnotherDistrictsCase() {
        long inA = report(inspectorA, IN_A, "E0101").get("id").asLong();
        long inB = report(city, IN_B, "E0101").get("id").asLong();
        assertThat(as(districtB).get("/api/v1/cases/" + inA).status()).isEqualTo(404);
        assertThat(tryAct(districtB, inA, Map.of("action", "REGISTER")).status()).isEqualTo(404);
        assertThat(as(districtB).get("/api/v1/cases/" + inB).status()).isEqualTo(200);
        List<Long> seenByB = ids(as(districtB).get("/api/v1/cases?limit=200").json());
        assertThat(seenByB).contains(inB).doesNotContain(inA);
        List<Long> seenByA = ids(as(districtA).get("/api/v1/cases?limit=200").json());
        assertThat(seenByA).contains(inA).doesNotContain(inB);
        assertThat(ids(as(city).get("/api/v1/cases?limit=200").json())).contains(inA, inB);
        assertThat(ids(as(districtA).get("/api/v1/cases?region=970102&limit=200").json())).isEmpty();
    }

    @Test
    void everyRegionScopedRoleSeesOnlyItsOwnRegion() {
        long inA = report(inspectorA, IN_A, "E0101").get("id").asLong();
        Map<Actor, Boolean> sees = new java.util.LinkedHashMap<>();
        sees.put(streetA, true);
        sees.put(inspectorA, true);
        sees.put(new Actor("inspector-b", Role.GRID_INSPECTOR, "970102001", null), false);
        sees.put(new Actor("street-b", Role.STREET_OPERATOR, "970102001", null), false);
        sees.put(new Actor("community-inspector-a", Role.GRID_INSPECTOR, "970101001001", null), true);
        sees.put(new Actor("leader-a", Role.LEADER, "970101", null), true);
        sees.put(new Actor("leader-b", Role.LEADER, "970102", null), false);
        sees.put(leader, true);
        sees.put(new Actor("city-b", Role.CITY_DISPATCHER, "970100", null), true);
        sees.forEach((actor, visible) -> {
            assertThat(as(actor).get("/api/v1/cases/" + inA).status()).as(actor.username())
                    .isEqualTo(visible ? 200 : 404);
            assertThat(ids(as(actor).get("/api/v1/cases?limit=200").json()).contains(inA)).as(actor.username())
                    .isEqualTo(visible);
        });
        assertThat(tryAct(new Actor("street-b", Role.STREET_OPERATOR, "970102001", null), inA,
                Map.of("action", "REGISTER")).status()).isEqualTo(404);
        assertThat(tryAct(new Actor("leader-b", Role.LEADER, "970102", null), inA,
                Map.of("action", "SUPERVISE", "comment", "x")).status()).isEqualTo(404);
    }

    @Test
    void aHandlerSeesAndActsOnlyOnCasesDispatchedToTheirDepartment() {
        long id = report(inspectorA, IN_A, "E0101").get("id").asLong();
        act(streetA, id, Map.of("action", "REGISTER"));
        assertThat(as(handlerA()).get("/api/v1/cases/" + id).status()).as("not yet dispatched").isEqualTo(404);
        act(streetA, id, Map.of("action", "DISPATCH"));
        assertThat(ids(as(handlerA()).get("/api/v1/cases?limit=200").json())).contains(id);
        assertThat(ids(as(handlerC()).get("/api/v1/cases?limit=200").json())).doesNotContain(id);
        assertThat(tryAct(handlerC(), id, Map.of("action", "ACCEPT")).status()).isEqualTo(404);
        JsonNode view = as(handlerA()).get("/api/v1/cases/" + id).json();
        assertThat(view.get("reporterContact").asString()).as("handlers see contacts masked").isEqualTo("138******78");
        assertThat(list(view.get("allowedActions"))).extracting(JsonNode::asString)
                .contains("ACCEPT", "RETURN").doesNotContain("CLOSE", "DISPATCH");
    }

    @Test
    void aCaseNobodyIsResponsibleForWaitsInTheManualQueue() {
        JsonNode outside = report(city, NOWHERE, "E0101");
        long id = outside.get("id").asLong();
        assertThat(outside.get("location").isNull()).isTrue();
        assertThat(outside.get("level").asString()).isEqualTo("CITY");
        assertThat(tryAct(districtA, id, Map.of("action", "REGISTER")).status()).as("city's case").isEqualTo(404);
        JsonNode registered = act(city, id, Map.of("action", "REGISTER"));
        assertThat(registered.get("manualQueue").asBoolean()).isTrue();
        assertThat(registered.get("routingReason").asString()).contains("outside every unit grid");
        assertThat(ids(as(city).get("/api/v1/cases?queue=manual&limit=200").json())).contains(id);
        Api.Response noDepartment = tryAct(city, id, Map.of("action", "DISPATCH"));
        assertThat(noDepartment.status()).isEqualTo(400);
        assertThat(noDepartment.json().get("errors").get(0).get("field").asString()).isEqualTo("departmentId");
        act(city, id, Map.of("action", "DISPATCH", "departmentId", deptC));
        assertThat(ids(as(city).get("/api/v1/cases?queue=manual&limit=200").json())).doesNotContain(id);
    }

    @Test
    void anInspectorFixesOnTheSpotAndTheCaseClosesAtOnce() {
        Api.Response r = as(inspectorA).post("/api/v1/cases", Map.of("sourceType", "INSPECTOR", "longitude", IN_A[0],
                "latitude", IN_A[1], "categoryCode", "E0101", "description", "小广告已清除", "selfFixed", true,
                "attachments", List.of("photo://before.jpg", "photo://after.jpg")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("state").asString()).isEqualTo("CLOSED");
        assertThat(r.json().get("selfFixed").asBoolean()).isTrue();
        List<JsonNode> history = list(as(inspectorA).get("/api/v1/cases/" + r.json().get("id").asLong() + "/history").json());
        assertThat(history).extracting(h -> h.get("action").asString()).containsExactly("REPORT", "SELF_FIX");
    }

    @Test
    void deferralPausesTheClockAndResumeRestartsIt() {
        long id = report(inspectorA, IN_A, "E0101").get("id").asLong();
        act(streetA, id, Map.of("action", "REGISTER"));
        act(streetA, id, Map.of("action", "DISPATCH"));
        JsonNode deferred = act(streetA, id, Map.of("action", "DEFER", "comment", "需等待管线迁移"));
        assertThat(deferred.get("state").asString()).isEqualTo("DEFERRED");
        assertThat(deferred.get("deadline").get("paused").asBoolean()).isTrue();
        clock.advance(Duration.ofDays(20));
        JsonNode resumed = act(streetA, id, Map.of("action", "RESUME"));
        assertThat(resumed.get("state").asString()).isEqualTo("HANDLING");
        assertThat(Instant.parse(resumed.get("deadline").get("dueAt").asString())).isAfter(clock.instant());
    }

    @Test
    void twoConcurrentActionsOnOneCaseCannotBothWin() throws Exception {
        long id = report(inspectorA, IN_A, "E0101").get("id").asLong();
        int version = as(streetA).get("/api/v1/cases/" + id).json().get("version").asInt();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Actor actor = i % 2 == 0 ? streetA : districtA;
            String action = i % 2 == 0 ? "REGISTER" : "VOID";
            results.add(pool.submit(() -> {
                start.await();
                return tryAct(actor, id, Map.of("action", action, "comment", "并发", "version", version)).status();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : results) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(3);
        List<JsonNode> history = list(as(streetA).get("/api/v1/cases/" + id + "/history").json());
        assertThat(history).hasSize(2);
    }

    @Test
    void aStaleVersionIsRefusedWith409AndTheCurrentVersion() {
        long id = report(inspectorA, IN_A, "E0101").get("id").asLong();
        act(streetA, id, Map.of("action", "COMMENT", "comment", "先看看"));
        Api.Response stale = tryAct(streetA, id, Map.of("action", "REGISTER", "version", 0));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.contentType()).contains("application/problem+json");
        assertThat(stale.json().get("currentVersion").asInt()).isEqualTo(1);
    }

    @Test
    void anIllegalTransitionIsRefusedWith409AndTheReason() {
        long id = report(inspectorA, IN_A, "E0101").get("id").asLong();
        Api.Response r = tryAct(streetA, id, Map.of("action", "CLOSE"));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("detail").asString()).contains("CLOSE").contains("REPORTED");
        assertThat(as(streetA).get("/api/v1/cases/" + id).json().get("state").asString()).isEqualTo("REPORTED");
    }

    @Test
    void deadlinesTurnYellowThenRedAndAnOverdueCaseIsEscalated() {
        long id = report(inspectorA, IN_A, "E0101").get("id").asLong();
        act(streetA, id, Map.of("action", "REGISTER"));
        JsonNode dispatched = act(streetA, id, Map.of("action", "DISPATCH"));
        Instant due = Instant.parse(dispatched.get("deadline").get("dueAt").asString());
        Instant warn = Instant.parse(dispatched.get("deadline").get("warnAt").asString());
        assertThat(due).as("4 working hours from Monday 09:00 Shanghai, across the lunch break")
                .isEqualTo(Instant.parse("2026-03-02T06:30:00Z"));

        clock.set(warn.minusSeconds(60));
        deadlineWatch.scan();
        assertThat(as(streetA).get("/api/v1/cases/" + id).json().get("deadline").get("status").asString()).isEqualTo("GREEN");

        clock.set(warn.plusSeconds(1));
        deadlineWatch.scan();
        assertThat(as(streetA).get("/api/v1/cases/" + id).json().get("deadline").get("status").asString()).isEqualTo("YELLOW");

        clock.set(due.plusSeconds(1));
        deadlineWatch.scan();
        JsonNode overdue = as(districtA).get("/api/v1/cases/" + id).json();
        assertThat(overdue.get("deadline").get("status").asString()).isEqualTo("RED");
        assertThat(overdue.get("level").asString()).isEqualTo("DISTRICT");
        assertThat(ids(as(districtA).get("/api/v1/cases?overdue=true&limit=200").json())).contains(id);
        deadlineWatch.scan();
        assertThat(as(districtA).get("/api/v1/cases/" + id).json().get("level").asString())
                .as("escalated once per overdue stage").isEqualTo("DISTRICT");
        assertThat(events.stream(CaseEvents.CaseDeadlineApproaching.class).filter(e -> e.caseId() == id))
                .singleElement().satisfies(e -> assertThat(e.stage()).isEqualTo(Stage.HANDLE));
        assertThat(events.stream(CaseEvents.CaseOverdue.class).filter(e -> e.caseId() == id))
                .singleElement().satisfies(e -> assertThat(e.dueAt()).isEqualTo(due));
        assertThat(events.stream(CaseEvents.CaseEscalated.class).filter(e -> e.caseId() == id))
                .singleElement().satisfies(e -> {
                    assertThat(e.automatic()).isTrue();
                    assertThat(e.to()).isEqualTo(CaseLevel.DISTRICT);
                });
        List<JsonNode> history = list(as(districtA).get("/api/v1/cases/" + id + "/history").json());
        assertThat(history).extracting(h -> h.get("action").asString())
                .endsWith("DEADLINE_WARNING", "DEADLINE_OVERDUE", "ESCALATE");
    }

    @Test
    void listsFilterByStateCategoryAndTimeAndPageWithACursor() {
        long first = report(inspectorA, IN_A, "E0101").get("id").asLong();
        long second = report(inspectorA, IN_A, "E0102").get("id").asLong();
        long third = report(inspectorA, IN_A, "E0101").get("id").asLong();
        act(streetA, third, Map.of("action", "REGISTER"));
        assertThat(ids(as(streetA).get("/api/v1/cases?state=REGISTERED&limit=200").json())).contains(third)
                .doesNotContain(first, second);
        assertThat(ids(as(streetA).get("/api/v1/cases?category=E0102&limit=200").json())).contains(second)
                .doesNotContain(first, third);
        JsonNode page1 = as(streetA).get("/api/v1/cases?limit=2").json();
        assertThat(ids(page1)).containsExactly(third, second);
        JsonNode page2 = as(streetA).get("/api/v1/cases?limit=2&cursor=" + page1.get("nextCursor").asString()).json();
        assertThat(ids(page2)).startsWith(first);
        String later = clock.instant().plusSeconds(3600).toString();
        assertThat(ids(as(streetA).get("/api/v1/cases?from=" + later + "&limit=200").json())).isEmpty();
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    static List<Long> ids(JsonNode page) {
        List<Long> out = new ArrayList<>();
        page.get("items").forEach(n -> out.add(n.get("id").asLong()));
        return out;
    }
}
