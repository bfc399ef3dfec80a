package org.cityops.sensing.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

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
 * the {@link StreamCatalog} (no SELECT once the datastream is known), then queued; one writer
 * thread takes up to {@code max-batch} queued observations at a time and stores them
 * ({@link ObservationBatchStore}): a small batch on PostgreSQL as one statement that commits
 * itself, others in one transaction, and a large one split by (multi-)datastream into
 * {@code writers} parts stored side by side, each in its own transaction, before the next batch
 * is taken. Only after the commit are the futures completed, the latest values updated in memory
 * and the batch handed to the {@link ObservationFeedHub}.
 *
 * <p>One queue and one writer, not a writer per share of the datastreams: with a few
 * observations per commit (single POSTs) the commit is most of the cost, so the fewest, largest
 * batches win (measured: 11,385 against 9,562 POSTs/s on PostgreSQL); large batches still use a
 * second connection, where the database's work, not the commit, is the cost.
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

    /**
     * The fewest observations of a batch that is split into parts: twice the rows from which
     * {@link ObservationBatchStore} sends a COPY, so that a part is worth a connection of its own.
     */
    static final int SPLIT_MIN_ROWS = 2 * ObservationBatchStore.COPY_MIN_ROWS;

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
    /** What is accepted and not yet taken by the writer, in the order it was accepted. */
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /**
     * Connections a large batch is stored over side by side; a (multi-)datastream's observations
     * of a batch are all in one part, and a batch is stored whole before the next is taken, so they
     * are committed, and reach the feed, in the order they were accepted.
     */
    private final int parts;
    private Thread writer;
    private volatile ExecutorService partWriters;
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
        this.parts = settings.writers() > 0 ? settings.writers() : batches.onPostgreSql() ? 2 : 1;
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
            return ingest(body, parent, false);
        } catch (RuntimeException e) {
            // the contract: every refusal or failure comes as the future's outcome, never thrown
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Accepts one observation as {@link #ingest(JsonNode, StaWrites.Parent)} does, but from memory
     * alone, for a caller that may not wait for the database (an event loop): throws
     * {@link NotCached}, having queued nothing, when its datastream, feature of interest or parent
     * is not cached or it creates entities inline (deep insert); refusals are thrown, not returned.
     */
    CompletableFuture<Entity> ingestCached(JsonNode body, StaWrites.Parent parent) {
        return ingest(body, parent, true);
    }

    private CompletableFuture<Entity> ingest(JsonNode body, StaWrites.Parent parent, boolean cachedOnly) {
        if (parent != null) {
            requireParent(parent, cachedOnly);
        }
        if (!ObservationInput.linksOnly(body)) {
            if (cachedOnly) {
                throw NotCached.INSTANCE;
            }
            long id = writes.create(EntityType.OBSERVATION, body, parent);
            return CompletableFuture.completedFuture(store.find(EntityType.OBSERVATION, id).orElseThrow());
        }
        ObservationBatchStore.Row row = prepare(body, parent, cachedOnly);
        reserve(1);
        return enqueue(row);
    }

    /**
     * Returns the observation the document describes, checked against its datastream and feature
     * of interest; 400 naming the failing member. A missing feature of interest is generated
     * from the Location of the datastream's Thing (the first time in a transaction of its own).
     */
    ObservationBatchStore.Row prepare(JsonNode body, StaWrites.Parent parent) {
        return prepare(body, parent, false);
    }

    private ObservationBatchStore.Row prepare(JsonNode body, StaWrites.Parent parent, boolean cachedOnly) {
        ObservationInput.Draft d = ObservationInput.read(body, parent, clock.instant());
        boolean single = d.streamType() == EntityType.DATASTREAM;
        String relation = single ? "Datastream" : "MultiDatastream";
        StreamCatalog.Stream stream = catalog.stream(d.streamType(), d.streamId(), cachedOnly).orElseThrow(() ->
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
            feature = catalog.feature(d.featureId(), cachedOnly).orElseThrow(() -> ProblemException.BadRequest.field(
                    "FeatureOfInterest/@iot.id", "no FeatureOfInterest with @iot.id " + d.featureId()));
        } else {
            feature = generatedFeature(stream, cachedOnly);
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

    private void requireParent(StaWrites.Parent parent, boolean cachedOnly) {
        EntityType type = parent.inverse().target();
        long id = parent.parentId();
        boolean exists = switch (type) {
            case DATASTREAM, MULTI_DATASTREAM -> catalog.stream(type, id, cachedOnly).isPresent();
            case FEATURE_OF_INTEREST -> catalog.feature(id, cachedOnly).isPresent();
            default -> {
                if (cachedOnly) {
                    throw NotCached.INSTANCE;
                }
                yield store.exists(type, id);
            }
        };
        if (!exists) {
            throw new ProblemException.NotFound("No " + type.singular() + " with @iot.id " + id);
        }
    }

    private StreamCatalog.Feature generatedFeature(StreamCatalog.Stream stream, boolean cachedOnly) {
        Long id = catalog.generatedFeature(stream.type(), stream.id()).orElse(null);
        if (id == null && cachedOnly) {
            throw NotCached.INSTANCE;
        }
        if (id == null) {
            long generation = catalog.generation();
            id = writes.generatedFeature(stream.type(), stream.id());
            catalog.rememberGeneratedFeature(stream.type(), stream.id(), id, generation);
        }
        long featureId = id;
        return catalog.feature(featureId, cachedOnly).orElseThrow(() -> ProblemException.BadRequest.field("FeatureOfInterest",
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
        queue.add(new Pending(row, done));
        return done;
    }

    /** Returns how many parts, stored side by side, a large batch is split into ({@code writers}). */
    int parts() {
        return parts;
    }

    /**
     * Returns the part (0 … parts − 1) of a large batch that holds the (multi-)datastream's
     * observations: consecutive ids go to consecutive parts, so the streams of one source spread
     * over all of them.
     */
    int partOf(long streamId) {
        // the type is not mixed in: "id · 2 + type" sent every Datastream to one part when there were two
        return (int) Math.floorMod(streamId, (long) parts);
    }

    private ProblemException.ServiceUnavailable unavailable(String detail) {
        return new ProblemException.ServiceUnavailable(detail, (int) Math.max(1, settings.retryAfter().toSeconds()));
    }

    // ------------------------------------------------------------------ writers

    private void drain() {
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
                writeInParts(batch);
            } finally {
                capacity.release(batch.size());
                batch.clear();
            }
        }
    }

    /**
     * Stores a batch of at least {@link #SPLIT_MIN_ROWS} observations in {@link #parts} parts side
     * by side (the writer's thread stores the first, a part writer each other one) and returns
     * when every part is stored or refused; a smaller batch, or with one part, as a whole.
     */
    private void writeInParts(List<Pending> batch) {
        if (parts == 1 || batch.size() < SPLIT_MIN_ROWS) {
            write(batch);
            return;
        }
        List<List<Pending>> split = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            split.add(new ArrayList<>(batch.size() / parts + 16));
        }
        for (Pending p : batch) {
            split.get(partOf(p.row().streamId())).add(p);
        }
        List<Pending> own = null;
        List<Map.Entry<List<Pending>, Future<?>>> others = new ArrayList<>();
        for (List<Pending> part : split) {
            if (part.isEmpty()) {
                continue;
            }
            if (own == null) {
                own = part;
                continue;
            }
            try {
                others.add(Map.entry(part, partWriters.submit(() -> write(part))));
            } catch (RejectedExecutionException stopping) {
                // stop() gave up waiting for the writer and shut the part writers down: store it here
                write(part);
            }
        }
        write(own);
        boolean interrupted = false;
        for (Map.Entry<List<Pending>, Future<?>> other : others) {
            while (true) {
                try {
                    other.getValue().get();
                    break;
                } catch (InterruptedException e) {
                    // the batch is stored whole before the next is taken: wait on
                    interrupted = true;
                } catch (ExecutionException e) {
                    log.error("a part of a batch of observations failed unexpectedly", e.getCause());
                    for (Pending p : other.getKey()) {
                        p.done().completeExceptionally(unavailable("The observation could not be stored now"));
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
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
            // a small batch on PostgreSQL is one statement that commits itself; else a transaction
            stored = batches.storeCommitted(rows);
            if (stored == null) {
                stored = tx.execute(s -> batches.store(rows, settings.rowsPerStatement()));
            }
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
        if (parts > 1 && (partWriters == null || partWriters.isShutdown())) {
            AtomicInteger n = new AtomicInteger();
            partWriters = Executors.newFixedThreadPool(parts - 1, r -> {
                Thread t = new Thread(r, "sta-ingest-part-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        writer = new Thread(this::drain, "sta-ingest-0");
        writer.setDaemon(true);
        writer.start();
    }

    /** Refuses new observations, writes those already accepted, then stops the writer. */
    @Override
    public synchronized void stop() {
        running = false;
        if (writer != null) {
            try {
                writer.join(settings.ackTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writer = null;
        }
        if (partWriters != null) {
            // not forgotten: a writer still storing past the wait stores its parts itself once this is shut down
            partWriters.shutdown();
        }
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
