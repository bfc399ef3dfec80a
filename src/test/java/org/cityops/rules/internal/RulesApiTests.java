package org.cityops.rules.internal;

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
import org.cityops.rules.AlertStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import tools.jackson.databind.JsonNode;

/**
 * Rules and alerts over HTTP, fed with observations through SensorThings. Each test imports its own
 * 94xxxx place in its own small square and watches its own observed property, so rules and alerts of
 * other tests and earlier runs never match. The engine runs on its own thread; tests wait for it to
 * get through its queue before looking at alerts.
 */
@IntegrationTest
@Import(MutableClock.Config.class)
class RulesApiTests {

    static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired RuleRuntime runtime;
    @Autowired MutableClock clock;
    @Autowired AlertService alertService;

    final Actor admin = new Actor("admin", Role.ADMIN, null, null);

    Api as(Actor actor) {
        return Api.on(port, issuer).as(actor);
    }

    Api sta() {
        return Api.on(port, issuer);
    }

    record Place(String city, String district, String street, String community, String grid, double lon, double lat) {
    }

    Place place;
    long department;

    @BeforeEach
    void ownPlaceAndDepartment() {
        clock.set(T0);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String city = "94" + random.nextInt(10, 100) + "00";
        String district = city.substring(0, 4) + random.nextInt(10, 100);
        String street = district + random.nextInt(100, 1000);
        String community = street + random.nextInt(100, 1000);
        String grid = community + "01";
        double lon = 80 + random.nextInt(0, 10_000) * 0.001;
        double lat = 40 + random.nextInt(0, 10_000) * 0.001;
        List<Map<String, Object>> features = new ArrayList<>();
        features.add(feature("city", city, null, lon, lat));
        features.add(feature("district", district, city, lon, lat));
        features.add(feature("street", street, district, lon, lat));
        features.add(feature("community", community, street, lon, lat));
        features.add(feature("grid", grid, community, lon, lat));
        Api.Response r = as(admin).post("/api/v1/geo/import", Map.of("type", "FeatureCollection", "features", features));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        place = new Place(city, district, street, community, grid, lon + 0.0002, lat + 0.0002);
        Api.Response d = as(admin).post("/api/v1/departments", Map.of("code", unique("water"), "name", "水务局",
                "level", "DISTRICT", "regionCode", district));
        assertThat(d.status()).as(d.toString()).isEqualTo(201);
        department = d.json().get("id").asLong();
    }

    private static Map<String, Object> feature(String kind, String code, String parent, double lon, double lat) {
        Map<String, Object> properties = new HashMap<>(Map.of("kind", kind, "code", code, "name", "规则测试" + kind,
                "active", true));
        if (parent != null) {
            properties.put("parent", parent);
        }
        List<List<Double>> ring = List.of(List.of(lon, lat), List.of(lon + 0.0005, lat), List.of(lon + 0.0005, lat + 0.0005),
                List.of(lon, lat + 0.0005), List.of(lon, lat));
        return Map.of("type", "Feature", "properties", properties,
                "geometry", Map.of("type", "Polygon", "coordinates", List.of(ring)));
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a Thing of the department in the place with one datastream of the property; returns the datastream id. */
    long datastream(String property) {
        return datastream(property, List.of());
    }

    /** Creates a Thing as {@link #datastream(String)} does, carrying the tags; returns the datastream id. */
    long datastream(String property, List<String> tags) {
        Map<String, Object> properties = new HashMap<>(Map.of("cityops:department", department,
                "cityops:type", "water-gauge"));
        if (!tags.isEmpty()) {
            properties.put("cityops:tags", tags);
        }
        Map<String, Object> body = Map.of("name", unique("gauge"), "description", "test gauge",
                "properties", properties,
                "Locations", List.of(Map.of("name", "spot", "description", "where it stands",
                        "encodingType", "application/geo+json",
                        "location", Map.of("type", "Point", "coordinates", List.of(place.lon(), place.lat())))),
                "Datastreams", List.of(Map.of("name", property, "description", property,
                        "observationType", "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement",
                        "unitOfMeasurement", Map.of("name", "metre", "symbol", "m", "definition", "http://qudt.org/vocab/unit/M"),
                        "Sensor", Map.of("name", "gauge", "description", "radar gauge", "encodingType", "application/pdf",
                                "metadata", "http://example.org/gauge.pdf"),
                        "ObservedProperty", Map.of("name", property, "definition", "http://example.org/" + property,
                                "description", property))));
        Api.Response r = sta().post("/sta/v1.1/Things", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        long thing = r.json().get("@iot.id").asLong();
        return sta().get("/sta/v1.1/Things(" + thing + ")/Datastreams").json().get("value").get(0).get("@iot.id").asLong();
    }

    void observe(long datastream, int minute, double value) {
        Api.Response r = sta().post("/sta/v1.1/Datastreams(" + datastream + ")/Observations",
                Map.of("phenomenonTime", T0.plusSeconds(60L * minute).toString(), "result", value));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    void idle() {
        try {
            runtime.awaitIdle();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, Object> watch(String property) {
        return Map.of("observedProperty", property);
    }

    long createRule(Actor actor, Map<String, Object> rule) {
        Api.Response r = as(actor).post("/api/v1/rules", rule);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    JsonNode alertsOf(Actor actor, long rule) {
        Api.Response r = as(actor).get("/api/v1/alerts?rule=" + rule);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("items");
    }

    @Test
    void repeatsUpdateOneAlertReplaysCountOnceAndTheAlertClearsWhenTheConditionStops() {
        String property = unique("level");
        long ds = datastream(property);
        long rule = createRule(admin, Map.of("name", "水位超限", "kind", "CONDITION", "severity", "RED",
                "watch", watch(property), "condition", "value > 2"));
        observe(ds, 0, 1.0);
        observe(ds, 1, 2.5);
        observe(ds, 2, 3.0);
        observe(ds, 2, 3.0);
        idle();
        JsonNode alerts = alertsOf(admin, rule);
        assertThat(alerts).hasSize(1);
        JsonNode a = alerts.get(0);
        assertThat(a.get("status").asString()).isEqualTo("RAISED");
        assertThat(a.get("count").asInt()).isEqualTo(2);
        assertThat(a.get("subject").asString()).isEqualTo("datastream:" + ds);
        assertThat(a.get("severity").asString()).isEqualTo("RED");
        assertThat(a.get("lastValue").asDouble()).isEqualTo(3.0);
        assertThat(a.get("location").get("gridCode").asString()).isEqualTo(place.grid());
        assertThat(a.get("departmentId").asLong()).isEqualTo(department);

        observe(ds, 3, 1.0);
        idle();
        JsonNode cleared = as(admin).get("/api/v1/alerts/" + a.get("id").asLong()).json();
        assertThat(cleared.get("status").asString()).isEqualTo("CLEARED");
        assertThat(cleared.get("history")).extracting(h -> h.get("change").asString()).containsExactly("RAISED", "CLEARED");

        // replaying what was already judged raises nothing new
        observe(ds, 2, 3.0);
        observe(ds, 1, 2.5);
        idle();
        assertThat(alertsOf(admin, rule)).hasSize(1);
        assertThat(as(admin).get("/api/v1/rules/engine").json().get("replays").asLong()).isPositive();
    }

    @Test
    void aRuleThatDoesNotTypeCheckIsRefusedWithTheCelErrorAndItsPosition() {
        String name = unique("broken");
        Api.Response r = as(admin).post("/api/v1/rules", Map.of("name", name, "kind", "CONDITION", "severity", "RED",
                "watch", watch("level"), "condition", "value > 1.0 &&\n value * 2 > 3.0"));
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        JsonNode error = r.json().get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("condition");
        assertThat(error.get("message").asString()).contains("line 2, column 8").contains("'_*_'");

        Api.Response undeclared = as(admin).post("/api/v1/rules", Map.of("name", name, "kind", "HYSTERESIS",
                "severity", "RED", "watch", watch("level"), "condition", "value > 5", "clearCondition", "levl < 3"));
        assertThat(undeclared.status()).isEqualTo(400);
        assertThat(undeclared.json().get("errors").get(0).get("field").asString()).isEqualTo("clearCondition");
        assertThat(undeclared.json().get("errors").get(0).get("message").asString())
                .contains("line 1, column 1").contains("levl");

        Api.Response noCategory = as(admin).post("/api/v1/rules", Map.of("name", name, "kind", "CONDITION",
                "severity", "RED", "watch", watch("level"), "condition", "value > 5",
                "casePolicy", Map.of("mode", "OPEN_CASE", "categoryCode", "NOPE99")));
        assertThat(noCategory.status()).isEqualTo(400);
        assertThat(noCategory.json().get("errors").get(0).get("field").asString()).isEqualTo("casePolicy.categoryCode");

        Api.Response missing = as(admin).post("/api/v1/rules", Map.of("name", name, "severity", "RED"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors")).extracting(e -> e.get("field").asString()).contains("kind");

        assertThat(as(admin).get("/api/v1/rules").json()).noneMatch(x -> x.get("name").asString().equals(name));
    }

    @Test
    void eachChangeIsANewVersionAndDisabledRulesAreNotEvaluated() {
        String property = unique("level");
        long ds = datastream(property);
        long rule = createRule(admin, Map.of("name", "v1", "kind", "CONDITION", "severity", "YELLOW",
                "watch", watch(property), "condition", "value > 100"));
        Api.Response changed = as(admin).put("/api/v1/rules/" + rule + "?version=1", Map.of("name", "v2",
                "kind", "CONDITION", "severity", "ORANGE", "watch", watch(property), "condition", "value > 2"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("version").asInt()).isEqualTo(2);
        Api.Response stale = as(admin).put("/api/v1/rules/" + rule + "?version=1", Map.of("name", "v3",
                "kind", "CONDITION", "severity", "ORANGE", "watch", watch(property), "condition", "value > 3"));
        assertThat(stale.status()).isEqualTo(409);
        JsonNode versions = as(admin).get("/api/v1/rules/" + rule + "/versions").json();
        assertThat(versions).extracting(v -> v.get("definition").get("condition").asString())
                .containsExactly("value > 100", "value > 2");
        assertThat(as(admin).get("/api/v1/rules/" + rule + "/versions/1").json().get("name").asString()).isEqualTo("v1");

        observe(ds, 0, 5.0);
        idle();
        JsonNode raised = alertsOf(admin, rule);
        assertThat(raised).hasSize(1);
        assertThat(raised.get(0).get("ruleVersion").asInt()).isEqualTo(2);
        assertThat(raised.get(0).get("severity").asString()).isEqualTo("ORANGE");

        assertThat(as(admin).post("/api/v1/rules/" + rule + "/disable", Map.of()).json().get("status").asString())
                .isEqualTo("DISABLED");
        idle();
        JsonNode cleared = as(admin).get("/api/v1/alerts/" + raised.get(0).get("id").asLong()).json();
        assertThat(cleared.get("status").asString()).isEqualTo("CLEARED");
        assertThat(cleared.get("history")).last().satisfies(h -> {
            assertThat(h.get("change").asString()).isEqualTo("CLEARED");
            assertThat(h.get("actor").asString()).isEqualTo("admin");
            assertThat(h.get("note").asString()).isEqualTo("rule disabled");
        });
        observe(ds, 1, 6.0);
        idle();
        assertThat(alertsOf(admin, rule)).hasSize(1);
        as(admin).post("/api/v1/rules/" + rule + "/enable", Map.of());
        observe(ds, 2, 7.0);
        idle();
        assertThat(alertsOf(admin, rule)).hasSize(2);
    }

    @Test
    void aRuleFailingAtRunTimeIsQuarantinedIngestGoesOnAndEnablingLiftsIt() {
        String property = unique("level");
        long ds = datastream(property);
        long rule = createRule(admin, Map.of("name", "坏规则", "kind", "CONDITION", "severity", "BLUE",
                "watch", watch(property), "condition", "entity.colour == 'red'"));
        observe(ds, 0, 1.0);
        idle();
        JsonNode quarantined = as(admin).get("/api/v1/rules/" + rule).json();
        assertThat(quarantined.get("status").asString()).isEqualTo("QUARANTINED");
        assertThat(quarantined.get("quarantineError").asString()).contains("colour");
        assertThat(quarantined.get("quarantinedAt").asString()).isEqualTo("2026-03-02T01:00:00Z");
        observe(ds, 1, 2.0);
        JsonNode enabled = as(admin).post("/api/v1/rules/" + rule + "/enable", Map.of()).json();
        assertThat(enabled.get("status").asString()).isEqualTo("ENABLED");
        assertThat(enabled.get("quarantineError").isNull()).isTrue();
    }

    @Test
    void alertsAreScopedByRegionAndDepartmentAndOnlyDispatchersWriteRulesInTheirRegion() {
        String property = unique("level");
        long ds = datastream(property);
        Actor districtHere = new Actor("d-here", Role.DISTRICT_DISPATCHER, place.district(), null);
        Actor districtElsewhere = new Actor("d-else", Role.DISTRICT_DISPATCHER, "949999", null);
        Actor handler = new Actor("h", Role.DEPARTMENT_HANDLER, null, department);
        Actor otherHandler = new Actor("h2", Role.DEPARTMENT_HANDLER, null, department + 100_000);
        Map<String, Object> anywhere = Map.of("name", "全市", "kind", "CONDITION", "severity", "RED",
                "watch", watch(property), "condition", "value > 2");
        assertThat(as(districtHere).post("/api/v1/rules", anywhere).status()).isEqualTo(403);
        assertThat(as(new Actor("i", Role.GRID_INSPECTOR, place.grid(), null)).post("/api/v1/rules", anywhere).status())
                .isEqualTo(403);
        Map<String, Object> here = Map.of("name", "本区", "kind", "CONDITION", "severity", "RED",
                "watch", Map.of("observedProperty", property, "region", place.street()), "condition", "value > 2");
        long rule = createRule(districtHere, here);
        observe(ds, 0, 5.0);
        idle();
        long alert = alertsOf(admin, rule).get(0).get("id").asLong();
        assertThat(alertsOf(districtHere, rule)).hasSize(1);
        assertThat(alertsOf(handler, rule)).hasSize(1);
        assertThat(alertsOf(districtElsewhere, rule)).isEmpty();
        assertThat(alertsOf(otherHandler, rule)).isEmpty();
        assertThat(as(districtElsewhere).get("/api/v1/alerts/" + alert).status()).isEqualTo(404);
        assertThat(as(districtElsewhere).get("/api/v1/rules/" + rule).status()).isEqualTo(404);
        assertThat(as(districtHere).get("/api/v1/alerts?region=" + place.grid()).json().get("items"))
                .extracting(x -> x.get("id").asLong()).contains(alert);
        assertThat(as(districtElsewhere).post("/api/v1/alerts/" + alert + "/acknowledge", Map.of()).status())
                .isEqualTo(404);
    }

    @Test
    void anAlertIsAcknowledgedAssignedCommentedAndResolvedWithItsHistory() {
        String property = unique("level");
        long ds = datastream(property);
        long rule = createRule(admin, Map.of("name", "生命周期", "kind", "CONDITION", "severity", "YELLOW",
                "watch", watch(property), "condition", "value > 2"));
        observe(ds, 0, 5.0);
        idle();
        long id = alertsOf(admin, rule).get(0).get("id").asLong();
        Actor dispatcher = new Actor("city-1", Role.CITY_DISPATCHER, null, null);
        String base = "/api/v1/alerts/" + id;
        assertThat(as(dispatcher).post(base + "/acknowledge", Map.of("note", "收到")).json().get("status").asString())
                .isEqualTo("ACKNOWLEDGED");
        assertThat(as(dispatcher).post(base + "/acknowledge", Map.of()).status()).isEqualTo(409);
        Api.Response noAssignee = as(dispatcher).post(base + "/assign", Map.of("assignee", " "));
        assertThat(noAssignee.status()).isEqualTo(400);
        assertThat(noAssignee.json().get("errors").get(0).get("field").asString()).isEqualTo("assignee");
        Api.Response noText = as(dispatcher).post(base + "/comments", Map.of());
        assertThat(noText.status()).isEqualTo(400);
        assertThat(noText.json().get("errors").get(0).get("field").asString()).isEqualTo("text");
        assertThat(as(dispatcher).post(base + "/assign", Map.of("assignee", "王工")).json().get("assignee").asString())
                .isEqualTo("王工");
        as(dispatcher).post(base + "/comments", Map.of("text", "已派人查看"));
        JsonNode resolved = as(dispatcher).post(base + "/resolve", Map.of("note", "闸门已开")).json();
        assertThat(resolved.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(resolved.get("history")).extracting(h -> h.get("change").asString() + "/" + h.get("actor").asString())
                .containsExactly("RAISED/rule:" + rule, "ACKNOWLEDGED/city-1", "ASSIGNED/city-1", "COMMENTED/city-1",
                        "RESOLVED/city-1");
        assertThat(resolved.get("history").get(4).get("note").asString()).isEqualTo("闸门已开");
        assertThat(as(dispatcher).post(base + "/resolve", Map.of()).status()).isEqualTo(409);
        // a later sighting raises a new alert: the resolved one stays resolved
        observe(ds, 1, 6.0);
        idle();
        assertThat(alertsOf(admin, rule)).extracting(a -> a.get("status").asString()).containsExactly("RAISED", "RESOLVED");

        JsonNode first = as(admin).get("/api/v1/alerts?rule=" + rule + "&limit=1").json();
        assertThat(first.get("items")).hasSize(1);
        JsonNode second = as(admin).get("/api/v1/alerts?rule=" + rule + "&limit=1&cursor="
                + first.get("nextCursor").asString()).json();
        assertThat(second.get("items").get(0).get("status").asString()).isEqualTo("RESOLVED");
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(as(admin).get("/api/v1/alerts?rule=" + rule + "&status=RESOLVED&severity=YELLOW&since="
                + T0).json().get("items")).hasSize(1);
        Api.Response badCursor = as(admin).get("/api/v1/alerts?cursor=x");
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.json().get("errors").get(0).get("field").asString()).isEqualTo("cursor");
        Api.Response badLimit = as(admin).get("/api/v1/alerts?limit=0");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.json().get("errors").get(0).get("field").asString()).isEqualTo("limit");
    }

    @Test
    void anAlertOpensACaseThatClosingResolvesIt() throws Exception {
        String property = unique("level");
        long ds = datastream(property);
        long rule = createRule(admin, Map.of("name", "积水立案", "kind", "HYSTERESIS", "severity", "ORANGE",
                "watch", watch(property), "condition", "value > 2", "clearCondition", "value < 1",
                "casePolicy", Map.of("mode", "OPEN_CASE", "categoryCode", "E0101", "urgency", "URGENT")));
        observe(ds, 0, 5.0);
        idle();
        JsonNode alert = alertsOf(admin, rule).get(0);
        long caseId = alert.get("caseId").asLong();
        assertThat(caseId).isPositive();
        JsonNode c = as(admin).get("/api/v1/cases/" + caseId).json();
        assertThat(c.get("sourceType").asString()).isEqualTo("SENSOR");
        assertThat(c.get("sourceRef").asString()).isEqualTo("alert:" + alert.get("id").asLong());
        assertThat(c.get("urgency").asString()).isEqualTo("URGENT");
        assertThat(c.get("location").get("gridCode").asString()).isEqualTo(place.grid());

        // the condition ends, but the alert waits for its case
        observe(ds, 1, 0.5);
        idle();
        assertThat(as(admin).get("/api/v1/alerts/" + alert.get("id").asLong()).json().get("status").asString())
                .isEqualTo("RAISED");
        // the condition holds again: the waiting alert counts it, no second alert is raised
        observe(ds, 2, 6.0);
        idle();
        assertThat(alertsOf(admin, rule)).extracting(x -> x.get("status").asString() + " " + x.get("count").asInt())
                .containsExactly("RAISED 2");
        // nor does disabling the rule clear it: the case is being handled
        assertThat(as(admin).post("/api/v1/rules/" + rule + "/disable", Map.of()).status()).isEqualTo(200);
        idle();
        assertThat(as(admin).get("/api/v1/alerts/" + alert.get("id").asLong()).json().get("status").asString())
                .isEqualTo("RAISED");

        for (Map<String, Object> step : List.<Map<String, Object>>of(Map.of("action", "REGISTER"),
                Map.of("action", "DISPATCH", "departmentId", department), Map.of("action", "ACCEPT"),
                Map.of("action", "FEEDBACK", "comment", "已排水"), Map.of("action", "REQUEST_VERIFICATION"),
                Map.of("action", "VERIFY_PASS"), Map.of("action", "CLOSE"))) {
            Api.Response r = as(admin).post("/api/v1/cases/" + caseId + "/transitions", step);
            assertThat(r.status()).as(step + " → " + r).isEqualTo(200);
        }
        JsonNode resolved = null;
        for (int i = 0; i < 200; i++) {
            resolved = as(admin).get("/api/v1/alerts/" + alert.get("id").asLong()).json();
            if (resolved.get("status").asString().equals("RESOLVED")) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(resolved.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(resolved.get("history")).extracting(h -> h.get("change").asString())
                .containsExactly("RAISED", "CASE_OPENED", "RESOLVED");
    }

    @Test
    void correlationInTheSameGridRaisesOneAlertForTheGrid() {
        String rain = unique("rainfall");
        String level = unique("level");
        long rainStream = datastream(rain);
        long levelStream = datastream(level);
        long rule = createRule(admin, Map.of("name", "内涝风险", "kind", "CORRELATION", "severity", "ORANGE",
                "window", "PT30M", "correlation", Map.of("keyBy", "GRID", "inputs", List.of(
                        Map.of("name", "强降雨", "watch", watch(rain), "condition", "value > 30"),
                        Map.of("name", "水位上涨", "watch", watch(level), "condition", "window.delta > 0.1")))));
        observe(rainStream, 0, 35);
        observe(levelStream, 1, 1.0);
        idle();
        assertThat(alertsOf(admin, rule)).isEmpty();
        observe(levelStream, 20, 1.2);
        idle();
        JsonNode alerts = alertsOf(admin, rule);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).get("subject").asString()).isEqualTo("grid:" + place.grid());
        assertThat(alerts.get(0).get("title").asString()).contains("强降雨 + 水位上涨");
        assertThat(alerts.get(0).has("departmentId") && !alerts.get(0).get("departmentId").isNull()).isFalse();
        assertThat(as(admin).get("/api/v1/rules/" + rule).json().get("definition").get("window").asString())
                .isEqualTo("PT30M");
    }

    @Test
    void absenceIsRaisedByTheClockAndClearedByNewData() {
        String property = unique("level");
        long ds = datastream(property);
        long rule = createRule(admin, Map.of("name", "无数据", "kind", "ABSENCE", "severity", "BLUE",
                "watch", watch(property), "absentFor", "PT15M"));
        observe(ds, 0, 1.0);
        idle();
        clock.set(T0.plus(Duration.ofMinutes(14)));
        runtime.checkAbsence();
        idle();
        assertThat(alertsOf(admin, rule)).isEmpty();
        clock.set(T0.plus(Duration.ofMinutes(16)));
        runtime.checkAbsence();
        idle();
        assertThat(alertsOf(admin, rule)).singleElement()
                .satisfies(a -> assertThat(a.get("lastEventAt").asString()).isEqualTo("2026-03-02T01:15:00Z"));
        observe(ds, 17, 1.0);
        idle();
        assertThat(alertsOf(admin, rule).get(0).get("status").asString()).isEqualTo("CLEARED");
    }

    @Test
    void lateObservationsBeyondTheAllowedLatenessAreCounted() {
        String property = unique("level");
        long ds = datastream(property);
        long rule = createRule(admin, Map.of("name", "迟到", "kind", "CONDITION", "severity", "BLUE",
                "watch", watch(property), "condition", "value > 2"));
        long before = as(admin).get("/api/v1/rules/engine").json().get("tooLate").asLong();
        observe(ds, 60, 1.0);
        observe(ds, 30, 9.0);
        idle();
        assertThat(as(admin).get("/api/v1/rules/engine").json().get("tooLate").asLong()).isGreaterThan(before);
        assertThat(alertsOf(admin, rule)).isEmpty();
    }

    @Test
    void aDryRunReportsWhatARuleWouldHaveRaisedWithoutRaisingIt() {
        String property = unique("level");
        long ds = datastream(property);
        observe(ds, 0, 1.0);
        observe(ds, 10, 3.0);
        observe(ds, 20, 3.5);
        observe(ds, 30, 1.0);
        observe(ds, 40, 4.0);
        Map<String, Object> rule = Map.of("name", "试运行", "kind", "CONDITION", "severity", "RED",
                "watch", watch(property), "condition", "value > 2");
        Api.Response r = as(admin).post("/api/v1/rules/dry-run", Map.of("rule", rule,
                "from", T0.toString(), "to", T0.plus(Duration.ofHours(1)).toString()));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode result = r.json();
        assertThat(result.get("observations").asInt()).isEqualTo(5);
        assertThat(result.get("clears").asInt()).isEqualTo(1);
        assertThat(result.get("raises")).extracting(x -> x.get("time").asString() + " " + x.get("value").asDouble())
                .containsExactly("2026-03-02T01:10:00Z 3.0", "2026-03-02T01:40:00Z 4.0");
        assertThat(result.get("raises").get(0).get("subject").asString()).isEqualTo("datastream:" + ds);
        assertThat(as(admin).get("/api/v1/alerts?region=" + place.grid()).json().get("items")).isEmpty();

        Api.Response backwards = as(admin).post("/api/v1/rules/dry-run", Map.of("rule", rule,
                "from", T0.toString(), "to", T0.minusSeconds(1).toString()));
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().get("errors").get(0).get("field").asString()).isEqualTo("to");

        long saved = createRule(admin, rule);
        Api.Response savedRun = as(admin).post("/api/v1/rules/" + saved + "/dry-run", Map.of("from", T0.toString(),
                "to", T0.plus(Duration.ofMinutes(15)).toString()));
        assertThat(savedRun.json().get("raises")).hasSize(1);
        assertThat(alertsOf(admin, saved)).isEmpty();
    }

    @Test
    void aSightingNoLaterThanWhatAnAlertAlreadySawNeverRaisesAgainAsAfterARestart() {
        String property = unique("level");
        long ds = datastream(property);
        long rule = createRule(admin, Map.of("name", "重放", "kind", "CONDITION", "severity", "RED",
                "watch", watch(property), "condition", "value > 2"));
        observe(ds, 5, 3.0);
        idle();
        long id = alertsOf(admin, rule).get(0).get("id").asLong();
        as(admin).post("/api/v1/alerts/" + id + "/resolve", Map.of("note", "处理完毕"));
        // an engine that lost its memory (restart) judges the same observation again
        Signal.Seen replay = new Signal.Seen(rule, 1, "datastream:" + ds, true, T0.plusSeconds(300), 3.0, "replay",
                null, null, null);
        alertService.apply(List.of(replay, replay));
        assertThat(alertsOf(admin, rule)).hasSize(1);
        alertService.apply(List.of(new Signal.Seen(rule, 1, "datastream:" + ds, true, T0.plusSeconds(360), 3.5,
                "later", null, null, null)));
        assertThat(alertsOf(admin, rule)).extracting(a -> a.get("status").asString()).containsExactly("RAISED", "RESOLVED");
    }

    /** Posts the observations (minute, value) of one datastream in one CreateObservations request: one committed batch. */
    void observeAll(long datastream, double[][] minuteValue) {
        List<List<Object>> rows = new ArrayList<>();
        for (double[] mv : minuteValue) {
            rows.add(List.of(T0.plusSeconds(60L * (long) mv[0]).toString(), mv[1]));
        }
        Api.Response r = sta().post("/sta/v1.1/CreateObservations", List.of(Map.of(
                "Datastream", Map.of("@iot.id", datastream), "components", List.of("phenomenonTime", "result"),
                "dataArray", rows)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    @Test
    void oneBatchThatRaisesRepeatsClearsAndRaisesAgainCountsEverySightingForMixedRules() {
        String property = unique("level");
        long ds = datastream(property);
        long above = createRule(admin, Map.of("name", "高于2", "kind", "CONDITION", "severity", "RED",
                "watch", watch(property), "condition", "value > 2"));
        long rising = createRule(admin, Map.of("name", "上涨", "kind", "CONDITION", "severity", "BLUE",
                "watch", watch(property), "condition", "value - previous.value > 0.0"));
        observeAll(ds, new double[][] {{0, 1}, {1, 3}, {2, 4}, {3, 5}, {4, 1}, {5, 6}, {6, 7}});
        idle();

        JsonNode a = alertsOf(admin, above);
        assertThat(a).extracting(x -> x.get("status").asString() + " " + x.get("count").asInt() + " "
                + x.get("lastValue").asDouble()).containsExactly("RAISED 2 7.0", "CLEARED 3 5.0");
        assertThat(as(admin).get("/api/v1/alerts/" + a.get(1).get("id").asLong()).json().get("history"))
                .extracting(h -> h.get("change").asString()).containsExactly("RAISED", "CLEARED");
        assertThat(alertsOf(admin, rising)).extracting(x -> x.get("status").asString() + " " + x.get("count").asInt())
                .containsExactly("RAISED 2", "CLEARED 3");

        // the same batch again is a replay: nothing raised, nothing counted
        observeAll(ds, new double[][] {{0, 1}, {1, 3}, {2, 4}, {3, 5}, {4, 1}, {5, 6}, {6, 7}});
        idle();
        assertThat(alertsOf(admin, above)).extracting(x -> x.get("count").asInt()).containsExactly(2, 3);
    }

    @Test
    void signalsOfOneBatchKeepOneActiveAlertExactCountsAndIgnoreReplays() {
        String property = unique("level");
        long ds = datastream(property);
        long rule = createRule(admin, Map.of("name", "批量", "kind", "CONDITION", "severity", "RED",
                "watch", watch(property), "condition", "value > 2"));
        String subject = "datastream:" + ds;
        List<Signal> batch = List.of(
                seen(rule, subject, 1, 3.0), seen(rule, subject, 2, 4.0), seen(rule, subject, 2, 4.0),
                seen(rule, subject, 3, 5.0), new Signal.Cleared(rule, subject, T0.plusSeconds(240)),
                seen(rule, subject, 3, 5.0), seen(rule, subject, 5, 6.0), seen(rule, subject, 6, 6.5));
        alertService.apply(batch);
        assertThat(alertsOf(admin, rule)).extracting(x -> x.get("status").asString() + " " + x.get("count").asInt()
                + " " + x.get("lastEventAt").asString()).containsExactly(
                "RAISED 2 2026-03-02T01:06:00Z", "CLEARED 3 2026-03-02T01:03:00Z");
        // its sightings replayed (as after a restart) raise and count nothing
        alertService.apply(batch.stream().filter(x -> x instanceof Signal.Seen).toList());
        assertThat(alertsOf(admin, rule)).extracting(x -> x.get("count").asInt()).containsExactly(2, 3);
    }

    @Test
    void aClearingOlderThanTheAlertsLatestSightingIsAReplayAndDoesNotClearIt() {
        String property = unique("level");
        long ds = datastream(property);
        long rule = createRule(admin, Map.of("name", "迟到的解除", "kind", "CONDITION", "severity", "RED",
                "watch", watch(property), "condition", "value > 2"));
        String subject = "datastream:" + ds;
        alertService.apply(List.of(seen(rule, subject, 1, 3.0), seen(rule, subject, 5, 4.0)));
        // an observation of minute 3 replayed after a restart, when the engine no longer knows it saw minute 5
        alertService.apply(List.of(new Signal.Cleared(rule, subject, T0.plusSeconds(180))));
        // the same, applied one by one: the too long subject fails the batch's transaction
        alertService.apply(List.of(new Signal.Cleared(rule, subject, T0.plusSeconds(240)),
                seen(rule, "x".repeat(150), 4, 3.0)));
        assertThat(alertsOf(admin, rule)).extracting(x -> x.get("status").asString() + " " + x.get("count").asInt())
                .containsExactly("RAISED 2");
        // a clearing at or after the latest sighting clears it
        alertService.apply(List.of(new Signal.Cleared(rule, subject, T0.plusSeconds(300))));
        assertThat(alertsOf(admin, rule)).extracting(x -> x.get("status").asString()).containsExactly("CLEARED");
    }

    @Autowired AlertStore alertStore;
    @Autowired org.springframework.transaction.support.TransactionTemplate tx;

    @Test
    void aBatchWritesARepeatOrAClearOnlyWhileTheAlertIsAsItReadIt() {
        String property = unique("level");
        long ds = datastream(property);
        long rule = createRule(admin, Map.of("name", "并发修改", "kind", "CONDITION", "severity", "RED",
                "watch", watch(property), "condition", "value > 2"));
        String subject = "datastream:" + ds;
        alertService.apply(List.of(seen(rule, subject, 1, 3.0)));
        long id = alertsOf(admin, rule).get(0).get("id").asLong();
        // a user acknowledges it after an engine batch read it as RAISED with count 1
        assertThat(as(admin).post("/api/v1/alerts/" + id + "/acknowledge", Map.of()).status()).isEqualTo(200);
        Instant now = T0.plusSeconds(3600);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tx.executeWithoutResult(status ->
                        alertStore.clearAll(List.of(new AlertStore.Clear(id, AlertStatus.RAISED)), now)))
                .isInstanceOf(AlertStore.ChangedMeanwhile.class);
        // another writer counted a sighting after the batch read count 1
        alertService.apply(List.of(seen(rule, subject, 2, 4.0)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tx.executeWithoutResult(status ->
                        alertStore.repeatAll(List.of(new AlertStore.Repeat(id, 1, 2, "stale", now, now, 9.0)))))
                .isInstanceOf(AlertStore.ChangedMeanwhile.class);
        JsonNode a = as(admin).get("/api/v1/alerts/" + id).json();
        assertThat(a.get("status").asString() + " " + a.get("count").asInt() + " " + a.get("title").asString())
                .isEqualTo("ACKNOWLEDGED 2 batch 4.0");
        // as read, both are written
        tx.executeWithoutResult(status -> {
            alertStore.repeatAll(List.of(new AlertStore.Repeat(id, 2, 3, "fresh", now, now, 9.0)));
            alertStore.clearAll(List.of(new AlertStore.Clear(id, AlertStatus.ACKNOWLEDGED)), now);
        });
        a = as(admin).get("/api/v1/alerts/" + id).json();
        assertThat(a.get("status").asString() + " " + a.get("count").asInt()).isEqualTo("CLEARED 3");
    }

    Signal.Seen seen(long rule, String subject, int minute, double value) {
        return new Signal.Seen(rule, 1, subject, true, T0.plusSeconds(60L * minute), value, "batch " + value, null,
                null, null);
    }

    @Test
    void aRuleWatchingTagsJudgesOnlyThingsCarryingEveryTag() {
        String property = unique("level");
        long river = datastream(property, List.of("flood", "river"));
        long plain = datastream(property);
        long flood = createRule(admin, Map.of("name", "防汛", "kind", "CONDITION", "severity", "RED",
                "watch", Map.of("observedProperty", property, "tags", List.of("flood")), "condition", "value > 2"));
        long both = createRule(admin, Map.of("name", "桥梁防汛", "kind", "CONDITION", "severity", "RED",
                "watch", Map.of("observedProperty", property, "tags", List.of("flood", "bridge")),
                "condition", "value > 2"));
        long inCel = createRule(admin, Map.of("name", "标签条件", "kind", "CONDITION", "severity", "RED",
                "watch", watch(property), "condition", "value > 2 && 'river' in entity.tags"));
        observe(river, 0, 3.0);
        observe(plain, 0, 3.0);
        idle();
        assertThat(alertsOf(admin, flood)).extracting(a -> a.get("subject").asString())
                .containsExactly("datastream:" + river);
        assertThat(alertsOf(admin, both)).isEmpty();
        assertThat(alertsOf(admin, inCel)).extracting(a -> a.get("subject").asString())
                .containsExactly("datastream:" + river);
        assertThat(as(admin).get("/api/v1/rules/" + both).json().get("definition").get("watch").get("tags"))
                .extracting(JsonNode::asString).containsExactly("flood", "bridge");
    }

    @Test
    void badTagsAreRefusedNamingTheTagAndNothingIsStored() {
        String name = unique("坏标签");
        for (Map.Entry<Object, String> bad : Map.<Object, String>of(
                List.of(), "watch.tags",
                List.of("flood", " "), "watch.tags[1]",
                List.of("flood", "flood"), "watch.tags[1]",
                List.of("x".repeat(65)), "watch.tags[0]",
                "flood", "tags").entrySet()) {
            Api.Response r = as(admin).post("/api/v1/rules", Map.of("name", name, "kind", "CONDITION",
                    "severity", "RED", "watch", Map.of("observedProperty", "level", "tags", bad.getKey()),
                    "condition", "value > 2"));
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.toString()).contains(bad.getValue());
        }
        assertThat(as(admin).get("/api/v1/rules").json().toString()).doesNotContain(name);
    }

    @Test
    void aNewVersionKeepsAlertsWhenOnlyTheConditionChangesAndClearsThemWhenTheWatchChanges() {
        String property = unique("level");
        long ds = datastream(property);
        long rule = createRule(admin, Map.of("name", "改版", "kind", "CONDITION", "severity", "RED",
                "watch", watch(property), "condition", "value > 2"));
        observe(ds, 0, 5.0);
        idle();
        long alert = alertsOf(admin, rule).get(0).get("id").asLong();

        Api.Response v2 = as(admin).put("/api/v1/rules/" + rule + "?version=1", Map.of("name", "改版",
                "kind", "CONDITION", "severity", "RED", "watch", watch(property), "condition", "value > 3"));
        assertThat(v2.status()).as(v2.toString()).isEqualTo(200);
        idle();
        assertThat(as(admin).get("/api/v1/alerts/" + alert).json().get("status").asString()).isEqualTo("RAISED");

        Api.Response v3 = as(admin).put("/api/v1/rules/" + rule + "?version=2", Map.of("name", "改版",
                "kind", "CONDITION", "severity", "RED", "watch", Map.of("observedProperty", property,
                        "tags", List.of("flood")), "condition", "value > 3"));
        assertThat(v3.status()).as(v3.toString()).isEqualTo(200);
        idle();
        JsonNode after = as(admin).get("/api/v1/alerts/" + alert).json();
        assertThat(after.get("status").asString()).isEqualTo("CLEARED");
        assertThat(after.get("history")).last().satisfies(h -> assertThat(h.get("note").asString())
                .startsWith("rule changed to version 3"));
    }

    @Test
    void anAbsenceRuleFindsADatastreamThatFellSilentBeforeTheRuleExisted() {
        String property = unique("level");
        long ds = datastream(property);
        observe(ds, 0, 1.0);
        idle();
        long rule = createRule(admin, Map.of("name", "早已无数据", "kind", "ABSENCE", "severity", "BLUE",
                "watch", watch(property), "absentFor", "PT15M"));
        clock.set(T0.plus(Duration.ofMinutes(20)));
        idle();
        runtime.checkAbsence();
        idle();
        assertThat(alertsOf(admin, rule)).singleElement().satisfies(a -> {
            assertThat(a.get("subject").asString()).isEqualTo("datastream:" + ds);
            assertThat(a.get("lastEventAt").asString()).isEqualTo("2026-03-02T01:15:00Z");
        });
        observe(ds, 21, 1.0);
        idle();
        assertThat(alertsOf(admin, rule).get(0).get("status").asString()).isEqualTo("CLEARED");
    }

    @Test
    void aSignalThatCannotBeWrittenDoesNotLoseTheOthersOfItsBatch() {
        String property = unique("level");
        long ds = datastream(property);
        long rule = createRule(admin, Map.of("name", "坏信号", "kind", "CONDITION", "severity", "RED",
                "watch", watch(property), "condition", "value > 2"));
        // a subject longer than its column fails the batch's transaction; the signals are then applied one by one
        alertService.apply(List.of(seen(rule, "datastream:" + ds, 1, 3.0), seen(rule, "x".repeat(150), 1, 3.0),
                seen(rule, "datastream:" + ds, 2, 4.0)));
        assertThat(alertsOf(admin, rule)).extracting(x -> x.get("subject").asString() + " " + x.get("count").asInt())
                .containsExactly("datastream:" + ds + " 2");
    }
}
