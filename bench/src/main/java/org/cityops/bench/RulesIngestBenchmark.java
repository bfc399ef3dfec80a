package org.cityops.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.cityops.CityOpsApplication;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;

/**
 * Observations per second through the real ingest path with rules on or off: each operation posts
 * one SensorThings {@code CreateObservations} request of 100 observations (one each for 100
 * consecutive datastreams, one minute later per round over all of them) over HTTP to the
 * application running in the benchmark's JVM, which stores them, hands them to the
 * {@code ObservationFeed} and so to the rule engine's queue.
 *
 * <p>Setup (through the application's HTTP API, as in {@link CaseLoopBenchmark}'s city): 100
 * observed properties and one Sensor, then Things at random points of the city with
 * {@code bench.rules.streams-per-thing} (default 100) datastreams each, {@code streams}
 * datastreams in all, created by deep inserts that refer to the properties and the sensor by id,
 * posted by 4 threads — 1,000 requests for 100,000 datastreams; with {@code rules=1000}, 1,000
 * CONDITION rules: per property and district five conditions (so each observation is judged by
 * five rules). After the trial the engine's figures are printed: a run only counts when
 * {@code droppedBatches} is 0, i.e. the engine kept up with ingest and nothing was shed.
 *
 * <p>Database: the application's H2 file database in a temporary folder, or with
 * {@code -Dbench.db.url=jdbc:postgresql://…} ({@code bench.db.user}, {@code bench.db.password},
 * default {@code cityops}) a new schema of that PostgreSQL database per trial, as
 * {@link ObservationIngestBenchmark} does.
 */
public class RulesIngestBenchmark {

    static final int BATCH = 100;
    static final int PROPERTIES = 100;
    static final int STREAMS_PER_THING = Integer.getInteger("bench.rules.streams-per-thing", 100);
    static final int SEEDING_THREADS = 4;
    static final Actor ADMIN = new Actor("admin", Role.ADMIN, null, null);
    static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    static final String[] CONDITIONS = {
            "value > 99.0",
            "value > 95.0 && window.avg > 50.0",
            "value - previous.value > 95.0",
            "window.rate > 5000.0 && entity.type == 'gauge'",
            "window.max - window.min > 99.0"};
    /** The same five conditions, never true for values in [0, 100): the cost of judging without writing alerts. */
    static final String[] QUIET = {
            "value > 1000.0",
            "value > 1000.0 && window.avg > 50.0",
            "value - previous.value > 1000.0",
            "window.rate > 1.0e9 && entity.type == 'gauge'",
            "window.max - window.min > 1000.0"};

    /** The running application with its seeded sensors and rules. */
    @State(Scope.Benchmark)
    public static class Application {
        @Param({"1000", "0"})
        public int rules;

        @Param({"100000"})
        public int streams;

        /** {@code firing}: a few percent of observations raise, repeat or clear alerts; {@code quiet}: none do. */
        @Param({"firing", "quiet"})
        public String conditions;

        ConfigurableApplicationContext context;
        Path dataDir;
        CaseLoopBenchmark.AdminApi api;
        String base;
        long[] datastreams;
        String schema;
        final AtomicLong next = new AtomicLong();

        @Setup(Level.Trial)
        public void start() throws Exception {
            dataDir = Files.createTempDirectory("cityops-bench-");
            List<String> args = new ArrayList<>(List.of("--server.port=0", "--cityops.data-dir=" + dataDir,
                    "--logging.level.root=WARN", "--cityops.sta-anonymous-writes=true",
                    // observations come over HTTP; the broker would only compete for port 1883 with other runs
                    "--cityops.mqtt.mode=off"));
            schema = BenchDatabase.addTo(args, "bench_");
            context = new SpringApplicationBuilder(CityOpsApplication.class).run(args.toArray(String[]::new));
            int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            base = "http://localhost:" + port;
            String token = context.getBean(TokenIssuer.class).issue(ADMIN, "benchmark").token();
            api = new CaseLoopBenchmark.AdminApi(base, token);
            api.send("/api/v1/geo/import", "application/geo+json", CaseLoopBenchmark.City.geoJson(), 200);
            seedSensors();
            seedRules();
        }

        private void seedSensors() throws Exception {
            long[] properties = new long[PROPERTIES];
            for (int p = 0; p < PROPERTIES; p++) {
                properties[p] = api.send("/sta/v1.1/ObservedProperties", "application/json",
                        CaseLoopBenchmark.AdminApi.json(Map.of("name", "property-" + p,
                                "definition", "http://example.org/property-" + p, "description", "property-" + p)), 201)
                        .get("@iot.id").asLong();
            }
            long sensor = api.send("/sta/v1.1/Sensors", "application/json", CaseLoopBenchmark.AdminApi.json(Map.of(
                    "name", "gauge", "description", "gauge", "encodingType", "application/pdf",
                    "metadata", "http://example.org/gauge.pdf")), 201).get("@iot.id").asLong();
            SplittableRandom random = new SplittableRandom(7);
            int things = (streams + STREAMS_PER_THING - 1) / STREAMS_PER_THING;
            List<String> bodies = new ArrayList<>(things);
            int made = 0;
            for (int t = 0; t < things; t++) {
                double lon = CaseLoopBenchmark.City.WEST + (0.05 + 0.9 * random.nextDouble())
                        * CaseLoopBenchmark.City.COLUMNS * CaseLoopBenchmark.City.CELL_LON;
                double lat = CaseLoopBenchmark.City.SOUTH + (0.05 + 0.9 * random.nextDouble())
                        * CaseLoopBenchmark.City.ROWS * CaseLoopBenchmark.City.CELL_LAT;
                List<Map<String, Object>> ds = new ArrayList<>();
                for (int i = 0; i < STREAMS_PER_THING && made < streams; i++, made++) {
                    ds.add(Map.of("name", "ds-" + made, "description", "bench",
                            "observationType", "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement",
                            "unitOfMeasurement", Map.of("name", "metre", "symbol", "m", "definition", "http://qudt.org/vocab/unit/M"),
                            "Sensor", Map.of("@iot.id", sensor),
                            "ObservedProperty", Map.of("@iot.id", properties[made % PROPERTIES])));
                }
                bodies.add(CaseLoopBenchmark.AdminApi.json(Map.of(
                        "name", "thing-" + t, "description", "bench", "properties", Map.of("cityops:type", "gauge"),
                        "Locations", List.of(Map.of("name", "spot", "description", "spot",
                                "encodingType", "application/geo+json",
                                "location", Map.of("type", "Point", "coordinates", List.of(lon, lat)))),
                        "Datastreams", ds)));
            }
            ExecutorService pool = Executors.newFixedThreadPool(SEEDING_THREADS);
            try {
                List<Future<JsonNode>> posted = new ArrayList<>(things);
                for (String body : bodies) {
                    posted.add(pool.submit(() -> api.send("/sta/v1.1/Things", "application/json", body, 201)));
                }
                for (Future<JsonNode> f : posted) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            datastreams = context.getBean(JdbcTemplate.class)
                    .queryForList("select id from sta_datastream order by id", Long.class)
                    .stream().mapToLong(Long::longValue).toArray();
        }

        private void seedRules() {
            for (int r = 0; r < rules; r++) {
                int p = r % PROPERTIES;
                int d = (r / PROPERTIES) % CaseLoopBenchmark.City.DISTRICTS;
                api.send("/api/v1/rules", "application/json", CaseLoopBenchmark.AdminApi.json(Map.of(
                        "name", "bench-" + r, "kind", "CONDITION", "severity", "YELLOW", "window", "PT10M",
                        "watch", Map.of("observedProperty", "property-" + p,
                                "region", CaseLoopBenchmark.City.districtCode(d)),
                        "condition", ("quiet".equals(conditions) ? QUIET : CONDITIONS)
                                [(r / (PROPERTIES * CaseLoopBenchmark.City.DISTRICTS)) % CONDITIONS.length])),
                        201);
            }
        }

        private JsonNode iterationStart;

        @Setup(Level.Iteration)
        public void beginIteration() {
            iterationStart = engineFigures();
        }

        /**
         * Prints the engine thread's CPU time per observation judged during the iteration: a
         * figure that, unlike throughput, hardly depends on what else runs on the machine.
         */
        @TearDown(Level.Iteration)
        public void endIteration() {
            JsonNode end = engineFigures();
            long observations = end.get("observations").asLong() - iterationStart.get("observations").asLong();
            long cpu = end.get("cpuMillis").asLong() - iterationStart.get("cpuMillis").asLong();
            if (observations > 0 && cpu >= 0) {
                System.out.printf("  [engine] %.2f µs CPU per observation (%d ms for %d observations, %d queued)%n",
                        cpu * 1000.0 / observations, cpu, observations, end.get("queued").asInt());
            }
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException, InterruptedException {
            try {
                JsonNode engine = engineFigures();
                for (int i = 0; i < 600 && engine.get("queued").asInt() > 0; i++) {
                    Thread.sleep(100);
                    engine = engineFigures();
                }
                long stored = context.getBean(JdbcTemplate.class)
                        .queryForObject("select count(*) from sta_observation", Long.class);
                long alerts = context.getBean(JdbcTemplate.class).queryForObject("select count(*) from alert", Long.class);
                System.out.printf("%n[ingest] rules=%d (%s) streams=%d: %d observations stored, %d alerts; engine %s%s%n",
                        rules, conditions, datastreams.length, stored, alerts, engine,
                        schema == null ? "" : "; schema " + schema);
            } finally {
                context.close();
            }
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }

        private JsonNode engineFigures() {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/rules/engine"))
                    .header("Authorization", "Bearer " + api.token()).GET().build();
            try {
                return CaseLoopBenchmark.AdminApi.JSON.readTree(CaseLoopBenchmark.AdminApi.HTTP
                        .send(request, HttpResponse.BodyHandlers.ofString()).body());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Pre-drawn values, per thread. */
    @State(Scope.Thread)
    public static class Values {
        final SplittableRandom random = new SplittableRandom(Thread.currentThread().getId());
    }

    /** Posts 100 observations in one CreateObservations request; measured as observations per second. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public JsonNode observationsPerSecond(Application app, Values values) {
        long first = app.next.getAndAdd(BATCH);
        List<Map<String, Object>> body = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            long k = first + i;
            int stream = (int) (k % app.datastreams.length);
            long round = k / app.datastreams.length;
            body.add(Map.of("Datastream", Map.of("@iot.id", app.datastreams[stream]),
                    "components", List.of("phenomenonTime", "result"),
                    "dataArray", List.of(List.of(T0.plusSeconds(60 * round).toString(), values.random.nextDouble() * 100))));
        }
        return app.api.send("/sta/v1.1/CreateObservations", "application/json",
                CaseLoopBenchmark.AdminApi.json(body), 201);
    }
}
