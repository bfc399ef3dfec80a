package org.cityops.sensing.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import org.cityops.platform.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The device ingest port ({@link DeviceHttpSettings}): a Vert.x HTTP listener that only creates
 * Observations — {@code POST /sta/v1.x/Datastreams(id)/Observations}, {@code MultiDatastreams(id)/
 * Observations}, {@code FeaturesOfInterest(id)/Observations}, {@code Observations} and
 * {@code CreateObservations} — with the main port's rules: the same checks and answers (201 with
 * the Observation and its {@code Location}, per-row Data Array answers, RFC 9457 problems), the
 * same callers (a device's {@code X-Api-Key} confined to its own datastreams, a bearer token, or
 * anyone when {@code cityops.sta-anonymous-writes} is on), the same request body limit
 * ({@code cityops.max-request-body}), and the same durability: the answer is sent after the commit.
 *
 * <p>It exists because a servlet request through the filter chains costs several times the
 * observation it carries; here a request costs little more than parsing it. A request whose
 * caller (an API key checked recently, or anyone when anonymous writes are on), stream and
 * feature of interest are in memory is checked and queued on the event loop itself; any other
 * (a bearer token, a key or stream not seen lately, a deep insert, {@code CreateObservations})
 * on a bounded pool of workers, which may wait for the database. Either way the request waits for
 * its commit without holding a thread, and its answer is made and written on the event loop.
 */
@Component
class DeviceHttpTransport implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeviceHttpTransport.class);
    private static final String PREFIX = "/sta/";
    /**
     * The meter counting the port's requests by where they were checked: {@code checked=in-memory}
     * on the event loop (caller, stream and feature known), {@code checked=worker} on a worker.
     */
    static final String REQUESTS = "cityops.device-http.requests";

    private final DeviceHttpSettings settings;
    private final GroupCommitIngest ingest;
    private final DeviceCredentials credentials;
    private final DeviceWriteGuard guard;
    private final StaReads reads;
    private final ObjectProvider<JwtDecoder> jwt;
    private final ConfigurableEnvironment environment;
    private final Duration ackTimeout;
    private final long maxBody;
    private final boolean anonymousWrites;
    /** Requests checked and queued on the event loop, from memory alone. */
    private final Counter inMemory;
    /** Requests handed to a worker, which may wait for the database. */
    private final Counter onWorker;
    private volatile ThreadPoolExecutor workers;
    private volatile Vertx vertx;
    private volatile HttpServer server;
    private volatile int port = -1;
    /** The main server's port, for the links in answers; read once the web server has started. */
    private volatile String mainPort = "8080";

    DeviceHttpTransport(DeviceHttpSettings settings, GroupCommitIngest ingest, DeviceCredentials credentials,
                        DeviceWriteGuard guard, StaReads reads, ObjectProvider<JwtDecoder> jwt,
                        IngestSettings ingestSettings, ConfigurableEnvironment environment, MeterRegistry meters) {
        if (settings.workers() < 1) {
            throw new IllegalArgumentException("cityops.sensing.device-http.workers must be at least 1");
        }
        this.settings = settings;
        this.ingest = ingest;
        this.credentials = credentials;
        this.guard = guard;
        this.reads = reads;
        this.jwt = jwt;
        this.environment = environment;
        this.ackTimeout = ingestSettings.ackTimeout();
        Binder binder = Binder.get(environment);
        this.maxBody = binder.bind("cityops.max-request-body", DataSize.class).orElse(DataSize.ofMegabytes(1))
                .toBytes();
        this.anonymousWrites = binder.bind("cityops.sta-anonymous-writes", Boolean.class).orElse(false);
        this.inMemory = meters.counter(REQUESTS, "checked", "in-memory");
        this.onWorker = meters.counter(REQUESTS, "checked", "worker");
    }

    /** Returns the port the listener is on, or -1 when it is off. */
    int port() {
        return port;
    }

    // ------------------------------------------------------------------ requests

    private void request(HttpServerRequest request) {
        Context context = Vertx.currentContext();
        if (request.method() != HttpMethod.POST) {
            request.response().putHeader("Allow", "POST");
            answer(context, request, Answer.problem(Refusal.methodNotAllowed(request.method().name())));
            return;
        }
        String length = request.getHeader("Content-Length");
        if (length != null && parseLong(length) > maxBody) {
            tooLarge(context, request);
            return;
        }
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > maxBody) {
                // answered once; the rest of the body is not read
                if (body.length() <= maxBody) {
                    body.appendByte((byte) 0).appendBuffer(chunk);
                    tooLarge(context, request);
                }
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(v -> {
            if (body.length() > maxBody) {
                return;
            }
            Call call = new Call(request.path(), request.getHeader(DeviceKeyAccess.HEADER),
                    request.getHeader("Authorization"), base(request), body.getBytes());
            // most requests are answered from memory right here; the rest go to a worker that may wait for the database
            CompletableFuture<Supplier<Answer>> direct;
            try {
                direct = handle(call, true);
            } catch (NotCached e) {
                direct = null;
            } catch (RuntimeException e) {
                direct = CompletableFuture.failedFuture(e);
            }
            if (direct != null) {
                inMemory.increment();
                respond(context, request, direct);
                return;
            }
            try {
                workers.execute(() -> respond(context, request, attempt(call)));
                onWorker.increment();
            } catch (RejectedExecutionException e) {
                answer(context, request, Answer.problem(new ProblemException.ServiceUnavailable(
                        "The device port has too many requests waiting; retry later", 1)));
            }
        });
    }

    /** What one request asks, taken off the event loop. */
    private record Call(String path, String apiKey, String authorization, String serviceUrl, byte[] body) {
    }

    /** A response: status, body and, for a created Observation, its address. */
    private record Answer(int status, String contentType, String body, String location, int retryAfter) {

        static Answer problem(Throwable e) {
            int status;
            String title;
            List<ProblemException.FieldError> fields;
            if (e instanceof Refusal r) {
                status = r.status;
                title = r.title;
                fields = r.errors;
            } else {
                if (!(e instanceof ProblemException)) {
                    log.warn("a request to the device port failed", e);
                    e = new ProblemException.ServiceUnavailable("The observation could not be stored now", 1);
                }
                ProblemException p = (ProblemException) e;
                status = p.status();
                title = p.title();
                fields = p.errors();
            }
            ObjectNode out = StaStore.JSON.createObjectNode().put("type", "about:blank").put("title", title)
                    .put("status", status).put("detail", e.getMessage());
            if (!fields.isEmpty()) {
                ArrayNode errors = out.putArray("errors");
                fields.forEach(f -> errors.addObject().put("field", f.field()).put("message", f.message()));
            }
            int retry = e instanceof ProblemException.ServiceUnavailable u ? u.retryAfterSeconds() : 0;
            return new Answer(status, "application/problem+json", out.toString(), null, retry);
        }
    }

    /** Handles the request on a worker thread, where the database may be waited for. */
    private CompletableFuture<Supplier<Answer>> attempt(Call call) {
        try {
            return handle(call, false);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Answers once the future completes (at most {@code ack-timeout} later): the answer is made
     * and written on the connection's event loop, not on the ingest's writer thread that completes it.
     */
    private void respond(Context context, HttpServerRequest request, CompletableFuture<Supplier<Answer>> outcome) {
        outcome.orTimeout(ackTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((made, e) ->
                context.runOnContext(v -> write(request, e == null ? made.get() : Answer.problem(unwrap(e)))));
    }

    /**
     * Returns the answer to one request, to be made once it completes after the commit; refusals
     * come as the future's failure (a {@link ProblemException}) or are thrown before anything is
     * queued. With {@code cachedOnly} (on the event loop) it throws {@link NotCached}, having
     * queued nothing, when it would have to wait for the database: for a bearer token, a device
     * key, stream or feature not checked recently, a deep insert, or {@code CreateObservations}.
     */
    private CompletableFuture<Supplier<Answer>> handle(Call call, boolean cachedOnly) {
        String topic = decode(call.path());
        if (!topic.startsWith(PREFIX)) {
            throw notServed(topic);
        }
        topic = topic.substring(PREFIX.length());
        Device device = caller(call, cachedOnly);
        int slash = topic.indexOf('/');
        if (slash > 0 && topic.substring(slash + 1).equals("CreateObservations")) {
            if (cachedOnly) {
                throw NotCached.INSTANCE;
            }
            JsonNode body = parse(call.body());
            Version version = Version.of(topic.substring(0, slash)).orElseThrow(() -> notServed(call.path()));
            String base = call.serviceUrl() + PREFIX + version.segment();
            if (device != null && body.isArray()) {
                for (int i = 0; i < body.size(); i++) {
                    guard.check(device, body.get(i), null, "/" + i);
                }
            }
            return ingest.createObservations(body, base).thenApply(rows ->
                    () -> new Answer(201, "application/json", rows.toString(), null, 0));
        }
        JsonNode body = parse(call.body());
        MqttTopics.Create target;
        try {
            target = MqttTopics.create(topic);
        } catch (IllegalArgumentException e) {
            throw notServed(call.path());
        }
        if (device != null) {
            guard.check(device, body, target.parent(), "", cachedOnly);
        }
        String base = call.serviceUrl() + PREFIX + target.version().segment();
        CompletableFuture<Entity> stored = cachedOnly ? ingest.ingestCached(body, target.parent())
                : ingest.ingest(body, target.parent());
        return stored.thenApply(created -> () -> new Answer(201, "application/json",
                reads.render(created, base, target.version(), QueryOptions.NONE).toString(),
                base + "/Observations(" + created.id() + ")", 0));
    }

    /**
     * Returns the device writing, or {@code null} for a caller that may write to any datastream (a
     * valid bearer token, or anyone when anonymous writes are on); 401 otherwise. A bearer token is
     * checked off the event loop ({@link NotCached} with {@code cachedOnly}): its keys may have to be fetched.
     */
    private Device caller(Call call, boolean cachedOnly) {
        if (call.apiKey() != null) {
            return credentials.byApiKey(call.apiKey(), cachedOnly).orElseThrow(() -> Refusal.unauthorized(
                    "X-Api-Key is not an active device key", DeviceKeyAccess.HEADER, "is not an active device key"));
        }
        String authorization = call.authorization();
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            if (cachedOnly) {
                throw NotCached.INSTANCE;
            }
            JwtDecoder decoder = jwt.getIfAvailable();
            try {
                if (decoder == null) {
                    throw new JwtException("no token decoder is configured");
                }
                decoder.decode(authorization.substring(7).strip());
                return null;
            } catch (JwtException e) {
                throw Refusal.unauthorized("The bearer token is not valid", "Authorization", "is not a valid token");
            }
        }
        if (anonymousWrites) {
            return null;
        }
        throw Refusal.unauthorized("Authentication required: send a device's X-Api-Key or a valid bearer token",
                DeviceKeyAccess.HEADER, "is missing");
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode json = body.length == 0 ? null : StaStore.JSON.readTree(body);
            if (json == null || json.isMissingNode()) {
                throw ProblemException.BadRequest.field("body", "is empty: send the Observation as JSON");
            }
            return json;
        } catch (JacksonException e) {
            throw new ProblemException.BadRequest("Malformed JSON: " + e.getOriginalMessage(),
                    List.of(new ProblemException.FieldError("body", "is not well-formed JSON")));
        }
    }

    private String base(HttpServerRequest request) {
        if (!settings.serviceUrl().isBlank()) {
            return settings.serviceUrl().replaceAll("/+$", "");
        }
        String host = request.authority() == null ? "localhost" : request.authority().host();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + mainPort;
    }

    private void tooLarge(Context context, HttpServerRequest request) {
        request.response().putHeader("Connection", "close");
        answer(context, request, Answer.problem(new ProblemException.PayloadTooLarge(
                "The request body is larger than " + maxBody + " bytes (cityops.max-request-body)")));
    }

    private static void answer(Context context, HttpServerRequest request, Answer a) {
        context.runOnContext(v -> write(request, a));
    }

    /** Writes the answer; on the request's event loop. */
    private static void write(HttpServerRequest request, Answer a) {
        var response = request.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(a.status()).putHeader("Content-Type", a.contentType());
        if (a.location() != null) {
            response.putHeader("Location", a.location());
        }
        if (a.retryAfter() > 0) {
            response.putHeader("Retry-After", Integer.toString(a.retryAfter()));
        }
        response.end(a.body());
    }

    private static ProblemException notServed(String path) {
        return new ProblemException.NotFound("The device port only creates Observations: POST /sta/v1.1/"
                + "Datastreams(id)/Observations, MultiDatastreams(id)/Observations, FeaturesOfInterest(id)/"
                + "Observations, Observations or CreateObservations (v1.0 alike), not " + path
                + "; the rest of the API is on the main port");
    }

    private static String decode(String path) {
        try {
            return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.BadRequest.field("path", "is not a well-formed URL path");
        }
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private Throwable unwrap(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause instanceof TimeoutException ? new ProblemException.ServiceUnavailable("The observation was "
                + "not stored within " + ackTimeout.toSeconds() + " s; it may still be", 1) : cause;
    }

    /** A refusal the platform's problems do not name: 401 (no caller that may write) and 405. */
    private static final class Refusal extends RuntimeException {
        private final int status;
        private final String title;
        private final List<ProblemException.FieldError> errors;

        Refusal(int status, String title, String detail, List<ProblemException.FieldError> errors) {
            super(detail);
            this.status = status;
            this.title = title;
            this.errors = errors;
        }

        static Refusal unauthorized(String detail, String field, String message) {
            return new Refusal(401, "Unauthorized", detail, List.of(new ProblemException.FieldError(field, message)));
        }

        static Refusal methodNotAllowed(String method) {
            return new Refusal(405, "Method Not Allowed", "The device port only accepts POST (creating "
                    + "Observations), not " + method + "; read through the main port", List.of());
        }
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void start() {
        if (settings.port() < 0) {
            return;
        }
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(settings.workers(), settings.workers(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(4096), r -> {
                    Thread t = new Thread(r, "device-http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
        Vertx v = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setWorkerPoolSize(1)
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
        HttpServer s = v.createHttpServer(new HttpServerOptions().setHost(settings.host()).setPort(settings.port())
                        .setIdleTimeout(120).setIdleTimeoutUnit(TimeUnit.SECONDS))
                .requestHandler(this::request)
                .exceptionHandler(e -> log.debug("device port connection failed", e));
        try {
            s.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            pool.shutdown();
            v.close();
            throw new IllegalStateException("The device port cannot listen on " + settings.host() + ":"
                    + settings.port() + " (cityops.sensing.device-http.port; -1 switches it off)", e);
        }
        // this starts after the web server (see getPhase), so its actual port is known
        mainPort = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        workers = pool;
        vertx = v;
        server = s;
        port = s.actualPort();
        environment.getPropertySources().addFirst(new MapPropertySource("cityops-device-http",
                Map.of("local.device-http.port", port)));
        log.info("Device ingest port (POST of SensorThings Observations) listening on {}:{}", settings.host(), port);
    }

    @Override
    public void stop() {
        Vertx v = vertx;
        if (v == null) {
            return;
        }
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            v.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("the device port did not stop cleanly", e);
        }
        workers.shutdown();
        vertx = null;
        server = null;
        port = -1;
    }

    @Override
    public boolean isRunning() {
        return vertx != null;
    }

    /** Starts after the ingest and the web server and stops before them, like the MQTT broker. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }
}
