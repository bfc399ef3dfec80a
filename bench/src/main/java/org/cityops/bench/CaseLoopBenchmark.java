package org.cityops.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.cityops.CityOpsApplication;
import org.cityops.cases.CaseAction;
import org.cityops.cases.CaseCommand;
import org.cityops.cases.CaseIntake;
import org.cityops.cases.CaseState;
import org.cityops.cases.CaseWorkflow;
import org.cityops.cases.NewReport;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cases per second through the case loop of the real application: each operation reports one
 * case at a random point of a synthetic city (category E0101), registers it (the responsibility
 * matrix routes it to its district's department) and dispatches it to the suggested department,
 * through {@link CaseIntake} and {@link CaseWorkflow}: three transactions writing the case, two
 * updates of it and three history rows.
 *
 * <p>The application runs in the benchmark's JVM on a random port against a fresh database: an
 * H2 file database in a temporary folder (removed after the trial), or, when
 * {@code -Dbench.db.url=jdbc:postgresql://…} is given (with {@code bench.db.user} and
 * {@code bench.db.password}), a new schema of that PostgreSQL database, so one database serves
 * several trials. The city, its departments and the matrix entries are set up through the
 * application's own HTTP API as an administrator.
 */
public class CaseLoopBenchmark {

    /** The reported subclass: 暴露垃圾, a component of the default catalog's class E01. */
    static final String SUBCLASS = "E0101";
    static final String CATEGORY_CLASS = "E01";
    static final Actor DISPATCHER = new Actor("bench", Role.CITY_DISPATCHER, null, null);
    static final Actor ADMIN = new Actor("admin", Role.ADMIN, null, null);
    static final int POINTS = 1 << 12;

    /** The running application with its seeded city, shared by all benchmark threads. */
    @State(Scope.Benchmark)
    public static class Application {
        ConfigurableApplicationContext context;
        CaseIntake intake;
        CaseWorkflow workflow;
        Path dataDir;
        String schema;

        @Setup(Level.Trial)
        public void start() throws IOException {
            dataDir = Files.createTempDirectory("cityops-bench-");
            List<String> args = new ArrayList<>(List.of(
                    "--server.port=0",
                    // the embedded MQTT broker on a free port, like the web server: 1883 may be taken
                    "--cityops.mqtt.port=0",
                    "--cityops.data-dir=" + dataDir,
                    "--logging.level.root=WARN",
                    // every operation is a new problem: random points would soon fall within the
                    // duplicate radius of earlier cases and be linked instead (-Dbench.duplicates=link to measure that)
                    "--cityops.intake.duplicates.mode=" + System.getProperty("bench.duplicates", "off")));
            schema = BenchDatabase.addTo(args, "bench_");
            context = new SpringApplicationBuilder(CityOpsApplication.class).run(args.toArray(String[]::new));
            intake = context.getBean(CaseIntake.class);
            workflow = context.getBean(CaseWorkflow.class);
            seed();
            CaseWorkflow.Result probe = caseLoop(this, new Reporter(7L));
            if (probe.state() != CaseState.DISPATCHED) {
                throw new IllegalStateException("the probe case ended in " + probe.state() + ", not DISPATCHED");
            }
        }

        private void seed() {
            int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            String token = context.getBean(TokenIssuer.class).issue(ADMIN, "benchmark").token();
            AdminApi api = new AdminApi("http://localhost:" + port, token);
            api.send("/api/v1/geo/import", "application/geo+json", City.geoJson(), 200);
            for (int d = 0; d < City.DISTRICTS; d++) {
                String district = City.districtCode(d);
                JsonNode department = api.send("/api/v1/departments", "application/json", AdminApi.json(Map.of(
                        "code", "SANITATION-" + district, "name", "环卫所" + district, "level", "DISTRICT",
                        "regionCode", district)), 201);
                api.send("/api/v1/matrix", "application/json", AdminApi.json(Map.of(
                        "categoryCode", CATEGORY_CLASS, "regionCode", district,
                        "departmentId", department.get("id").asLong(), "basis", "LOCALITY")), 201);
            }
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            try {
                JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
                long cases = jdbc.queryForObject("SELECT count(*) FROM cases", Long.class);
                long dispatched = jdbc.queryForObject("SELECT count(*) FROM cases WHERE state = 'DISPATCHED'", Long.class);
                long history = jdbc.queryForObject(
                        "SELECT count(*) FROM case_history WHERE action IN ('REPORT', 'REGISTER', 'DISPATCH')", Long.class);
                System.out.printf("%n[case loop] %d cases (%d dispatched), %d report/register/dispatch history rows%s%n",
                        cases, dispatched, history, schema == null ? "" : ", schema " + schema);
                if (history != 3 * cases || dispatched != cases) {
                    throw new IllegalStateException("not every case went report → register → dispatch with its history");
                }
            } finally {
                context.close();
            }
            // the data folder (signing key, H2 database) goes with the trial; a PostgreSQL schema stays
            // for inspection until the database is dropped
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Pre-generated report points and their inspectors, walked round-robin by each thread. */
    @State(Scope.Thread)
    public static class Reporter {
        final double[] lon = new double[POINTS];
        final double[] lat = new double[POINTS];
        final Actor[] inspector = new Actor[POINTS];
        int next;

        public Reporter() {
            this(20260101L + Thread.currentThread().getId());
        }

        Reporter(long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            Actor[] inspectors = new Actor[City.DISTRICTS * City.STREETS];
            for (int k = 0; k < POINTS; k++) {
                int gx = random.nextInt(City.COLUMNS);
                int gy = random.nextInt(City.ROWS);
                // inside the cell, clear of its edges: the point has exactly one grid
                lon[k] = City.WEST + (gx + 0.05 + 0.9 * random.nextDouble()) * City.CELL_LON;
                lat[k] = City.SOUTH + (gy + 0.05 + 0.9 * random.nextDouble()) * City.CELL_LAT;
                int street = City.district(gx) * City.STREETS + City.street(gy);
                if (inspectors[street] == null) {
                    inspectors[street] = new Actor("bench-inspector", Role.GRID_INSPECTOR,
                            City.streetCode(City.district(gx), City.street(gy)), null);
                }
                inspector[k] = inspectors[street];
            }
        }
    }

    /** Returns where one case stands after report → REGISTER → DISPATCH; measured as cases per second. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public CaseWorkflow.Result casesPerSecond(Application app, Reporter reporter) {
        return caseLoop(app, reporter);
    }

    /** Returns where one case stands after report → REGISTER → DISPATCH; measured as milliseconds per case. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public CaseWorkflow.Result timePerCase(Application app, Reporter reporter) {
        return caseLoop(app, reporter);
    }

    /** Returns where one case stands after report → REGISTER → DISPATCH; one call is one case. */
    static CaseWorkflow.Result caseLoop(Application app, Reporter reporter) {
        int k = reporter.next++ & (POINTS - 1);
        CaseIntake.ReportedCase reported = app.intake.report(new NewReport("INSPECTOR", null, null, null,
                reporter.lon[k], reporter.lat[k], null, SUBCLASS, null, "路边有暴露垃圾", List.of(), false),
                reporter.inspector[k]);
        app.workflow.transition(reported.id(), CaseCommand.of(CaseAction.REGISTER), DISPATCHER);
        return app.workflow.transition(reported.id(), CaseCommand.of(CaseAction.DISPATCH), DISPATCHER);
    }

    /**
     * The synthetic city 310100: two districts side by side, each of two streets one above the
     * other, each of two communities side by side, each of 8 × 5 unit grids of about 100 m —
     * 320 grids in a 32 × 10 lattice around People's Square, Shanghai.
     */
    static final class City {
        static final int DISTRICTS = 2;
        static final int STREETS = 2;
        static final int COMMUNITIES = 2;
        static final int GRID_COLUMNS = 8;
        static final int GRID_ROWS = 5;
        static final int COLUMNS = DISTRICTS * COMMUNITIES * GRID_COLUMNS;
        static final int ROWS = STREETS * GRID_ROWS;
        static final double CELL_LON = 0.00105;
        static final double CELL_LAT = 0.0009;
        static final double WEST = 121.4737 - COLUMNS / 2 * CELL_LON;
        static final double SOUTH = 31.2304 - ROWS / 2 * CELL_LAT;

        private City() {
        }

        static int district(int gx) {
            return gx / (COMMUNITIES * GRID_COLUMNS);
        }

        static int street(int gy) {
            return gy / GRID_ROWS;
        }

        static String districtCode(int d) {
            return String.format("3101%02d", d + 1);
        }

        static String streetCode(int d, int s) {
            return districtCode(d) + String.format("%03d", s + 1);
        }

        static String communityCode(int d, int s, int c) {
            return streetCode(d, s) + String.format("%03d", c + 1);
        }

        /** Returns the city as a GeoJSON feature collection in the application's import format. */
        static String geoJson() {
            List<Map<String, Object>> features = new ArrayList<>();
            features.add(feature("city", "310100", "基准市", null, 0, 0, COLUMNS, ROWS));
            int districtWidth = COMMUNITIES * GRID_COLUMNS;
            for (int d = 0; d < DISTRICTS; d++) {
                features.add(feature("district", districtCode(d), "基准" + (d + 1) + "区", "310100",
                        d * districtWidth, 0, districtWidth, ROWS));
                for (int s = 0; s < STREETS; s++) {
                    features.add(feature("street", streetCode(d, s), "基准" + (d + 1) + "区" + (s + 1) + "街道",
                            districtCode(d), d * districtWidth, s * GRID_ROWS, districtWidth, GRID_ROWS));
                    for (int c = 0; c < COMMUNITIES; c++) {
                        int x0 = d * districtWidth + c * GRID_COLUMNS;
                        int y0 = s * GRID_ROWS;
                        String community = communityCode(d, s, c);
                        features.add(feature("community", community, community + "社区", streetCode(d, s),
                                x0, y0, GRID_COLUMNS, GRID_ROWS));
                        for (int j = 0; j < GRID_ROWS; j++) {
                            for (int i = 0; i < GRID_COLUMNS; i++) {
                                String grid = community + String.format("%02d", j * GRID_COLUMNS + i + 1);
                                features.add(feature("grid", grid, grid + "网格", community, x0 + i, y0 + j, 1, 1));
                            }
                        }
                    }
                }
            }
            return AdminApi.json(Map.of("type", "FeatureCollection", "features", features));
        }

        /** Returns a feature whose boundary is the lattice rectangle of w × h cells from cell (x, y). */
        private static Map<String, Object> feature(String kind, String code, String name, String parent,
                                                   int x, int y, int w, int h) {
            double west = WEST + x * CELL_LON;
            double east = WEST + (x + w) * CELL_LON;
            double south = SOUTH + y * CELL_LAT;
            double north = SOUTH + (y + h) * CELL_LAT;
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("kind", kind);
            properties.put("code", code);
            properties.put("name", name);
            if (parent != null) {
                properties.put("parent", parent);
            }
            return Map.of("type", "Feature", "properties", properties, "geometry", Map.of("type", "Polygon",
                    "coordinates", List.of(List.of(List.of(west, south), List.of(east, south), List.of(east, north),
                            List.of(west, north), List.of(west, south)))));
        }
    }

    /** The application's HTTP API as an administrator, for setting up the city. */
    record AdminApi(String base, String token) {
        static final JsonMapper JSON = JsonMapper.builder().build();
        static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        static String json(Object value) {
            return JSON.writeValueAsString(value);
        }

        /** Returns the response body of a POST that must answer with the expected status. */
        JsonNode send(String path, String contentType, String body, int expectedStatus) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
                    .header("Accept", "application/json, application/problem+json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != expectedStatus) {
                    throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                            + response.body());
                }
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new IllegalStateException("POST " + path + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during POST " + path, e);
            }
        }
    }
}
