package org.cityops.demo.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;

/**
 * One tick of the living demo city, all through the HTTP API: sensor readings that are due (one
 * {@code CreateObservations} batch), new reports from inspectors and the 12345 hotline at the
 * configured rate, and simulated people moving cases through the loop — register, dispatch,
 * accept, feed back, verify, close — each case after its own dwell time, some of them late.
 * Work per tick is bounded; the caller schedules the ticks.
 */
final class Simulator {

    private static final Logger log = LoggerFactory.getLogger(Simulator.class);
    static final Actor DISPATCHER = new Actor("dispatcher", Role.CITY_DISPATCHER, null, null);

    /** One datastream the simulator feeds. */
    record Stream(long datastreamId, DemoCity.SensorType type, int index) {
    }

    private final LocalApi api;
    private final DemoSettings.Simulator settings;
    private final Clock clock;
    private final RandomGenerator random;
    private final Readings readings;
    private final Map<Long, String> departmentCodes = new HashMap<>();
    private final Map<String, Long> urbanDepartmentByDistrict = new HashMap<>();
    private final List<Stream> streams = new ArrayList<>();
    private final Map<Long, Instant> nextReading = new HashMap<>();
    private double reportsOwed;

    Simulator(LocalApi api, DemoSettings.Simulator settings, Clock clock, RandomGenerator random, Readings readings) {
        this.api = api;
        this.settings = settings;
        this.clock = clock;
        this.random = random;
        this.readings = readings;
    }

    /** Returns the username of the simulated handler of a department. */
    static String handlerName(String departmentCode) {
        return "sim-" + departmentCode.replace("demo-", "");
    }

    /** Loads the departments and the demo sensors' datastreams, spreading their first readings over one interval. */
    void load() {
        for (JsonNode d : api.get("/api/v1/departments", DemoSeeder.SEEDER).require("list departments")) {
            String code = d.path("code").asString();
            departmentCodes.put(d.path("id").asLong(), code);
            if (code.endsWith("-" + DemoCity.Bureau.URBAN.abbreviation.toLowerCase())) {
                urbanDepartmentByDistrict.put(d.path("regionCode").asString(), d.path("id").asLong());
            }
        }
        Instant now = clock.instant();
        long spread = Math.max(1, settings.readingInterval().toMillis());
        int i = 0;
        for (JsonNode s : api.get("/api/v1/sensors", DemoSeeder.SEEDER).require("list sensors")) {
            DemoCity.SensorType type;
            try {
                type = DemoCity.SensorType.of(s.path("type").asString());
            } catch (IllegalArgumentException e) {
                // a sensor someone added by hand, of a type the simulator does not model
                continue;
            }
            for (JsonNode d : s.path("datastreams")) {
                Stream stream = new Stream(d.path("id").asLong(), type, i++);
                streams.add(stream);
                nextReading.put(stream.datastreamId(), now.plusMillis(Math.floorMod(stream.datastreamId() * 7919, spread)));
            }
        }
        // a few reports at once, so the screen has something to show within the first minute
        reportsOwed = Math.min(3, settings.rate());
        log.info("Demo simulator: {} datastreams, {} reports per minute", streams.size(), settings.rate());
    }

    /** Runs one tick; failures of one part are logged and do not stop the others. */
    void tick() {
        Instant now = clock.instant();
        try {
            observe(now);
        } catch (RuntimeException e) {
            log.warn("Demo simulator: readings failed: {}", e.getMessage());
        }
        try {
            report(now);
        } catch (RuntimeException e) {
            log.warn("Demo simulator: reports failed: {}", e.getMessage());
        }
        try {
            handle(now);
        } catch (RuntimeException e) {
            log.warn("Demo simulator: handling failed: {}", e.getMessage());
        }
    }

    void observe(Instant now) {
        readings.advanceWeather(now);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (Stream s : streams) {
            Instant due = nextReading.get(s.datastreamId());
            if (due.isAfter(now)) {
                continue;
            }
            nextReading.put(s.datastreamId(), due.plus(settings.readingInterval()).isAfter(now)
                    ? due.plus(settings.readingInterval()) : now.plus(settings.readingInterval()));
            Optional<Double> value = readings.reading(s.type(), s.datastreamId(), s.index(), now);
            if (value.isEmpty()) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("Datastream", Map.of("@iot.id", s.datastreamId()));
            row.put("components", List.of("phenomenonTime", "result"));
            row.put("dataArray", List.of(List.of(now.toString(), value.get())));
            batch.add(row);
        }
        if (!batch.isEmpty()) {
            api.post("/sta/v1.1/CreateObservations", batch, DemoSeeder.SEEDER).require("post observations");
        }
    }

    void report(Instant now) {
        reportsOwed += settings.rate() * settings.tick().toMillis() / 60_000d;
        int count = 0;
        while (reportsOwed >= 1 && count < 5) {
            reportsOwed -= 1;
            count++;
            if (random.nextDouble() < 0.15) {
                // people do not report evenly: some minutes pass without a report
                continue;
            }
            ReportScript.Report r = ReportScript.next(random);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("sourceType", r.hotline() ? "HOTLINE" : "INSPECTOR");
            body.put("longitude", r.longitude());
            body.put("latitude", r.latitude());
            body.put("address", r.address());
            body.put("categoryCode", r.categoryCode());
            body.put("description", r.description());
            if (r.hotline()) {
                body.put("sourceRef", "RX" + now.toEpochMilli());
                body.put("reporter", Map.of("name", r.callerName(), "contact", r.callerPhone()));
            }
            Actor reporter = r.hotline() ? DISPATCHER
                    : new Actor("inspector", Role.GRID_INSPECTOR, DemoCity.streetAt(r.longitude(), r.latitude()), null);
            LocalApi.Answer a = api.post("/api/v1/cases", body, reporter);
            if (!a.ok()) {
                log.debug("Demo simulator: report refused {}: {}", a.status(), a.body());
            }
        }
        reportsOwed = Math.min(reportsOwed, 5);
    }

    /** The next step of each state, in the order the loop runs them (later states first, to finish cases). */
    private static final List<String> STATES = List.of("VERIFIED", "VERIFYING", "HANDLED", "HANDLING", "DISPATCHED",
            "RETURNED", "REGISTERED", "REPORTED");

    void handle(Instant now) {
        int budget = settings.maxStepsPerTick();
        for (String state : STATES) {
            if (budget <= 0) {
                return;
            }
            JsonNode page = api.get("/api/v1/cases?state=" + state + "&limit=200", DISPATCHER).require("list " + state);
            List<JsonNode> items = new ArrayList<>();
            page.path("items").forEach(items::add);
            // oldest first, so nothing starves behind newer cases
            for (int i = items.size() - 1; i >= 0 && budget > 0; i--) {
                JsonNode c = items.get(i);
                Instant since = Instant.parse(c.path("updatedAt").asString());
                if (Duration.between(since, now).compareTo(CaseDwell.of(state, c.path("id").asLong())) < 0) {
                    continue;
                }
                if (step(state, c)) {
                    budget--;
                }
            }
        }
    }

    private boolean step(String state, JsonNode c) {
        long id = c.path("id").asLong();
        Map<String, Object> body = new LinkedHashMap<>();
        Actor actor = DISPATCHER;
        switch (state) {
            case "REPORTED" -> {
                if (CaseDwell.rejected(id)) {
                    body.put("action", "REJECT");
                    body.put("comment", "经核实不属于城市管理范围，已告知反映人");
                } else {
                    body.put("action", "REGISTER");
                    body.put("categoryCode", c.path("categoryCode").isString() ? c.path("categoryCode").asString()
                            : ReportScript.PROBLEMS.get((int) (id % ReportScript.PROBLEMS.size())).categoryCode());
                    body.put("urgency", id % 11 == 0 ? "URGENT" : "NORMAL");
                }
            }
            case "REGISTERED", "RETURNED" -> {
                body.put("action", "DISPATCH");
                body.put("departmentId", department(c));
                body.put("comment", "请按时处置");
            }
            case "DISPATCHED" -> {
                actor = handler(c);
                body.put("action", "ACCEPT");
            }
            case "HANDLING" -> {
                actor = handler(c);
                body.put("action", "FEEDBACK");
                body.put("comment", "已到现场处置完毕，恢复正常");
            }
            case "HANDLED" -> {
                body.put("action", "REQUEST_VERIFICATION");
                body.put("verifier", "inspector");
            }
            case "VERIFYING" -> {
                String street = c.path("location").path("streetCode").asString(null);
                actor = street == null ? DISPATCHER : new Actor("inspector", Role.GRID_INSPECTOR, street, null);
                if (CaseDwell.reworked(id) && c.path("reworkCount").asInt() == 0) {
                    body.put("action", "VERIFY_FAIL");
                    body.put("comment", "现场复核仍未整改到位，请返工");
                } else {
                    body.put("action", "VERIFY_PASS");
                }
            }
            case "VERIFIED" -> body.put("action", "CLOSE");
            default -> {
                return false;
            }
        }
        if (actor == null) {
            return false;
        }
        body.put("version", c.path("version").asInt());
        LocalApi.Answer a = api.post("/api/v1/cases/" + id + "/transitions", body, actor);
        if (!a.ok()) {
            log.debug("Demo simulator: {} of case {} refused {}: {}", body.get("action"), id, a.status(), a.body());
        }
        return a.ok();
    }

    private Long department(JsonNode c) {
        if (c.path("suggestedDepartmentId").canConvertToLong() && !c.path("suggestedDepartmentId").isNull()) {
            return c.path("suggestedDepartmentId").asLong();
        }
        String district = c.path("location").path("districtCode").asString(null);
        return district == null ? urbanDepartmentByDistrict.values().stream().findFirst().orElse(null)
                : urbanDepartmentByDistrict.get(district);
    }

    private Actor handler(JsonNode c) {
        if (!c.path("leadDepartmentId").isNumber()) {
            return null;
        }
        long department = c.path("leadDepartmentId").asLong();
        String code = departmentCodes.get(department);
        return new Actor(code == null ? "sim-handler" : handlerName(code), Role.DEPARTMENT_HANDLER, null, department);
    }
}
