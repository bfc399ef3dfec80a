package org.cityops.sensing.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.cityops.platform.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Turns MQTT publishes (from the embedded broker or an external one) into Observations through
 * {@link ObservationIngest}. The returned future completes only after the observation committed;
 * it fails with a {@link ProblemException} when the publish is refused: 400 for a topic that
 * creates nothing or a payload that is no Observation, 403 when a device writes to another Thing's
 * datastream, 404 for a missing parent. When the ingest is at capacity (503) the publish is retried
 * after the pause it asks for, holding the acknowledgement, for at most {@link #RETRY_FOR_SECONDS}.
 */
@Component
class MqttIngest implements DisposableBean {

    /** How long a publish refused for capacity is retried before it is given up (and left unacknowledged). */
    static final int RETRY_FOR_SECONDS = 60;

    private static final Logger log = LoggerFactory.getLogger(MqttIngest.class);

    private final ObservationIngest ingest;
    private final DeviceWriteGuard guard;
    private final StaStore store;
    private final MeterRegistry meters;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService retries;

    MqttIngest(ObservationIngest ingest, DeviceWriteGuard guard, StaStore store, MqttSettings settings,
               MeterRegistry meters) {
        this.ingest = ingest;
        this.store = store;
        this.guard = guard;
        this.meters = meters;
        AtomicInteger n = new AtomicInteger();
        // bounded: each connection holds at most max-in-flight publishes, so this only overflows when the
        // ingest itself stalls; an overflow is handled like a 503 (retried later, ack held)
        this.workers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1000, settings.maxInFlight() * 256)), r -> {
                    Thread t = new Thread(r, "mqtt-ingest-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mqtt-ingest-retry");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Stores the publish as an Observation; {@code device} is the publishing device, or {@code null}
     * for a client that may write to any datastream (anonymous when allowed, client mode).
     */
    CompletableFuture<Long> accept(String topic, byte[] payload, Device device) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        attempt(topic, payload, device, result, System.nanoTime() + TimeUnit.SECONDS.toNanos(RETRY_FOR_SECONDS));
        return result;
    }

    /** Counts and logs a refused publish. */
    void refused(String client, String topic, Throwable cause) {
        Throwable e = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        String reason = e instanceof ProblemException p ? String.valueOf(p.status()) : "error";
        meters.counter("cityops.mqtt.publishes.refused", "reason", reason).increment();
        if (e instanceof ProblemException p) {
            log.warn("MQTT publish of {} to {} refused, nothing stored: {} {}", client, topic, p.getMessage(),
                    p.errors());
        } else {
            log.warn("MQTT publish of {} to {} failed, nothing stored", client, topic, e);
        }
    }

    private void attempt(String topic, byte[] payload, Device device, CompletableFuture<Long> result, long deadline) {
        try {
            workers.execute(() -> {
                try {
                    MqttTopics.Create target = target(topic);
                    StaWrites.Parent parent = target.parent();
                    if (parent != null && !exists(parent)) {
                        throw new ProblemException.NotFound("No " + parent.inverse().target().singular()
                                + " with @iot.id " + parent.parentId() + " (topic " + topic + ")");
                    }
                    JsonNode body = parse(payload);
                    if (device != null) {
                        guard.check(device, body, target.parent(), "");
                    }
                    ingest.submit(body, target.parent()).whenComplete((id, e) -> {
                        if (e == null) {
                            result.complete(id);
                        } else {
                            retryOrFail(topic, payload, device, result, deadline, unwrap(e));
                        }
                    });
                } catch (RuntimeException e) {
                    retryOrFail(topic, payload, device, result, deadline, e);
                }
            });
        } catch (RejectedExecutionException e) {
            retryOrFail(topic, payload, device, result, deadline,
                    new ProblemException.ServiceUnavailable("MQTT ingest queue is full", 1));
        }
    }

    private void retryOrFail(String topic, byte[] payload, Device device, CompletableFuture<Long> result,
                             long deadline, Throwable e) {
        if (e instanceof ProblemException.ServiceUnavailable busy && System.nanoTime() < deadline) {
            meters.counter("cityops.mqtt.publishes.retried").increment();
            long pause = Math.min(1000, Math.max(50, busy.retryAfterSeconds() * 250L));
            retries.schedule(() -> attempt(topic, payload, device, result, deadline), pause, TimeUnit.MILLISECONDS);
            return;
        }
        result.completeExceptionally(e);
    }

    /** Returns whether the topic's parent exists; a (Multi)Datastream's owner is cached, so most publishes skip the query. */
    private boolean exists(StaWrites.Parent parent) {
        EntityType type = parent.inverse().target();
        return type == EntityType.FEATURE_OF_INTEREST ? store.exists(type, parent.parentId())
                : guard.owner(type, parent.parentId(), false).isPresent();
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    private static MqttTopics.Create target(String topic) {
        try {
            return MqttTopics.create(topic);
        } catch (IllegalArgumentException e) {
            throw ProblemException.BadRequest.field("topic", e.getMessage());
        }
    }

    private static JsonNode parse(byte[] payload) {
        try {
            JsonNode body = payload.length == 0 ? null : StaStore.JSON.readTree(payload);
            if (body == null || !body.isObject()) {
                throw ProblemException.BadRequest.field("body", "must be a JSON object describing an Observation");
            }
            return body;
        } catch (JacksonException e) {
            throw new ProblemException.BadRequest("Malformed JSON: " + e.getOriginalMessage(),
                    java.util.List.of(new ProblemException.FieldError("body", "is not well-formed JSON")));
        }
    }

    @Override
    public void destroy() {
        workers.shutdown();
        retries.shutdownNow();
    }
}
