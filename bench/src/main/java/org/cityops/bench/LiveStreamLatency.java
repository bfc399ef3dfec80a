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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.cityops.CityOpsApplication;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Latency from an observation's acknowledgement (the HTTP 201 of {@code POST /sta/v1.1/Datastreams(id)/Observations})
 * to the event it causes on the live stream ({@code GET /api/v1/stream}), as percentiles. Not a JMH benchmark: it
 * drives an open-loop load (a fixed rate of posts, whatever the answers' speed) and pairs each acknowledgement with
 * its event.
 *
 * <p>Two modes. {@code alert} (the issue's figure): a rule raising an alert when a value exceeds a threshold is
 * created through {@code POST /api/v1/rules} (the body is {@code --rule-json}, with {@code %s} for the observed
 * property name), every posted value exceeds it, and the n-th acknowledgement of a datastream is paired with the
 * n-th {@code alert} event naming {@code datastream:<id>}. {@code observation}: the stream subscribes to the
 * datastreams and each acknowledgement is paired with the {@code observation} event of the same observation id;
 * the application's per-datastream throttle is set to 1 ms so it does not hold values back. When the rules API
 * answers anything but success, alert mode says so and falls back to observation mode.
 *
 * <p>Run after building the benchmarks ({@code ./mvnw -q install -DskipTests && (cd bench && ../mvnw -q package)}):
 * <pre>
 * java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.cityops.bench.LiveStreamLatency \
 *     --mode alert --rate 1000 --seconds 60 --datastreams 1000 --warmup 10
 * </pre>
 * By default the application starts in this JVM on a random port with a fresh H2 database in a temporary folder;
 * {@code --url http://host:8080 --token <admin bearer token>} measures a running server instead.
 */
public final class LiveStreamLatency {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String DEFAULT_RULE = """
            {"name":"bench-threshold","kind":"CONDITION","severity":"ORANGE",
             "watch":{"observedProperty":"%s"},"condition":"value > 30.0"}""";

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private String base;
    private String token;

    /** Pairs acknowledgements with events by key, whichever arrives first. */
    private final Map<String, Long> ackAt = new ConcurrentHashMap<>();
    private final Map<String, Long> eventAt = new ConcurrentHashMap<>();
    private final Map<Long, AtomicLong> acksPerStream = new ConcurrentHashMap<>();
    private final Map<Long, AtomicLong> eventsPerStream = new ConcurrentHashMap<>();
    private final List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong eventFirst = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean measuring;
    /** The event type measured: {@code alert} or {@code observation}. */
    private volatile String activeType = "alert";

    private LiveStreamLatency(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new LiveStreamLatency(options).run();
    }

    private String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    private void run() throws Exception {
        int rate = Integer.parseInt(option("rate", "200"));
        int seconds = Integer.parseInt(option("seconds", "20"));
        int warmup = Integer.parseInt(option("warmup", "5"));
        int streams = Integer.parseInt(option("datastreams", "200"));
        String mode = option("mode", "alert");
        ConfigurableApplicationContext context = null;
        Path dataDir = null;
        if (options.containsKey("url")) {
            base = options.get("url");
            token = options.get("token");
        } else {
            dataDir = Files.createTempDirectory("cityops-live-bench-");
            context = new SpringApplicationBuilder(CityOpsApplication.class).run("--server.port=0",
                    "--cityops.data-dir=" + dataDir, "--logging.level.root=WARN", "--cityops.sta-anonymous-writes=false",
                    "--cityops.screen.stream.observation-interval=1ms",
                    "--cityops.screen.stream.max-datastreams=" + Math.max(streams, 1000),
                    "--cityops.screen.stream.client-queue=100000");
            base = "http://localhost:" + context.getEnvironment().getRequiredProperty("local.server.port");
            token = context.getBean(TokenIssuer.class).issue(new Actor("admin", Role.ADMIN, null, null), "bench").token();
        }
        try {
            String property = "bench-water-level-" + Long.toString(System.nanoTime(), 36);
            long[] ids = datastreams(streams, property);
            if (mode.equals("alert")) {
                String body = String.format(option("rule-json", DEFAULT_RULE), property);
                HttpResponse<String> rule = post("/api/v1/rules", body);
                if (rule.statusCode() / 100 != 2) {
                    System.out.printf("[live latency] the rules API answered %d (%s): measuring observation ack → "
                            + "observation event instead%n", rule.statusCode(), abbreviate(rule.body()));
                    mode = "observation";
                }
            }
            String query = mode.equals("observation") ? "?datastreams=" + Arrays.stream(ids).mapToObj(Long::toString)
                    .collect(Collectors.joining(",")) : "";
            CountDownLatch connected = new CountDownLatch(1);
            activeType = mode;
            String eventType = mode;
            Thread reader = new Thread(() -> read(query, eventType, connected), "live-latency-reader");
            reader.setDaemon(true);
            reader.start();
            if (!connected.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the stream did not connect");
            }
            load(ids, rate, warmup, false);
            measuring = true;
            load(ids, rate, seconds, true);
            // let the last events arrive
            Thread.sleep(2000);
            report(mode, rate, seconds, streams);
        } finally {
            if (context != null) {
                context.close();
            }
            if (dataDir != null) {
                try (Stream<Path> files = Files.walk(dataDir)) {
                    for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    /** Creates the Things, each with one datastream of the observed property; returns the datastream ids. */
    private long[] datastreams(int n, String property) throws IOException, InterruptedException {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            Map<String, Object> thing = Map.of("name", "bench-gauge-" + i, "description", "latency benchmark",
                    "Locations", List.of(Map.of("name", "spot", "description", "somewhere", "encodingType",
                            "application/geo+json", "location", Map.of("type", "Point", "coordinates",
                                    List.of(121.47 + i * 1e-5, 31.23)))),
                    "Datastreams", List.of(Map.of("name", "level", "description", "water level",
                            "observationType", "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement",
                            "unitOfMeasurement", Map.of("name", "metre", "symbol", "m", "definition", "m"),
                            "Sensor", Map.of("name", "gauge", "description", "radar", "encodingType", "application/pdf",
                                    "metadata", "http://example.org/gauge.pdf"),
                            "ObservedProperty", Map.of("name", property, "definition", "http://example.org/" + property,
                                    "description", "water level"))));
            HttpResponse<String> r = post("/sta/v1.1/Things", JSON.writeValueAsString(thing));
            if (r.statusCode() != 201) {
                throw new IllegalStateException("could not create a Thing: " + r.statusCode() + " " + r.body());
            }
            long thingId = JSON.readTree(r.body()).get("@iot.id").asLong();
            HttpResponse<String> d = http.send(request("/sta/v1.1/Things(" + thingId + ")/Datastreams").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            ids[i] = JSON.readTree(d.body()).get("value").get(0).get("@iot.id").asLong();
        }
        return ids;
    }

    /** Posts observations at the rate for the seconds, round-robin over the datastreams, without waiting for answers. */
    private void load(long[] ids, int rate, int seconds, boolean counted) throws InterruptedException {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        Semaphore inFlight = new Semaphore(256);
        long total = (long) rate * seconds;
        AtomicLong sent = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        long periodNanos = Math.max(1_000_000_000L / rate, 1);
        timer.scheduleAtFixedRate(() -> {
            long k = sent.getAndIncrement();
            if (k >= total) {
                done.countDown();
                return;
            }
            if (!inFlight.tryAcquire()) {
                // more than 256 answers outstanding: the server does not keep up; count it rather than queue it
                failed.incrementAndGet();
                return;
            }
            long ds = ids[(int) (k % ids.length)];
            String body = "{\"phenomenonTime\":\"" + Instant.now() + "\",\"result\":" + (31 + (k % 10)) + "}";
            http.sendAsync(request("/sta/v1.1/Datastreams(" + ds + ")/Observations")
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> {
                        long now = System.nanoTime();
                        inFlight.release();
                        if (e != null || r.statusCode() != 201) {
                            failed.incrementAndGet();
                            return;
                        }
                        if (counted) {
                            acked(ds, JSON.readTree(r.body()).get("@iot.id").asLong(), now);
                        }
                    });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        done.await();
        timer.shutdownNow();
    }

    private void acked(long ds, long observationId, long now) {
        String key = activeType.equals("observation") ? Long.toString(observationId)
                : ds + "#" + acksPerStream.computeIfAbsent(ds, k -> new AtomicLong()).incrementAndGet();
        pair(key, now, true);
    }

    private void pair(String key, long now, boolean ack) {
        Map<String, Long> mine = ack ? ackAt : eventAt;
        Map<String, Long> other = ack ? eventAt : ackAt;
        Long counterpart = other.remove(key);
        if (counterpart == null) {
            mine.put(key, now);
            return;
        }
        long ackNanos = ack ? now : counterpart;
        long eventNanos = ack ? counterpart : now;
        if (eventNanos < ackNanos) {
            eventFirst.incrementAndGet();
        }
        latencies.add(Math.max(eventNanos - ackNanos, 0));
    }

    /** Reads the stream and pairs each event of the measured type with its acknowledgement. */
    private void read(String query, String type, CountDownLatch connected) {
        try {
            HttpResponse<Stream<String>> r = http.send(request("/api/v1/stream" + query)
                    .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("the stream answered " + r.statusCode());
            }
            String event = null;
            StringBuilder data = new StringBuilder();
            for (var it = r.body().iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.startsWith(":connected")) {
                    connected.countDown();
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                } else if (line.isEmpty()) {
                    long now = System.nanoTime();
                    if (measuring && type.equals(event)) {
                        JsonNode e = JSON.readTree(data.toString());
                        if (type.equals("observation")) {
                            pair(Long.toString(e.get("observationId").asLong()), now, false);
                        } else if (e.path("subject").asString("").startsWith("datastream:")) {
                            long ds = Long.parseLong(e.get("subject").asString().substring("datastream:".length()));
                            pair(ds + "#" + eventsPerStream.computeIfAbsent(ds, k -> new AtomicLong()).incrementAndGet(),
                                    now, false);
                        }
                    }
                    event = null;
                    data.setLength(0);
                }
            }
        } catch (IOException | InterruptedException e) {
            System.out.println("[live latency] the stream ended: " + e);
        }
    }

    private void report(String mode, int rate, int seconds, int streams) {
        long[] sorted;
        synchronized (latencies) {
            sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        System.out.printf("%n[live latency] mode %s: %d observations/s for %d s over %d datastreams%n", mode, rate,
                seconds, streams);
        System.out.printf("[live latency] paired %d of %d expected; unpaired acks %d, unpaired events %d, "
                        + "failed or refused posts %d, events before their ack %d%n", sorted.length, (long) rate * seconds,
                ackAt.size(), eventAt.size(), failed.get(), eventFirst.get());
        if (sorted.length == 0) {
            return;
        }
        for (double p : new double[] {50, 90, 99, 99.9}) {
            int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
            System.out.printf("[live latency] p%s ack → event: %.2f ms%n", p == (long) p ? Long.toString((long) p) : p,
                    sorted[Math.max(i, 0)] / 1e6);
        }
        System.out.printf("[live latency] max: %.2f ms%n", sorted[sorted.length - 1] / 1e6);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(request(path).header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
