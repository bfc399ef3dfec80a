package org.cityops.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.cityops.CityOpsApplication;
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

/**
 * Single-observation MQTT publishes (QoS 1) through the embedded broker of the real application:
 * each JMH thread is one publisher with its own connection (logged in with a device credential)
 * that publishes one Observation to {@code v1.1/Datastreams(id)/Observations} and waits for the
 * PUBACK, which the broker sends only after the observation committed. {@code -t 100} means 100
 * publishers. Throughput mode gives observations per second, sample mode the PUBACK latency
 * percentiles (p50, p99).
 *
 * <p>The application runs in the benchmark's JVM against an H2 file database in a temporary
 * folder, or with {@code -Dbench.db.url=jdbc:postgresql://…} a new schema of that database (as
 * {@link CaseLoopBenchmark}). One Thing has {@code bench.mqtt.streams} (64) Datastreams; publishers
 * spread over them.
 */
public class MqttIngestBenchmark {

    static final Actor ADMIN = new Actor("admin", Role.ADMIN, null, null);
    static final int STREAMS = Integer.getInteger("bench.mqtt.streams", 64);

    /** The running application with one Thing, its Datastreams and a device credential. */
    @State(Scope.Benchmark)
    public static class Application {
        ConfigurableApplicationContext context;
        Path dataDir;
        String schema;
        int mqttPort;
        String username;
        String password;
        long[] datastreams = new long[STREAMS];
        final AtomicInteger publishers = new AtomicInteger();

        @Setup(Level.Trial)
        public void start() throws IOException {
            dataDir = Files.createTempDirectory("cityops-bench-");
            List<String> args = new ArrayList<>(List.of("--server.port=0", "--cityops.data-dir=" + dataDir,
                    "--logging.level.root=WARN", "--cityops.mqtt.port=0",
                    "--cityops.mqtt.max-in-flight=" + System.getProperty("bench.mqtt.in-flight", "16")));
            ObservationIngestBenchmark.addIngestSettings(args);
            schema = BenchDatabase.addTo(args, "bench_");
            context = new SpringApplicationBuilder(CityOpsApplication.class).run(args.toArray(String[]::new));
            int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            String token = context.getBean(TokenIssuer.class).issue(ADMIN, "benchmark").token();
            CaseLoopBenchmark.AdminApi api = new CaseLoopBenchmark.AdminApi("http://localhost:" + port, token);
            List<Map<String, Object>> streams = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                streams.add(Map.of("name", "level " + i, "description", "water level", "observationType",
                        "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement",
                        "unitOfMeasurement", Map.of("name", "metre", "symbol", "m", "definition", "http://qudt.org/vocab/unit/M"),
                        "Sensor", Map.of("name", "gauge " + i, "description", "radar gauge",
                                "encodingType", "application/pdf", "metadata", "http://example.org/gauge.pdf"),
                        "ObservedProperty", Map.of("name", "water level", "definition", "http://example.org/level",
                                "description", "height of the water surface")));
            }
            JsonNode thing = api.send("/sta/v1.1/Things", "application/json", CaseLoopBenchmark.AdminApi.json(Map.of(
                    "name", "bench station", "description", "publishes over MQTT",
                    "Locations", List.of(Map.of("name", "spot", "description", "d", "encodingType", "application/geo+json",
                            "location", Map.of("type", "Point", "coordinates", List.of(121.47, 31.23)))),
                    "Datastreams", streams)), 201);
            long thingId = thing.get("@iot.id").asLong();
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            List<Long> ids = jdbc.queryForList("SELECT id FROM sta_datastream WHERE thing_id = ? ORDER BY id", Long.class,
                    thingId);
            for (int i = 0; i < STREAMS; i++) {
                datastreams[i] = ids.get(i);
            }
            JsonNode credential = api.send("/api/v1/sensors/credentials", "application/json",
                    CaseLoopBenchmark.AdminApi.json(Map.of("name", "bench-gateway", "integration", "benchmark",
                            "thingIds", List.of(thingId), "apiKey", false, "mqtt", true)), 201);
            username = credential.get("credential").get("mqttUsername").asString();
            password = credential.get("mqttPassword").asString();
            mqttPort = context.getBean(org.springframework.core.env.Environment.class)
                    .getProperty("local.mqtt.port", Integer.class, -1);
            if (mqttPort < 0) {
                throw new IllegalStateException("the embedded MQTT broker did not publish local.mqtt.port");
            }
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            try {
                long stored = context.getBean(JdbcTemplate.class).queryForObject(
                        "SELECT count(*) FROM sta_observation", Long.class);
                System.out.printf("%n[mqtt ingest] %d observations stored%s%n", stored,
                        schema == null ? "" : ", schema " + schema);
            } finally {
                context.close();
            }
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** One publisher: its own connection and Datastream. */
    @State(Scope.Thread)
    public static class Publisher {
        MqttWire wire;
        String topic;
        int n;

        @Setup(Level.Trial)
        public void connect(Application app) throws IOException {
            int me = app.publishers.getAndIncrement();
            wire = new MqttWire("localhost", app.mqttPort, "bench-" + me, app.username, app.password);
            topic = "v1.1/Datastreams(" + app.datastreams[me % STREAMS] + ")/Observations";
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            wire.close();
        }
    }

    /** Publishes one Observation with QoS 1 and waits for its PUBACK (sent after the commit); measured as observations per second. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void observationsPerSecond(Publisher p) throws IOException {
        publish(p);
    }

    /** Publishes one Observation with QoS 1 and waits for its PUBACK; sampled for the latency percentiles. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void pubackLatency(Publisher p) throws IOException {
        publish(p);
    }

    private static void publish(Publisher p) throws IOException {
        p.n++;
        p.wire.publishAndWait(p.topic, ("{\"result\":" + (p.n % 1000) / 10.0 + "}").getBytes(StandardCharsets.UTF_8));
    }
}
