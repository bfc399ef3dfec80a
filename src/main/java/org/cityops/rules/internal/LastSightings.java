package org.cityops.rules.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latest phenomenon time any alert of a rule and subject was seen at, as far as this process
 * wrote or read it: the replay guard of raises needs it for every rule and subject that may raise,
 * and asking the database each time cost a query per engine batch. Bounded (least recently used
 * pairs are forgotten and asked again); only the engine's thread writes sightings, so what it
 * learns after each commit stays true.
 */
final class LastSightings {

    /** Known to have no alert at all. */
    static final Instant NONE = Instant.MIN;

    private final Map<AlertStore.Key, Instant> known;

    LastSightings(int capacity) {
        this.known = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<AlertStore.Key, Instant> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Returns the latest sighting of the pair, {@link #NONE} when it has no alert, {@code null} when unknown. */
    synchronized Instant get(AlertStore.Key key) {
        return known.get(key);
    }

    /** Records sightings (or {@link #NONE}) committed or read, keeping the later of old and new. */
    synchronized void learn(Map<AlertStore.Key, Instant> sightings) {
        sightings.forEach((k, t) -> known.merge(k, t, (a, b) -> a.isAfter(b) ? a : b));
    }

    /** Forgets the pairs, e.g. after their signals were written by another path. */
    synchronized void forget(Collection<AlertStore.Key> keys) {
        keys.forEach(known::remove);
    }

    /** Returns how many pairs are known. */
    synchronized int size() {
        return known.size();
    }
}
