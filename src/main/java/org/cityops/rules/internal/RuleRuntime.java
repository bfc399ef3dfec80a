package org.cityops.rules.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import org.cityops.sensing.ObservationFeed;
import org.cityops.sensing.ObservationHistory;
import org.cityops.sensing.SensedObservation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the rule engine on one thread of its own: the observation feed only puts each committed
 * batch into a bounded queue (so ingest never waits for rules, and never fails because of them);
 * the thread judges the batches, applies the resulting signals to the alerts, and also applies
 * rule changes and the periodic absence check, so the engine needs no locks.
 *
 * <p>When the queue stays full for longer than {@code cityops.rules.offer-timeout} the batch is
 * dropped and counted ({@link Stats#droppedBatches}), rather than holding up ingest.
 */
@Component
class RuleRuntime implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RuleRuntime.class);
    /** Observations of queued batches judged together at most, their alerts written in one transaction. */
    private static final int COALESCED = 5_000;

    private final RuleEngine engine;
    private final RuleStore rules;
    private final RuleVersions versions;
    private final AlertStore alerts;
    private final AlertService alertService;
    private final Clock clock;
    private final RulesSettings settings;
    private final CelConditions cel;
    private final ObservationHistory history;
    private final BlockingQueue<Runnable> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong observations = new AtomicLong();
    private volatile Stats stats = new Stats(0, 0, 0, 0, 0, 0, 0, 0);
    private volatile boolean running;
    private volatile boolean closed;
    private Thread worker;

    /**
     * What the engine has done since start.
     *
     * @param activeRules    rules being evaluated
     * @param streams        datastreams with a window
     * @param observations   observations handed to the engine
     * @param tooLate        observations dropped from windows for coming later than the allowed lateness
     * @param replays        observations ignored as replays
     * @param droppedBatches batches dropped because the queue stayed full
     * @param queued         tasks waiting
     * @param cpuMillis      CPU time the engine's thread used (judging and alert writes), -1 where the JVM does not measure it
     */
    record Stats(int activeRules, int streams, long observations, long tooLate, long replays, long droppedBatches,
                 int queued, long cpuMillis) {
    }

    RuleRuntime(ObservationFeed feed, RuleStore rules, RuleVersions versions, AlertStore alerts,
                AlertService alertService, Clock clock, RulesSettings settings, ObservationHistory history) {
        this.history = history;
        this.rules = rules;
        this.versions = versions;
        this.alerts = alerts;
        this.alertService = alertService;
        this.clock = clock;
        this.settings = settings;
        this.cel = new CelConditions(CelConditions.MAX_LENGTH, settings.maxIterations());
        this.engine = new RuleEngine(settings.allowedLateness(), settings.maxPointsPerStream());
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        feed.subscribe(this::offer);
    }

    /** Returns the compiler the runtime uses, so saved rules compile the same way. */
    CelConditions cel() {
        return cel;
    }

    /**
     * Loads the enabled rules and the active alerts' subjects and starts the engine's thread, once;
     * after a {@link #stop()} (a paused test context) it only accepts observations again.
     */
    @Override
    public void start() {
        if (worker == null) {
            for (RuleStore.RuleRow r : rules.enabled()) {
                RuleDefinition d = versions.definition(r.id(), r.currentVersion());
                try {
                    CompiledRule rule = CompiledRule.compile(r.id(), r.currentVersion(), d, cel);
                    engine.put(rule);
                    if (d.kind() == RuleKind.ABSENCE) {
                        // after the worker starts, as its first tasks: the query must not hold up the context's start
                        submit(() -> watchSilence(rule));
                    }
                } catch (RuntimeException e) {
                    log.warn("rule {} v{} does not compile any more and is left out: {}", r.id(), r.currentVersion(),
                            e.getMessage());
                }
            }
            for (String[] active : alerts.activeSubjects()) {
                engine.markActive(Long.parseLong(active[0]), active[1]);
            }
            worker = new Thread(this::work, "rules-engine");
            worker.setDaemon(true);
            worker.start();
            log.info("rule engine started with {} rules", engine.activeRules());
        }
        running = true;
    }

    /**
     * Stops accepting observations; the engine's thread finishes what is queued. It is not
     * interrupted: an interrupt inside a JDBC call could leave the database connection unusable.
     */
    @Override
    public void stop() {
        running = false;
    }

    /** Ends the engine's thread after the tasks already queued, when the application closes. */
    @PreDestroy
    void close() {
        closed = true;
        queue.offer(() -> { });
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void offer(List<SensedObservation> batch) {
        if (!running) {
            return;
        }
        try {
            if (!queue.offer(new Judge(batch), settings.offerTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                if (dropped.incrementAndGet() % 1000 == 1) {
                    log.warn("rule engine queue full: {} observation batches dropped so far", dropped.get());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A committed batch of observations to judge. */
    private final class Judge implements Runnable {
        final List<SensedObservation> batch;

        Judge(List<SensedObservation> batch) {
            this.batch = batch;
        }

        @Override
        public void run() {
            judge(List.of(batch));
        }
    }

    /**
     * Judges the batches in order and writes their alerts in one transaction: when batches queue
     * up, the per-transaction costs (reads, statements, commit) are shared by all of them.
     */
    private void judge(List<List<SensedObservation>> batches) {
        List<Signal> signals = new ArrayList<>();
        for (List<SensedObservation> batch : batches) {
            observations.addAndGet(batch.size());
            signals.addAll(engine.accept(batch, clock.instant()));
        }
        if (!signals.isEmpty()) {
            alertService.apply(signals);
        }
    }

    /**
     * Returns the task and, when it judges a batch, the batches queued right behind it (up to
     * {@link #COALESCED} observations), judged together; other tasks keep their place in line.
     */
    private Runnable next(Runnable task) {
        if (!(task instanceof Judge first) || !(queue.peek() instanceof Judge)) {
            return task;
        }
        List<List<SensedObservation>> batches = new ArrayList<>();
        batches.add(first.batch);
        int n = first.batch.size();
        // only this thread takes from the queue: the batch peeked at is the one polled
        while (n < COALESCED && queue.peek() instanceof Judge j) {
            queue.poll();
            batches.add(j.batch);
            n += j.batch.size();
        }
        return () -> judge(batches);
    }

    /** Makes the rule's new version (or re-enabled rule) take effect, after the change committed. */
    void put(CompiledRule rule) {
        submit(() -> {
            engine.put(rule);
            watchSilence(rule);
        });
    }

    /** Lets an absence rule watch its datastreams from their latest stored observation (on the engine's thread). */
    private void watchSilence(CompiledRule rule) {
        RuleDefinition d = rule.definition();
        if (d.kind() != RuleKind.ABSENCE) {
            return;
        }
        Watch w = d.watch();
        engine.watchSilence(rule.id(), history.latest(w.observedProperty(),
                w.observedProperty() == null ? w.propertyDefinition() : null, settings.maxSilenceWatched()));
    }

    /**
     * Makes the rule's new version take effect and clears the alerts of the old one, which judged
     * other datastreams or in another way (see {@link RuleService#change}); the clearing runs on
     * the engine's thread after every batch queued before, so no alert of the old version
     * outlives it.
     */
    void replace(CompiledRule rule, String actor, String role, String why) {
        submit(() -> {
            engine.remove(rule.id());
            alertService.clearAllOf(rule.id(), actor, role, why);
            engine.put(rule);
            watchSilence(rule);
        });
    }

    /**
     * Stops evaluating the rule, after the change committed, and clears its active alerts (those
     * waiting for their case excepted) with a history line saying why; on the engine's thread, so
     * a batch queued before cannot raise one after the clearing.
     */
    void remove(long ruleId, String actor, String role, String why) {
        submit(() -> {
            engine.remove(ruleId);
            alertService.clearAllOf(ruleId, actor, role, why);
        });
    }

    /** Looks for silent datastreams of absence rules, at the clock's time. */
    @Scheduled(fixedDelayString = "${cityops.rules.absence-check-interval:30s}",
            initialDelayString = "${cityops.rules.absence-check-interval:30s}")
    void checkAbsence() {
        submit(() -> {
            List<Signal> signals = engine.checkAbsence(clock.instant());
            if (!signals.isEmpty()) {
                alertService.apply(signals);
            }
        });
    }

    /** Waits until everything queued before this call was handled (tests, benchmarks). */
    void awaitIdle() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        submit(done::countDown);
        if (!done.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("rule engine did not get through its queue within a minute");
        }
    }

    /** Returns what the engine has done since start. */
    Stats stats() {
        return new Stats(stats.activeRules(), stats.streams(), observations.get(), stats.tooLate(), stats.replays(),
                dropped.get(), queue.size(), stats.cpuMillis());
    }

    private void submit(Runnable task) {
        try {
            queue.put(task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing a task to the rule engine", e);
        }
    }

    private void work() {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        while (!closed) {
            Runnable task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                next(task).run();
            } catch (RuntimeException e) {
                log.warn("rule engine task failed; the engine goes on", e);
            }
            stats = new Stats(engine.activeRules(), engine.streams(), 0, engine.tooLate(), engine.replays(), 0, 0,
                    cpu.isCurrentThreadCpuTimeSupported() ? cpu.getCurrentThreadCpuTime() / 1_000_000 : -1);
        }
    }
}
