package org.cityops.sensing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads stored observations of single-value Datastreams back, in the same shape the
 * {@link ObservationFeed} hands them out, for replaying history (rule dry runs) and for placing a
 * datastream's Thing on the map.
 */
public interface ObservationHistory {

    /**
     * Returns at most {@code limit} observations whose ObservedProperty has the name or the
     * definition (either may be {@code null}, not both) and whose phenomenon time lies in
     * {@code [from, to)}, oldest first (ties by observation id).
     */
    List<SensedObservation> observations(String observedProperty, String propertyDefinition, Instant from, Instant to,
                                         int limit);

    /**
     * Returns the latest stored observation (by phenomenon time) of each datastream whose
     * ObservedProperty has the name or the definition (either may be {@code null}, not both), at
     * most {@code limit} datastreams: where watching for silence starts after a restart or for a
     * new rule.
     */
    List<SensedObservation> latest(String observedProperty, String propertyDefinition, int limit);

    /** Returns where the Thing stands (the first point of its Locations), or empty when it has none. */
    Optional<Position> position(long thingId);

    /** A WGS 84 point. */
    record Position(double longitude, double latitude) {
    }
}
