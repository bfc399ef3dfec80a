package org.cityops.sensing.internal;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SensorThings MQTT receive extension: which clients subscribed to which entity sets,
 * entities and properties, and the thread that renders each committed change as the HTTP API
 * would (self links for the subscribed version, {@code $select}) and sends it to them.
 * New Observations (of Datastreams and MultiDatastreams) arrive from the {@link ObservationFeedHub}, other
 * creations and updates from
 * {@link StaChanges}. Changes wait in a bounded queue; when it is full they are dropped and
 * counted, as subscriptions are QoS 0 and the committing thread must never wait for a subscriber.
 */
@Component
class MqttSubscriptions implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MqttSubscriptions.class);

    /** One client's subscription to one topic. */
    private record Entry(MqttTopics.Subscription subscription, MqttSubscriber subscriber) {
    }

    private final StaStore store;
    private final StaReads reads;
    private final MqttSettings settings;
    private final Environment environment;
    private final Map<String, Set<Entry>> byKey = new ConcurrentHashMap<>();
    private final BlockingQueue<StaChanges.Change> queue;
    private final Counter dropped;
    private final Counter slowClients;
    private volatile Thread notifier;
    private volatile boolean running;

    MqttSubscriptions(StaStore store, StaReads reads, MqttSettings settings, Environment environment,
                      ObservationFeedHub feed, StaChanges changes, MeterRegistry meters) {
        this.store = store;
        this.reads = reads;
        this.settings = settings;
        this.environment = environment;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, settings.notifyQueue()));
        this.dropped = meters.counter("cityops.mqtt.notifications.dropped", "reason", "queue-full");
        this.slowClients = meters.counter("cityops.mqtt.notifications.dropped", "reason", "slow-client");
        feed.subscribeEntities(batch -> {
            if (!byKey.isEmpty()) {
                batch.forEach(o -> offer(new StaChanges.Change(EntityType.OBSERVATION, o.id(), true, Set.of())));
            }
        });
        changes.subscribe(list -> {
            if (!byKey.isEmpty()) {
                list.forEach(this::offer);
            }
        });
    }

    /** Adds the client's subscription. */
    void add(MqttTopics.Subscription subscription, MqttSubscriber subscriber) {
        byKey.computeIfAbsent(subscription.key(), k -> new CopyOnWriteArraySet<>())
                .add(new Entry(subscription, subscriber));
    }

    /** Removes the client's subscription to the topic (as it subscribed to it). */
    void remove(String topic, MqttSubscriber subscriber) {
        byKey.values().forEach(set -> set.removeIf(e -> e.subscriber() == subscriber && e.subscription().topic().equals(topic)));
        byKey.values().removeIf(Set::isEmpty);
    }

    /** Removes every subscription of the client (it disconnected). */
    void removeAll(MqttSubscriber subscriber) {
        byKey.values().forEach(set -> set.removeIf(e -> e.subscriber() == subscriber));
        byKey.values().removeIf(Set::isEmpty);
    }

    private void offer(StaChanges.Change change) {
        if (!queue.offer(change)) {
            dropped.increment();
        }
    }

    private void run() {
        while (running) {
            try {
                StaChanges.Change change = queue.poll(500, TimeUnit.MILLISECONDS);
                if (change != null && !byKey.isEmpty()) {
                    announce(change);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("MQTT notification failed; the change is stored, subscribers miss it", e);
            }
        }
    }

    /** Sends the change to every matching subscription. */
    void announce(StaChanges.Change change) {
        Optional<Entity> found = store.find(change.type(), change.id());
        if (found.isEmpty()) {
            return;
        }
        Entity e = found.get();
        String self = MqttTopics.entityKey(e.type(), e.id());
        Set<String> setKeys = new LinkedHashSet<>();
        if (change.addedTo() != null) {
            // an entity joined a collection kept in a link table: only that collection hears of it
            setKeys.add(change.addedTo());
        } else {
            setKeys.add(e.type().plural());
        }
        for (EntityType.Navigation n : change.addedTo() != null ? List.<EntityType.Navigation>of() : e.type().navigations()) {
            Long linked = e.links().get(n.name());
            if (n.storage() == EntityType.Storage.LINK_TABLE && !change.created()) {
                // an updated entity is also a changed member of the link-table collections it belongs to
                // (a new one reaches them through the link's own announcement)
                EntityType.Navigation back = StaWrites.inverse(e.type(), n).orElseThrow();
                for (long other : store.idsWhere(n.linkTable(), n.linkColumn(), n.column(), e.id())) {
                    setKeys.add(MqttTopics.entityKey(n.target(), other) + "/" + back.name());
                }
                continue;
            }
            if (n.storage() != EntityType.Storage.OWN_COLUMN || linked == null) {
                continue;
            }
            for (EntityType.Navigation back : n.target().navigations()) {
                if (back.toMany() && StaWrites.inverse(n.target(), back).filter(n::equals).isPresent()) {
                    setKeys.add(MqttTopics.entityKey(n.target(), linked) + "/" + back.name());
                }
            }
        }
        Map<String, byte[]> rendered = new HashMap<>();
        for (String key : setKeys) {
            for (Entry x : byKey.getOrDefault(key, Set.of())) {
                send(x, rendered.computeIfAbsent(x.subscription().version() + "|" + x.subscription().options().select(),
                        k -> bytes(reads.render(e, base(x.subscription().version()), x.subscription().version(),
                                x.subscription().options()))));
            }
        }
        if (change.created() || change.addedTo() != null) {
            return;
        }
        for (Entry x : byKey.getOrDefault(self, Set.of())) {
            send(x, rendered.computeIfAbsent(x.subscription().version() + "|[]",
                    k -> bytes(reads.render(e, base(x.subscription().version()), x.subscription().version(),
                            QueryOptions.NONE))));
        }
        for (String property : change.properties()) {
            Set<Entry> entries = byKey.getOrDefault(self + "/" + property, Set.of());
            if (entries.isEmpty() || e.type().property(property).isEmpty()) {
                continue;
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.set(property, StaReads.json(e.values().get(property)));
            byte[] payload = bytes(out);
            entries.forEach(x -> send(x, payload));
        }
    }

    private void send(Entry x, byte[] payload) {
        if (!x.subscriber().deliver(x.subscription().topic(), payload)) {
            slowClients.increment();
        }
    }

    private String base(Version version) {
        String root = settings.serviceUrl().isBlank()
                ? "http://localhost:" + environment.getProperty("local.server.port",
                        environment.getProperty("server.port", "8080"))
                : settings.serviceUrl().replaceAll("/+$", "");
        return root + "/sta/" + version.segment();
    }

    private static byte[] bytes(ObjectNode json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void start() {
        running = true;
        Thread t = new Thread(this::run, "mqtt-notify");
        t.setDaemon(true);
        notifier = t;
        t.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = notifier;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
