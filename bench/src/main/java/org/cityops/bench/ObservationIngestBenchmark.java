package org.cityops.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.cityops.CityOpsApplication;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
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
 * Observations per second through the SensorThings HTTP ingest of the real application, and the
 * time until each acknowledgement (an acknowledgement is sent only after the commit):
 * {@code singlePost*} sends one Observation per {@code POST /sta/v1.1/Datastreams(id)/Observations}
 * (run it with {@code -t 16} for 16 connections), {@code dataArray*} one
 * {@code POST /sta/v1.1/CreateObservations} of {@value #ROWS} rows.
 *
 * <p>The application runs in the benchmark's JVM on a random port with
 * {@code cityops.sta-anonymous-writes=true} (no token: device credentials are not what is measured),
 * against a fresh H2 file database, or with {@code -Dbench.db.url=jdbc:postgresql://…} a new
 * schema of that PostgreSQL database, as in {@link CaseLoopBenchmark}. {@value #STREAMS} Things
 * with one Location and one OM_Measurement Datastream each are created through the API; each
 * benchmark thread writes to its own Datastream. After the trial every acknowledged observation
 * is checked to be stored.
 */
public class ObservationIngestBenchmark {

    /** Rows per CreateObservations request. */
    static final int ROWS = 1000;
    static final int STREAMS = 64;
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The running application with its Things and Datastreams, shared by all benchmark threads. */
    @State(Scope.Benchmark)
    public static class Application {
        ConfigurableApplicationContext context;
        HttpClient http;
        String base;
        long[] datastreams = new long[STREAMS];
        final AtomicInteger threads = new AtomicInteger();
        final AtomicLong acknowledged = new AtomicLong();
        Path dataDir;
        String schema;

        @Setup(Level.Trial)
        public void start() throws IOException {
            dataDir = Files.createTempDirectory("cityops-bench-");
            List<String> args = new ArrayList<>(List.of(
                    "--server.port=0",
                    "--cityops.data-dir=" + dataDir,
                    "--logging.level.root=WARN",
                    "--cityops.sta-anonymous-writes=true"));
            addIngestSettings(args);
            schema = BenchDatabase.addTo(args, "bench_");
            context = new SpringApplicationBuilder(CityOpsApplication.class).run(args.toArray(String[]::new));
            int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            base = "http://localhost:" + port + "/sta/v1.1";
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            for (int i = 0; i < STREAMS; i++) {
                JsonNode thing = post("/Things", thing(i), 201);
                JsonNode streams = get("/Things(" + thing.get("@iot.id").asLong() + ")/Datastreams");
                datastreams[i] = streams.get("value").get(0).get("@iot.id").asLong();
            }
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            try {
                long stored = context.getBean(JdbcTemplate.class).queryForObject(
                        "SELECT count(*) FROM sta_observation", Long.class);
                System.out.printf("%n[observation ingest] %d acknowledged, %d stored%s%n", acknowledged.get(), stored,
                        schema == null ? "" : ", schema " + schema);
                if (stored < acknowledged.get()) {
                    throw new IllegalStateException("fewer observations stored than acknowledged");
                }
            } finally {
                context.close();
            }
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }

        private static Map<String, Object> thing(int i) {
            double lon = 121.40 + (i % 8) * 0.01;
            double lat = 31.20 + (i / 8) * 0.01;
            return Map.of("name", "gauge " + i, "description", "benchmark water level gauge",
                    "properties", Map.of("cityops:type", "water-level"),
                    "Locations", List.of(Map.of("name", "gauge " + i, "description", "where it stands",
                            "encodingType", "application/geo+json",
                            "location", Map.of("type", "Point", "coordinates", List.of(lon, lat)))),
                    "Datastreams", List.of(Map.of("name", "level " + i, "description", "water level",
                            "observationType", "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement",
                            "unitOfMeasurement", Map.of("name", "metre", "symbol", "m",
                                    "definition", "http://qudt.org/vocab/unit/M"),
                            "Sensor", Map.of("name", "radar " + i, "description", "radar gauge",
                                    "encodingType", "text/plain", "metadata", "radar"),
                            "ObservedProperty", Map.of("name", "water level " + i,
                                    "definition", "http://example.org/water-level", "description", "water height"))));
        }

        JsonNode post(String path, Object body, int expected) {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(text)).build();
            HttpResponse<String> response = send(request);
            if (response.statusCode() != expected) {
                throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        }

        JsonNode get(String path) {
            return JSON.readTree(send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(60)).GET().build()).body());
        }

        private HttpResponse<String> send(HttpRequest request) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** One benchmark thread: its own Datastream and an advancing phenomenon time. */
    @State(Scope.Thread)
    public static class Device {
        long datastream;
        Instant clock = Instant.parse("2026-01-01T00:00:00Z");
        int n;

        @Setup(Level.Trial)
        public void pick(Application app) {
            datastream = app.datastreams[app.threads.getAndIncrement() % STREAMS];
        }

        String next() {
            clock = clock.plusMillis(100);
            return clock.toString();
        }
    }

    /** Returns the created Observation after one single-observation POST; counted per observation. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public JsonNode singlePost(Application app, Device device) {
        return single(app, device);
    }

    /** Returns the created Observation after one single-observation POST; timed per acknowledgement. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public JsonNode singlePostLatency(Application app, Device device) {
        return single(app, device);
    }

    static JsonNode single(Application app, Device device) {
        String body = "{\"phenomenonTime\":\"" + device.next() + "\",\"result\":" + (device.n++ % 500) / 100.0 + "}";
        JsonNode created = app.post("/Datastreams(" + device.datastream + ")/Observations", body, 201);
        app.acknowledged.incrementAndGet();
        return created;
    }

    /** Returns the per-row answers of one CreateObservations of {@value #ROWS} rows; counted per observation. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(ROWS)
    public JsonNode dataArrayObservations(Application app, Device device) {
        return dataArray(app, device);
    }

    /** Returns the per-row answers of one CreateObservations of {@value #ROWS} rows; timed per request. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public JsonNode dataArrayLatency(Application app, Device device) {
        return dataArray(app, device);
    }

    static JsonNode dataArray(Application app, Device device) {
        StringBuilder rows = new StringBuilder(ROWS * 40);
        for (int i = 0; i < ROWS; i++) {
            rows.append(i == 0 ? "" : ",").append("[\"").append(device.next()).append("\",")
                    .append((device.n++ % 500) / 100.0).append(']');
        }
        String body = "[{\"Datastream\":{\"@iot.id\":" + device.datastream + "},\"components\":[\"phenomenonTime\","
                + "\"result\"],\"dataArray\":[" + rows + "]}]";
        JsonNode answers = app.post("/CreateObservations", body, 201);
        for (JsonNode a : answers) {
            if ("error".equals(a.asString())) {
                throw new IllegalStateException("a row was refused: " + answers);
            }
        }
        app.acknowledged.addAndGet(answers.size());
        return answers;
    }

    /** Passes {@code -Dbench.ingest.<setting>=…} on as {@code --cityops.sensing.ingest.<setting>=…}. */
    static void addIngestSettings(List<String> args) {
        for (String setting : List.of("queue-capacity", "max-batch", "writers", "rows-per-statement", "copy")) {
            String v = System.getProperty("bench.ingest." + setting);
            if (v != null) {
                args.add("--cityops.sensing.ingest." + setting + "=" + v);
            }
        }
    }
}
