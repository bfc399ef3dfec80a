package org.cityops.sensing.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Stores observations of the transactional path (deep insert) through the {@link StaStore} and
 * keeps each datastream's latest observation (by phenomenon time) in memory, rebuilt from the
 * database on start; the group-commit path hands its committed batches to {@link #offer}.
 */
@Component
class LatestValues implements ObservationWriter {

    private final StaStore store;
    private final Map<Long, Entity> latest = new ConcurrentHashMap<>();

    LatestValues(StaStore store) {
        this.store = store;
    }

    @EventListener(ApplicationReadyEvent.class)
    void rebuild() {
        latest.clear();
        for (Entity o : store.latestObservations()) {
            latest.merge(o.links().get("Datastream"), o, (a, b) -> a.id() >= b.id() ? a : b);
        }
    }

    @Override
    public long write(Map<String, Object> values, Map<String, Long> links) {
        return store.insert(EntityType.OBSERVATION, values, links);
    }

    @Override
    public void committed(Set<Long> datastreamIds) {
        for (Long id : datastreamIds) {
            if (id == null || id < 0) {
                continue;
            }
            // re-read after commit: the newest by phenomenon time need not be the one just written
            Optional<Entity> newest = store.latestObservation(id);
            newest.ifPresentOrElse(o -> latest.put(id, o), () -> latest.remove(id));
        }
    }

    /**
     * Takes committed observations as the datastreams' latest where they are newer by phenomenon
     * time (then by id) than what is known, without reading the database.
     */
    void offer(List<Entity> committed) {
        // the batch's newest per datastream first: a batch holds thousands of rows of a few datastreams
        Map<Long, Entity> newest = new HashMap<>();
        for (Entity o : committed) {
            Long stream = o.links().get("Datastream");
            if (stream != null) {
                newest.merge(stream, o, LatestValues::newer);
            }
        }
        newest.forEach((stream, o) -> latest.merge(stream, o, LatestValues::newer));
    }

    /** Returns the newer of two observations of one datastream: later phenomenon time start, then higher id. */
    static Entity newer(Entity a, Entity b) {
        Instant ta = ((TimeValue) a.values().get("phenomenonTime")).start();
        Instant tb = ((TimeValue) b.values().get("phenomenonTime")).start();
        int c = ta.compareTo(tb);
        return c > 0 || (c == 0 && a.id() >= b.id()) ? a : b;
    }

    /** Returns the datastream's latest observation, if it has any. */
    Optional<Entity> latest(long datastreamId) {
        return Optional.ofNullable(latest.get(datastreamId));
    }
}
