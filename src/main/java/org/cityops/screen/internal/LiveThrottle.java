package org.cityops.screen.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Lets at most one value per key through per interval: the first at once, later ones within the
 * interval are held (a newer one replacing an older) and let through when the interval has passed,
 * so the latest value always arrives and never later than one interval. Times are monotonic
 * nanoseconds supplied by the caller.
 *
 * @param <T> the value
 */
final class LiveThrottle<T> {

    private final long intervalNanos;
    private final Map<Long, Long> lastSent = new HashMap<>();
    private final Map<Long, T> pending = new HashMap<>();

    LiveThrottle(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /** Returns whether the value may be sent now; otherwise it is held until {@link #due} hands it out. */
    synchronized boolean offer(long key, T value, long nanos) {
        Long last = lastSent.get(key);
        if (last == null || nanos - last >= intervalNanos) {
            lastSent.put(key, nanos);
            pending.remove(key);
            return true;
        }
        pending.put(key, value);
        return false;
    }

    /** Returns the held values whose interval has passed, each marked as sent now. */
    synchronized List<T> due(long nanos) {
        List<T> out = new ArrayList<>();
        for (Iterator<Map.Entry<Long, T>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, T> e = it.next();
            Long last = lastSent.get(e.getKey());
            if (last == null || nanos - last >= intervalNanos) {
                out.add(e.getValue());
                lastSent.put(e.getKey(), nanos);
                it.remove();
            }
        }
        return out;
    }

    /** Forgets a key (no one listens to it any more). */
    synchronized void forget(long key) {
        lastSent.remove(key);
        pending.remove(key);
    }
}
