package org.cityops.sensing.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells in-process listeners (MQTT subscriptions, caches) which SensorThings entities a committed
 * write created or changed. Observations of Datastreams are not announced here: they arrive
 * through the {@link ObservationFeedHub}, whichever ingest path stored them.
 */
@Component
class StaChanges {

    private static final Logger log = LoggerFactory.getLogger(StaChanges.class);

    /**
     * One created or changed entity.
     *
     * @param type       the entity type
     * @param id         the entity's {@code @iot.id}
     * @param created    {@code true} for a new entity, {@code false} for an update
     * @param properties the members an update set (properties and relations), empty for a new entity
     * @param addedTo    for an entity newly linked into a collection held in a link table, that
     *                   collection ({@code Things(1)/Locations}); {@code null} for a creation or update
     */
    record Change(EntityType type, long id, boolean created, Set<String> properties, String addedTo) {

        /** Returns a creation ({@code created}) or an update of the given members. */
        Change(EntityType type, long id, boolean created, Set<String> properties) {
            this(type, id, created, properties, null);
        }

        /** Returns the news that an existing or new entity joined a collection kept in a link table. */
        static Change added(EntityType type, long id, String collection) {
            return new Change(type, id, false, Set.of(), collection);
        }
    }

    private final List<Consumer<List<Change>>> listeners = new CopyOnWriteArrayList<>();

    /** Registers a listener; it runs on the committing thread, so it must be quick and must not block. */
    void subscribe(Consumer<List<Change>> listener) {
        listeners.add(listener);
    }

    /** Hands the changes of one committed write to the listeners; a listener's failure is logged only. */
    void publish(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        List<Change> view = List.copyOf(changes);
        for (Consumer<List<Change>> l : listeners) {
            try {
                l.accept(view);
            } catch (RuntimeException e) {
                log.warn("change listener {} failed; the write is committed and other listeners ran", l, e);
            }
        }
    }
}
