package org.cityops.demo.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;

/**
 * Seeds the demo city through the platform's HTTP API, step by step and idempotently: each step
 * creates only what is missing (the city model, departments, users, matrix entries, observed
 * properties, sensors, things and rules), so a second start — or a start after an interrupted one —
 * duplicates nothing. A database holding another city is left alone unless
 * {@code cityops.demo.seed-into-existing} asks otherwise.
 */
final class DemoSeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);
    static final Actor SEEDER = new Actor("demo-seeder", Role.ADMIN, null, null);
    private static final String MEASUREMENT = "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement";

    private final LocalApi api;
    private final DemoSettings settings;

    DemoSeeder(LocalApi api, DemoSettings settings) {
        this.api = api;
        this.settings = settings;
    }

    /** Returns whether the demo city is in place (seeded now or before); false when another city was found. */
    boolean seed() {
        JsonNode cities = api.get("/api/v1/divisions?level=CITY&size=1000", SEEDER).require("list cities");
        for (JsonNode c : cities.path("items")) {
            if (!DemoCity.CITY_CODE.equals(c.path("code").asString()) && !settings.seedIntoExisting()) {
                log.warn("Demo city not seeded and simulator not started: this database already holds the city {} ({}). "
                        + "Use another data directory (CITYOPS_DATA_DIR) or set cityops.demo.seed-into-existing=true.",
                        c.path("code").asString(), c.path("name").asString());
                return false;
            }
        }
        importCityModel();
        Map<String, Long> departments = departments();
        users(departments);
        matrix(departments);
        sensors(departments);
        rules();
        log.info("Demo city {} ({}) is ready; demo users log in with the password from cityops.demo.password",
                DemoCity.CITY_NAME, DemoCity.CITY_CODE);
        return true;
    }

    private void importCityModel() {
        List<String> districts = DemoCity.districtCodes();
        String lastGrid = districts.get(districts.size() - 1) + String.format("%03d%03d%02d",
                DemoCity.STREETS_PER_DISTRICT, DemoCity.COMMUNITIES_PER_STREET, DemoCity.GRID_COLUMNS * DemoCity.GRID_ROWS);
        if (api.get("/api/v1/grids/" + lastGrid, SEEDER).ok()) {
            return;
        }
        JsonNode counts = api.post("/api/v1/geo/import", DemoCity.geoJson("inspector"), SEEDER).require("import the city model");
        log.info("Demo city model imported: {}", counts.path("counts"));
    }

    /** Creates the missing departments; returns every department's id by code. */
    private Map<String, Long> departments() {
        Map<String, Long> ids = departmentIds();
        int created = 0;
        for (DemoCity.DepartmentSpec d : DemoCity.departments()) {
            if (!ids.containsKey(d.code())) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("code", d.code());
                body.put("name", d.name());
                body.put("level", d.level());
                body.put("regionCode", d.regionCode());
                body.put("contact", "0571-8" + String.format("%07d", Math.abs(d.code().hashCode()) % 10_000_000));
                JsonNode made = api.post("/api/v1/departments", body, SEEDER).require("create department " + d.code());
                ids.put(d.code(), made.path("id").asLong());
                created++;
            }
        }
        if (created > 0) {
            log.info("Demo departments created: {}", created);
        }
        return ids;
    }

    private Map<String, Long> departmentIds() {
        Map<String, Long> ids = new HashMap<>();
        for (JsonNode d : api.get("/api/v1/departments", SEEDER).require("list departments")) {
            ids.put(d.path("code").asString(), d.path("id").asLong());
        }
        return ids;
    }

    private void users(Map<String, Long> departments) {
        Set<String> existing = new HashSet<>();
        for (JsonNode u : api.get("/api/v1/users", SEEDER).require("list users")) {
            existing.add(u.path("username").asString());
        }
        List<DemoCity.UserSpec> wanted = new ArrayList<>(DemoCity.users());
        for (DemoCity.DepartmentSpec d : DemoCity.departments()) {
            wanted.add(new DemoCity.UserSpec(Simulator.handlerName(d.code()), d.name() + "处置员",
                    "DEPARTMENT_HANDLER", null, d.code()));
        }
        for (DemoCity.UserSpec u : wanted) {
            if (existing.contains(u.username())) {
                continue;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("username", u.username());
            body.put("password", settings.password());
            body.put("displayName", u.displayName());
            body.put("role", u.role());
            body.put("regionCode", u.regionCode());
            body.put("departmentId", u.departmentCode() == null ? null : departments.get(u.departmentCode()));
            api.post("/api/v1/users", body, SEEDER).require("create user " + u.username());
        }
    }

    private void matrix(Map<String, Long> departments) {
        Set<String> existing = new HashSet<>();
        for (JsonNode e : api.get("/api/v1/matrix", SEEDER).require("list the matrix")) {
            if (e.path("active").asBoolean(true)) {
                existing.add(e.path("categoryCode").asString() + "|" + e.path("regionCode").asString());
            }
        }
        List<String> mainClasses = new ArrayList<>();
        for (JsonNode kind : api.get("/api/v1/categories", SEEDER).require("read the catalog").path("kinds")) {
            for (JsonNode main : kind.path("mainClasses")) {
                mainClasses.add(main.path("code").asString());
            }
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        for (DemoCity.MatrixSpec m : DemoCity.matrix(mainClasses)) {
            if (!existing.contains(m.mainClass() + "|" + m.districtCode())) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("categoryCode", m.mainClass());
                entry.put("regionCode", m.districtCode());
                entry.put("departmentId", departments.get(DemoCity.departmentCode(m.districtCode(), m.bureau())));
                entry.put("basis", m.basis());
                entries.add(entry);
            }
        }
        if (!entries.isEmpty()) {
            api.post("/api/v1/matrix/import", Map.of("entries", entries), SEEDER).require("import the matrix");
            log.info("Demo responsibility matrix entries imported: {}", entries.size());
        }
    }

    private void sensors(Map<String, Long> departments) {
        Set<String> existing = new HashSet<>();
        for (JsonNode s : api.get("/api/v1/sensors", SEEDER).require("list sensors")) {
            existing.add(s.path("name").asString());
        }
        Map<DemoCity.SensorType, Long> properties = new HashMap<>();
        Map<DemoCity.SensorType, Long> sensorModels = new HashMap<>();
        int created = 0;
        for (DemoCity.SensorSpec s : DemoCity.sensors()) {
            if (existing.contains(s.name())) {
                continue;
            }
            DemoCity.SensorType type = s.type();
            long property = properties.computeIfAbsent(type, this::observedProperty);
            long model = sensorModels.computeIfAbsent(type, this::sensorModel);
            Map<String, Object> location = new LinkedHashMap<>();
            location.put("name", s.name() + " 安装位置");
            location.put("description", "demo city installation point");
            location.put("encodingType", "application/geo+json");
            location.put("location", Map.of("type", "Point", "coordinates", List.of(s.longitude(), s.latitude())));
            Map<String, Object> stream = new LinkedHashMap<>();
            stream.put("name", s.name() + " " + type.observedProperty);
            stream.put("description", type.observedProperty + " (" + type.unitSymbol + ")");
            stream.put("observationType", MEASUREMENT);
            stream.put("unitOfMeasurement", Map.of("name", type.unitName, "symbol", type.unitSymbol,
                    "definition", "https://cityops.local/units/" + type.code));
            stream.put("ObservedProperty", Map.of("@iot.id", property));
            // five missed readings make the device offline (device liveness)
            stream.put("properties", Map.of("cityops:expectedInterval",
                    settings.simulator().readingInterval().multipliedBy(5).toString()));
            stream.put("Sensor", Map.of("@iot.id", model));
            Map<String, Object> thing = new LinkedHashMap<>();
            thing.put("name", s.name());
            thing.put("description", type.deviceName + "（示范城市）");
            thing.put("properties", Map.of("cityops:type", type.code,
                    "cityops:department", departments.get(DemoCity.departmentCode(s.districtCode(), type.bureau))));
            thing.put("Locations", List.of(location));
            thing.put("Datastreams", List.of(stream));
            api.post("/sta/v1.1/Things", thing, SEEDER).require("create sensor " + s.name());
            created++;
        }
        if (created > 0) {
            log.info("Demo sensors created: {}", created);
        }
    }

    /** Creates the demo rules that are missing (by name). */
    private void rules() {
        Set<String> existing = new HashSet<>();
        for (JsonNode r : api.get("/api/v1/rules", SEEDER).require("list rules")) {
            existing.add(r.path("name").asString());
        }
        int created = 0;
        for (Map<String, Object> rule : DemoRules.rules()) {
            if (!existing.contains((String) rule.get("name"))) {
                api.post("/api/v1/rules", rule, SEEDER).require("create rule " + rule.get("name"));
                created++;
            }
        }
        if (created > 0) {
            log.info("Demo rules created: {}", created);
        }
    }

    private long observedProperty(DemoCity.SensorType type) {
        return findOrCreate("ObservedProperties", type.observedProperty, Map.of("name", type.observedProperty,
                "definition", "https://cityops.local/observed-properties/" + type.code,
                "description", type.observedProperty + " measured by " + type.code + " sensors"));
    }

    private long sensorModel(DemoCity.SensorType type) {
        String name = type.deviceName + " " + type.code;
        return findOrCreate("Sensors", name, Map.of("name", name, "description", type.deviceName + "（示范型号）",
                "encodingType", "text/html", "metadata", "https://cityops.local/sensors/" + type.code));
    }

    private long findOrCreate(String set, String name, Map<String, Object> body) {
        String filter = URLEncoder.encode("name eq '" + name.replace("'", "''") + "'", StandardCharsets.UTF_8)
                .replace("+", "%20");
        JsonNode found = api.get("/sta/v1.1/" + set + "?$filter=" + filter + "&$top=1", SEEDER).require("find " + name);
        if (!found.path("value").isEmpty()) {
            return found.path("value").get(0).path("@iot.id").asLong();
        }
        return api.post("/sta/v1.1/" + set, body, SEEDER).require("create " + name).path("@iot.id").asLong();
    }
}
