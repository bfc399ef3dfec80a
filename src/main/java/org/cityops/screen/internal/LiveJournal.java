package org.cityops.screen.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Numbers the live events and keeps the most recent case, alert and device events in a ring, so a
 * client that reconnects with the id of the last event it saw gets exactly the ones it missed.
 * Observation values are numbered but not kept: they are latest values, and the next one (or the
 * sensor listing) replaces a missed one. Ids start at a value taken from the clock at start, so ids
 * of an earlier run are recognised as older than the ring. Not thread-safe: the caller serialises.
 */
final class LiveJournal {

    /** What a reconnecting client gets. */
    sealed interface Replay permits Missed, Reset {
    }

    /** The kept events after the client's last one, oldest first (empty when it missed nothing). */
    record Missed(List<LiveEvent> events) implements Replay {
    }

    /** The client missed events no longer kept (or its id is not of this run): it must reload. */
    record Reset(String reason) implements Replay {
    }

    private final LiveEvent[] ring;
    private final long firstId;
    private long nextId;
    private int start;
    private int size;
    /** The highest id that fell out of the ring; a client whose last id is below it missed something. */
    private long evictedUpTo;

    LiveJournal(int capacity, long firstId) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.ring = new LiveEvent[capacity];
        this.firstId = firstId;
        this.nextId = firstId;
        this.evictedUpTo = firstId - 1;
    }

    /** Returns a new event with the next id; {@code kept} events go into the ring for replay. */
    LiveEvent append(String type, String data, LiveScope scope, Long datastreamId, boolean kept) {
        return append(type, new LiveEvent.Payload(() -> data), scope, datastreamId, kept);
    }

    /** Returns a new event with the next id whose document is serialised when first sent; {@code kept} as above. */
    LiveEvent append(String type, LiveEvent.Payload payload, LiveScope scope, Long datastreamId, boolean kept) {
        LiveEvent e = new LiveEvent(nextId++, type, payload, scope, datastreamId);
        if (kept) {
            if (size == ring.length) {
                evictedUpTo = ring[start].id();
                ring[start] = e;
                start = (start + 1) % ring.length;
            } else {
                ring[(start + size) % ring.length] = e;
                size++;
            }
        }
        return e;
    }

    /** Returns the id of the last event numbered, or one less than the first id when there was none. */
    long lastId() {
        return nextId - 1;
    }

    /** Returns what a client whose last seen event is {@code lastEventId} ({@code null}: a new client) missed. */
    Replay since(Long lastEventId) {
        if (lastEventId == null) {
            return new Missed(List.of());
        }
        if (lastEventId < firstId - 1 || lastEventId > lastId()) {
            return new Reset("event " + lastEventId + " is not of this server's run");
        }
        if (lastEventId < evictedUpTo) {
            return new Reset("events after " + lastEventId + " are no longer kept");
        }
        List<LiveEvent> missed = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            LiveEvent e = ring[(start + i) % ring.length];
            if (e.id() > lastEventId) {
                missed.add(e);
            }
        }
        return new Missed(missed);
    }
}
