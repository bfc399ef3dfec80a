package org.cityops.screen.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import org.cityops.cases.CaseEvents;
import org.cityops.cases.CaseReader;
import org.cityops.cases.CaseSummary;
import org.cityops.geo.GridLocation;
import org.cityops.geo.GridLookup;
import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.cityops.rules.AlertChanged;
import org.cityops.sensing.DeviceLiveness;
import org.cityops.sensing.DeviceStatusChanged;
import org.cityops.sensing.ObservationFeed;
import org.cityops.sensing.SensedObservation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The live stream's switchboard: turns case, alert and device events (after their commit) and the
 * committed observations of subscribed datastreams into numbered {@link LiveEvent}s, keeps the recent
 * ones for replay and hands each to the connected clients that may see it. Publishing never blocks:
 * clients are fed through their own bounded queues.
 */
@Component
class LiveHub implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveHub.class);

    private final LiveStreamSettings settings;
    private final CaseReader cases;
    private final GridLookup grids;
    private final DeviceLiveness devices;
    private final ObjectMapper json;
    private final LiveJournal journal;
    private final Set<LiveClient> clients = new CopyOnWriteArraySet<>();
    private final Map<Long, AtomicInteger> subscribers = new ConcurrentHashMap<>();
    private final LiveThrottle<SensedObservation> throttle;
    private final ScheduledExecutorService ticker;
    private final ThreadFactory writers;

    LiveHub(LiveStreamSettings settings, CaseReader cases, GridLookup grids, DeviceLiveness devices,
            ObservationFeed feed, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.cases = cases;
        this.grids = grids;
        this.devices = devices;
        this.json = json;
        // ids of a later run start above those of an earlier one (unless a run averaged over 1,000 events a ms)
        this.journal = new LiveJournal(settings.replayBuffer(), clock.millis() * 1000);
        this.throttle = new LiveThrottle<>(settings.observationInterval().toNanos());
        AtomicInteger n = new AtomicInteger();
        this.writers = r -> {
            Thread t = new Thread(r, "live-stream-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "live-stream-throttle");
            t.setDaemon(true);
            return t;
        });
        long tick = Math.max(settings.observationInterval().toMillis() / 4, 10);
        ticker.scheduleWithFixedDelay(this::flushHeldObservations, tick, tick, TimeUnit.MILLISECONDS);
        feed.subscribe(this::observed);
    }

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every stream when the application stops, before the web server's graceful shutdown, which
     * would otherwise wait for these never-ending responses; the clients reconnect to the next run.
     */
    @Override
    public void stop() {
        running = false;
        clients.forEach(LiveClient::close);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @PreDestroy
    void shutdownTicker() {
        ticker.shutdownNow();
    }

    /** Connects a client: it first gets what it missed since {@code lastEventId} (or a reset), then live events. */
    void connect(Actor actor, Set<Long> datastreams, Long lastEventId, SseEmitter emitter) {
        if (clients.size() >= settings.maxClients()) {
            throw new ProblemException.ServiceUnavailable("The live stream has its maximum of "
                    + settings.maxClients() + " clients", 5);
        }
        LiveClient client = new LiveClient(actor, datastreams, settings.clientQueue(), emitter, settings.heartbeat(),
                this::disconnected);
        emitter.onCompletion(client::close);
        emitter.onTimeout(client::close);
        emitter.onError(e -> client.close());
        for (Long d : datastreams) {
            // counted before the client can close, so its disconnection always has a count to take back
            subscribers.computeIfAbsent(d, k -> new AtomicInteger()).incrementAndGet();
        }
        synchronized (journal) {
            // under the journal's lock no event is numbered between the replay and the registration
            client.startWith(journal.since(lastEventId), journal.lastId());
            clients.add(client);
        }
        writers.newThread(client).start();
    }

    private void disconnected(LiveClient client) {
        if (!clients.remove(client)) {
            return;
        }
        for (Long d : client.datastreams()) {
            AtomicInteger count = subscribers.get(d);
            if (count != null && count.decrementAndGet() <= 0) {
                subscribers.remove(d);
                throttle.forget(d);
            }
        }
    }

    /** Returns how many clients are connected. */
    int clients() {
        return clients.size();
    }

    // ------------------------------------------------------------------ sources

    // Plain listeners that act after the commit themselves: a @TransactionalEventListener would make
    // the event publication registry write and complete a row per event for a stream that keeps
    // nothing durable anyway (a client that misses events reloads).

    @EventListener
    void on(CaseEvents.CaseReported e) {
        afterCommit(() -> publishCase(e, "REPORTED", e.caseId(), null));
    }

    @EventListener
    void on(CaseEvents.CaseTransitioned e) {
        afterCommit(() -> publishCase(e, "TRANSITIONED", e.caseId(), e.leadDepartmentId()));
    }

    @EventListener
    void on(CaseEvents.CaseClosed e) {
        afterCommit(() -> publishCase(e, "CLOSED", e.caseId(), null));
    }

    @EventListener
    void on(CaseEvents.CaseDeadlineApproaching e) {
        afterCommit(() -> publishCase(e, "DEADLINE_APPROACHING", e.caseId(), e.leadDepartmentId()));
    }

    @EventListener
    void on(CaseEvents.CaseOverdue e) {
        afterCommit(() -> publishCase(e, "OVERDUE", e.caseId(), e.leadDepartmentId()));
    }

    @EventListener
    void on(CaseEvents.CaseEscalated e) {
        afterCommit(() -> publishCase(e, "ESCALATED", e.caseId(), null));
    }

    @EventListener
    void on(AlertChanged e) {
        afterCommit(() -> publish("alert", () -> json.valueToTree(e).toString(), LiveScope.of(e.location(),
                e.departmentId()), null, true));
    }

    @EventListener
    void on(DeviceStatusChanged e) {
        afterCommit(() -> publishDevice(e));
    }

    /** Runs the work once the current transaction committed (never when it rolls back), or at once without one. */
    private static void afterCommit(Runnable work) {
        Runnable guarded = () -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                // the stream must never fail the work that published the event; clients reload on reset
                log.warn("could not put an event on the live stream", e);
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    guarded.run();
                }
            });
        } else {
            guarded.run();
        }
    }

    private void publishDevice(DeviceStatusChanged e) {
        ObjectNode data = json.valueToTree(e);
        Optional<DeviceLiveness.DevicePlace> place = devices.place(e);
        data.put("thingType", place.map(DeviceLiveness.DevicePlace::thingType).orElse(null));
        data.putPOJO("departmentId", place.map(DeviceLiveness.DevicePlace::departmentId).orElse(null));
        data.set("location", json.valueToTree(place.map(DeviceLiveness.DevicePlace::location).orElse(null)));
        publish("device", data::toString, place.map(p -> LiveScope.of(p.location(), p.departmentId()))
                .orElse(LiveScope.of(null)), null, true);
    }

    /**
     * Publishes a case event, scoped like the case: its place from the stored case, its lead department
     * from the event or the case. Assisting departments are not known here and do not see it.
     */
    private void publishCase(Object event, String change, long caseId, Long leadDepartment) {
        Optional<CaseSummary> c = cases.find(caseId);
        GridLocation where = c.flatMap(s -> grids.locate(s.longitude(), s.latitude())).orElse(null);
        LiveScope scope = LiveScope.of(where, leadDepartment, c.map(CaseSummary::leadDepartmentId).orElse(null));
        ObjectNode data = json.valueToTree(event);
        data.put("change", change);
        c.ifPresent(s -> {
            data.put("state", s.state().name());
            data.put("categoryCode", s.categoryCode());
            data.put("description", s.description());
            data.put("longitude", s.longitude());
            data.put("latitude", s.latitude());
        });
        publish("case", data::toString, scope, null, true);
    }

    /** Takes committed observations of subscribed datastreams: O(1) each for the others. */
    private void observed(List<SensedObservation> batch) {
        if (subscribers.isEmpty()) {
            return;
        }
        // the throttle measures spacing on the monotonic clock: it is rate, not the time of any record
        long now = System.nanoTime();
        for (SensedObservation o : batch) {
            if (subscribers.containsKey(o.datastreamId()) && throttle.offer(o.datastreamId(), o, now)) {
                publishObservation(o);
            }
        }
    }

    private void flushHeldObservations() {
        try {
            for (SensedObservation o : throttle.due(System.nanoTime())) {
                if (subscribers.containsKey(o.datastreamId())) {
                    publishObservation(o);
                }
            }
        } catch (RuntimeException e) {
            log.warn("could not hand out held observation values", e);
        }
    }

    private void publishObservation(SensedObservation o) {
        publish("observation", () -> json.valueToTree(o).toString(), LiveScope.of(o.location(), o.departmentId()),
                o.datastreamId(), false);
    }

    private void publish(String type, Supplier<String> data, LiveScope scope, Long datastreamId, boolean kept) {
        synchronized (journal) {
            LiveEvent e = journal.append(type, new LiveEvent.Payload(data), scope, datastreamId, kept);
            for (LiveClient c : clients) {
                c.offer(e);
            }
        }
    }
}
