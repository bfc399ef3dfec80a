package org.cityops.rules.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cityops.sensing.SensedObservation;

/**
 * The recent numeric observations of one datastream in event-time order, bounded by time and
 * count, with the datastream's watermark (the newest phenomenon time seen) and the previous
 * observation. Decides whether an observation is new, late but within the allowed lateness, too
 * late, or a replay of one already seen.
 */
final class StreamWindow {

    /** One observation kept in the window. */
    record Point(long observationId, Instant time, double value) {
    }

    /** What became of an observation offered to the window. */
    enum Admission {
        /** At or after the watermark: kept and evaluated. */
        NEW,
        /** Before the watermark but within the allowed lateness: kept for later windows, not evaluated. */
        LATE,
        /** Before the watermark minus the allowed lateness: dropped and counted. */
        TOO_LATE,
        /** The same observation id or phenomenon time was seen already: ignored. */
        REPLAY
    }

    private final String subject;
    private final List<Point> points = new ArrayList<>();
    private int head;
    private Point previous;
    private long tooLate;
    private Map<String, Object> entity;
    private SensedObservation entityOf;

    StreamWindow(long datastreamId) {
        this.subject = "datastream:" + datastreamId;
    }

    /** Returns the datastream as a rule's subject ({@code datastream:<id>}), made once: its hash is computed once too. */
    String subject() {
        return subject;
    }

    /** Returns the newest observation's phenomenon time, {@code null} before the first. */
    Instant watermark() {
        return points.size() > head ? points.get(points.size() - 1).time() : null;
    }

    /** Returns the observation before the newest, {@code null} when there is none. */
    Point previous() {
        return previous;
    }

    /**
     * Returns the {@code entity} variable for the datastream's observations, built once and again
     * only when the datastream's context (place, type, department) is another object than before.
     */
    Map<String, Object> entity(SensedObservation o) {
        if (entity == null || !sameContext(o)) {
            entity = RuleEngine.entityOf(o);
            entityOf = o;
        }
        return entity;
    }

    /** Whether the observation's context is the one the entity was built from: by identity first, as it mostly is. */
    private boolean sameContext(SensedObservation o) {
        SensedObservation e = entityOf;
        return same(o.location(), e.location()) && same(o.thingType(), e.thingType())
                && same(o.departmentId(), e.departmentId()) && same(o.observedProperty(), e.observedProperty())
                && same(o.tags(), e.tags()) && o.thingId() == e.thingId();
    }

    private static boolean same(Object a, Object b) {
        return a == b || (a != null && a.equals(b));
    }

    /** Returns how many observations came too late to count. */
    long tooLate() {
        return tooLate;
    }

    /**
     * Offers an observation: keeps it in time order unless it is a replay or too late, then drops
     * observations older than {@code retention} before the watermark and beyond {@code maxPoints}.
     */
    Admission admit(long observationId, Instant time, double value, Duration lateness, Duration retention,
                    int maxPoints) {
        Instant watermark = watermark();
        Point p = new Point(observationId, time, value);
        if (watermark == null || time.isAfter(watermark)) {
            previous = watermark == null ? null : points.get(points.size() - 1);
            points.add(p);
            trim(retention, maxPoints);
            return Admission.NEW;
        }
        int at = search(time);
        if (at >= 0 || points.get(points.size() - 1).observationId() == observationId) {
            return Admission.REPLAY;
        }
        if (time.isBefore(watermark.minus(lateness))) {
            tooLate++;
            return Admission.TOO_LATE;
        }
        int insertion = -at - 1;
        points.add(insertion, p);
        if (insertion == points.size() - 2) {
            // the late observation now stands right before the newest: it is the newest's previous
            previous = p;
        }
        trim(retention, maxPoints);
        return Admission.LATE;
    }

    /** Returns the aggregates of the observations with phenomenon time in {@code (at - window, at]}. */
    Map<String, Double> aggregate(Instant at, Duration window) {
        Instant from = at.minus(window);
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int count = 0;
        Point first = null;
        Point last = null;
        for (int i = points.size() - 1; i >= head; i--) {
            Point p = points.get(i);
            if (p.time().isAfter(at)) {
                continue;
            }
            if (!p.time().isAfter(from)) {
                break;
            }
            if (last == null) {
                last = p;
            }
            first = p;
            sum += p.value();
            min = Math.min(min, p.value());
            max = Math.max(max, p.value());
            count++;
        }
        if (count == 0) {
            return Map.of("avg", 0.0, "min", 0.0, "max", 0.0, "sum", 0.0, "count", 0.0, "first", 0.0, "last", 0.0,
                    "delta", 0.0, "rate", 0.0);
        }
        double delta = last.value() - first.value();
        double hours = Duration.between(first.time(), last.time()).toMillis() / 3_600_000.0;
        return Map.of("avg", sum / count, "min", min, "max", max, "sum", sum, "count", (double) count,
                "first", first.value(), "last", last.value(), "delta", delta, "rate", hours > 0 ? delta / hours : 0.0);
    }

    /** Returns how many observations the window holds. */
    int size() {
        return points.size() - head;
    }

    private int search(Instant time) {
        int lo = head;
        int hi = points.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = points.get(mid).time().compareTo(time);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    private void trim(Duration retention, int maxPoints) {
        Instant oldest = watermark().minus(retention);
        while (head < points.size() - 1 && (points.get(head).time().isBefore(oldest) || size() > maxPoints)) {
            head++;
        }
        if (head > 64 && head > points.size() / 2) {
            // compact now and then, so dropping old points stays O(1) amortized
            points.subList(0, head).clear();
            head = 0;
        }
    }
}
