package org.cityops.sensing.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.cityops.platform.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Group commit for observations. Each observation is validated on the caller's thread against
 * the {@link StreamCatalog} (no SELECT once the datastream is known), then queued; writer threads
 * take up to {@code max-batch} queued observations at a time and store them in one transaction
 * ({@link ObservationBatchStore}). Only after the commit are the futures completed, the latest
 * values updated in memory and the batch handed to the {@link ObservationFeedHub}.
 *
 * <p>Capacity is reserved before anything is queued: at most {@code queue-capacity} observations
 * are accepted and not yet committed, and beyond that submissions are refused with 503 instead
 * of growing the heap. A document that creates related entities inline (deep insert) is stored
 * through {@link StaWrites} in its own transaction, which keeps it atomic.
 */
@Component
class GroupCommitIngest implements ObservationIngest, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitIngest.class);

    /** One accepted observation waiting for its batch to commit. */
    private record Pending(ObservationBatchStore.Row row, CompletableFuture<Entity> done) {
    }

    private final IngestSettings settings;
    private final StreamCatalog catalog;
    private final ObservationBatchStore batches;
    private final StaWrites writes;
    private final StaStore store;
    private final LatestValues latest;
    private final ObservationFeedHub feed;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Semaphore capacity;
    /**
     * One queue per writer; a (multi-)datastream's observations always go to the same one, so they
     * are committed, and reach the feed, in the order they were accepted, whatever the writers.
     */
    private final List<BlockingQueue<Pending>> queues;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running;

    GroupCommitIngest(IngestSettings settings, StreamCatalog catalog, ObservationBatchStore batches, StaWrites writes,
                      StaStore store, LatestValues latest, ObservationFeedHub feed, TransactionTemplate tx,
                      Clock clock) {
        if (settings.queueCapacity() < 1 || settings.maxBatch() < 1 || settings.writers() < 0) {
            throw new IllegalArgumentException("cityops.sensing.ingest: queue-capacity and max-batch must be at least 1, "
                    + "writers 0 (automatic) or more");
        }
        this.settings = settings;
        this.catalog = catalog;
        this.batches = batches;
        this.writes = writes;
        this.store = store;
        this.latest = latest;
        this.feed = feed;
        this.tx = tx;
        this.clock = clock;
        this.capacity = new Semaphore(settings.queueCapacity());
        List<BlockingQueue<Pending>> q = new ArrayList<>();
        int writerCount = settings.writers() > 0 ? settings.writers() : batches.onPostgreSql() ? 2 : 1;
        for (int i = 0; i < writerCount; i++) {
            q.add(new LinkedBlockingQueue<>());
        }
        this.queues = List.copyOf(q);
    }

    @Override
    public CompletableFuture<Long> submit(JsonNode body, StaWrites.Parent parent) {
        return ingest(body, parent).thenApply(Entity::id);
    }

    /**
     * Accepts one observation and returns a future of the stored Observation, completed after
     * its commit; refusals (400, 404, 503) come as an exceptionally completed future.
     */
    CompletableFuture<Entity> ingest(JsonNode body, StaWrites.Parent parent) {
        try {
            if (parent != null) {
                requireParent(parent);
            }
            if (!ObservationInput.linksOnly(body)) {
                long id = writes.create(EntityType.OBSERVATION, body, parent);
                return CompletableFuture.completedFuture(store.find(EntityType.OBSERVATION, id).orElseThrow());
            }
            ObservationBatchStore.Row row = prepare(body, parent);
            reserve(1);
            return enqueue(row);
        } catch (RuntimeException e) {
            // the contract: every refusal or failure comes as the future's outcome, never thrown
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Returns the observation the document describes, checked against its datastream and feature
     * of interest; 400 naming the failing member. A missing feature of interest is generated
     * from the Location of the datastream's Thing (the first time in a transaction of its own).
     */
    ObservationBatchStore.Row prepare(JsonNode body, StaWrites.Parent parent) {
        ObservationInput.Draft d = ObservationInput.read(body, parent, clock.instant());
        boolean single = d.streamType() == EntityType.DATASTREAM;
        String relation = single ? "Datastream" : "MultiDatastream";
        StreamCatalog.Stream stream = catalog.stream(d.streamType(), d.streamId()).orElseThrow(() ->
                ProblemException.BadRequest.field(relation + "/@iot.id", "no " + relation + " with @iot.id "
                        + d.streamId()));
        JsonNode result = (JsonNode) d.values().get("result");
        String problem = single ? ObservationRules.resultProblem(stream.observationType(), result)
                : ObservationRules.multiResultProblem(stream.dataTypes(), result);
        if (problem != null) {
            throw ProblemException.BadRequest.field("result", problem);
        }
        StreamCatalog.Feature feature;
        if (d.featureId() != null) {
            feature = catalog.feature(d.featureId()).orElseThrow(() -> ProblemException.BadRequest.field(
                    "FeatureOfInterest/@iot.id", "no FeatureOfInterest with @iot.id " + d.featureId()));
        } else {
            feature = generatedFeature(stream);
        }
        return new ObservationBatchStore.Row(d.values(), d.streamType(), d.streamId(), feature.id(), feature.box());
    }

    /**
     * Queues the checked observations, all or none: 503 when there is not room for every one of
     * them (413 when they could never fit), and returns one future per observation in order.
     */
    List<CompletableFuture<Entity>> ingestAll(List<ObservationBatchStore.Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        reserve(rows.size());
        List<CompletableFuture<Entity>> out = new ArrayList<>(rows.size());
        for (ObservationBatchStore.Row row : rows) {
            out.add(enqueue(row));
        }
        return out;
    }

    /**
     * Checks every row of a {@code CreateObservations} body (Data Array documents), queues the good
     * ones together (503 for the whole request when there is no room for all of them) and returns
     * a future of the answer: per row in order, the new Observation's self link or {@code "error"}
     * — the standard's answer for a row that was refused, so that the others are stored.
     */
    CompletableFuture<ArrayNode> createObservations(JsonNode body, String base) {
        if (body == null || !body.isArray()) {
            throw ProblemException.BadRequest.field("body", "must be an array of Data Array objects");
        }
        List<ObjectNode> rows = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            rows.addAll(DataArray.rows(body.get(i), "/" + i));
        }
        List<ObservationBatchStore.Row> good = new ArrayList<>();
        int[] position = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            position[i] = -1;
            if (rows.get(i) == null) {
                continue;
            }
            try {
                good.add(prepare(rows.get(i), null));
                position[i] = good.size() - 1;
            } catch (ProblemException e) {
                // a bad row is answered "error" in its place
            }
        }
        List<CompletableFuture<Entity>> stored = ingestAll(good);
        return CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new)).handle((ignored, failure) -> {
            ArrayNode out = StaStore.JSON.createArrayNode();
            for (int p : position) {
                CompletableFuture<Entity> row = p < 0 ? null : stored.get(p);
                out.add(row == null || row.isCompletedExceptionally() ? "error"
                        : base + "/Observations(" + row.join().id() + ")");
            }
            return out;
        });
    }

    /**
     * Returns the outcome once committed, waiting at most {@code ack-timeout}; throws the
     * refusal's {@link ProblemException}, or 503 when the wait ran out.
     */
    <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(settings.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProblemException p) {
                throw p;
            }
            throw unavailable("The observation could not be stored");
        } catch (TimeoutException e) {
            throw unavailable("The observation was not stored within " + settings.ackTimeout().toSeconds()
                    + " s; it may still be");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("Interrupted while waiting for the observation to be stored");
        }
    }

    private void requireParent(StaWrites.Parent parent) {
        EntityType type = parent.inverse().target();
        long id = parent.parentId();
        boolean exists = switch (type) {
            case DATASTREAM, MULTI_DATASTREAM -> catalog.stream(type, id).isPresent();
            case FEATURE_OF_INTEREST -> catalog.feature(id).isPresent();
            default -> store.exists(type, id);
        };
        if (!exists) {
            throw new ProblemException.NotFound("No " + type.singular() + " with @iot.id " + id);
        }
    }

    private StreamCatalog.Feature generatedFeature(StreamCatalog.Stream stream) {
        Long id = catalog.generatedFeature(stream.type(), stream.id()).orElse(null);
        if (id == null) {
            long generation = catalog.generation();
            id = writes.generatedFeature(stream.type(), stream.id());
            catalog.rememberGeneratedFeature(stream.type(), stream.id(), id, generation);
        }
        long featureId = id;
        return catalog.feature(featureId).orElseThrow(() -> ProblemException.BadRequest.field("FeatureOfInterest",
                "the feature generated from the Thing's Location was deleted meanwhile; retry"));
    }

    private void reserve(int count) {
        if (!running) {
            throw unavailable("Observation ingest is not running (the service is starting or stopping)");
        }
        if (count > settings.queueCapacity()) {
            throw new ProblemException.PayloadTooLarge("At most " + settings.queueCapacity()
                    + " observations are accepted in one request, not " + count);
        }
        if (!capacity.tryAcquire(count)) {
            throw unavailable("Observation ingest is at capacity (" + settings.queueCapacity()
                    + " observations waiting to be stored); retry later");
        }
    }

    private CompletableFuture<Entity> enqueue(ObservationBatchStore.Row row) {
        CompletableFuture<Entity> done = new CompletableFuture<>();
        queues.get(writerOf(row.streamId())).add(new Pending(row, done));
        return done;
    }

    /**
     * Returns the writer (0 … writers − 1) that stores every observation of the (multi-)datastream:
     * consecutive ids go to consecutive writers, so the streams of one source spread over all of them.
     */
    int writerOf(long streamId) {
        // the type is not mixed in: "id · 2 + type" sent every Datastream to one writer when there were two
        return (int) Math.floorMod(streamId, (long) queues.size());
    }

    private ProblemException.ServiceUnavailable unavailable(String detail) {
        return new ProblemException.ServiceUnavailable(detail, (int) Math.max(1, settings.retryAfter().toSeconds()));
    }

    // ------------------------------------------------------------------ writers

    private void drain(BlockingQueue<Pending> queue) {
        List<Pending> batch = new ArrayList<>(Math.min(settings.maxBatch(), 65_536));
        while (true) {
            Pending first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                // stop() interrupts only to shorten the wait: what is queued is still written
                first = queue.poll();
            }
            if (first == null) {
                if (!running) {
                    return;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, settings.maxBatch() - 1);
            try {
                write(batch);
            } finally {
                capacity.release(batch.size());
                batch.clear();
            }
        }
    }

    /**
     * Stores the batch in one transaction; rows whose Datastream, MultiDatastream or
     * FeatureOfInterest was deleted after they were accepted are left out of it and refused (409),
     * the others stored. When the transaction fails, each half of the batch is stored the same way
     * (first half first, so ids keep the order of submission), down to single observations, so
     * only the culprits fail and a batch of n with one culprit costs about 2·log2(n) transactions, not n.
     */
    private void write(List<Pending> batch) {
        List<ObservationBatchStore.Row> rows = batch.stream().map(Pending::row).toList();
        long generation = catalog.generation();
        ObservationBatchStore.Stored stored;
        try {
            stored = tx.execute(s -> batches.store(rows, settings.rowsPerStatement()));
        } catch (RuntimeException e) {
            if (batch.size() > 1) {
                log.info("a batch of {} observations failed ({}); storing each half alone", batch.size(),
                        e.toString());
                int half = batch.size() / 2;
                write(batch.subList(0, half));
                write(batch.subList(half, batch.size()));
            } else {
                ObservationBatchStore.Row row = batch.get(0).row();
                if (e instanceof DataIntegrityViolationException integrity) {
                    log.info("an observation of {} {} was refused by the database: {}", row.streamType().singular(),
                            row.streamId(), integrity.getMostSpecificCause().getMessage());
                } else {
                    log.warn("an observation of {} {} could not be stored", row.streamType().singular(),
                            row.streamId(), e);
                }
                batch.get(0).done().completeExceptionally(refusal(e));
            }
            return;
        }
        for (ObservationBatchStore.Coverage c : stored.covered()) {
            catalog.rememberCoveredArea(c.type(), c.id(), c.box(), generation);
        }
        committed(batch, stored);
    }

    private void committed(List<Pending> batch, ObservationBatchStore.Stored outcome) {
        List<Entity> stored = new ArrayList<>(batch.size());
        List<CompletableFuture<Entity>> done = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            ObservationBatchStore.Row row = batch.get(i).row();
            if (outcome.missing()[i] != null) {
                log.info("an observation of {} {} was not stored: its {} was deleted after it was accepted",
                        row.streamType().singular(), row.streamId(), outcome.missing()[i]);
                batch.get(i).done().completeExceptionally(new ProblemException.Conflict("The observation could not "
                        + "be stored: its " + outcome.missing()[i] + " was deleted meanwhile"));
                continue;
            }
            String relation = row.streamType() == EntityType.DATASTREAM ? "Datastream" : "MultiDatastream";
            stored.add(new Entity(EntityType.OBSERVATION, outcome.ids()[i], row.values(),
                    Map.of(relation, row.streamId(), "FeatureOfInterest", row.featureId())));
            done.add(batch.get(i).done());
        }
        // latest values and the feed first: a client that reads after its acknowledgement sees its observation
        latest.offer(stored);
        try {
            feed.publish(stored);
        } catch (RuntimeException e) {
            log.warn("the observation feed failed for a committed batch of {}; the observations are stored",
                    stored.size(), e);
        }
        for (int i = 0; i < stored.size(); i++) {
            done.get(i).complete(stored.get(i));
        }
    }

    private ProblemException refusal(RuntimeException e) {
        if (e instanceof ProblemException p) {
            return p;
        }
        if (e instanceof DataIntegrityViolationException) {
            return new ProblemException.Conflict("The observation could not be stored: the database refused it");
        }
        return unavailable("The observation could not be stored now");
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < queues.size(); i++) {
            BlockingQueue<Pending> queue = queues.get(i);
            Thread t = new Thread(() -> drain(queue), "sta-ingest-" + i);
            t.setDaemon(true);
            writers.add(t);
            t.start();
        }
    }

    /** Refuses new observations, writes those already accepted, then stops the writers. */
    @Override
    public synchronized void stop() {
        running = false;
        for (Thread t : writers) {
            try {
                t.join(settings.ackTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        writers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before and stops after the web server, so no accepted request finds the writers gone. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
