package org.cityops.sensing;

import java.time.Instant;
import java.util.List;

import org.cityops.geo.GridLocation;

/**
 * One stored observation of a single-value Datastream with what the city knows about where it
 * came from, as handed to {@link ObservationFeed} listeners after the observation committed.
 *
 * @param observationId      the Observation's {@code @iot.id}
 * @param datastreamId       the Datastream's {@code @iot.id}
 * @param thingId            the Datastream's Thing
 * @param thingType          the Thing's type ({@code properties."cityops:type"}), {@code null} when not set
 * @param departmentId       the owning department ({@code properties."cityops:department"}), {@code null} when not set
 * @param location           the unit grid and divisions of the Thing's Location, {@code null} when it has none in the city
 * @param observedProperty   the ObservedProperty's name
 * @param propertyDefinition the ObservedProperty's definition (a URI)
 * @param phenomenonTime     the instant observed (the end of an interval phenomenon time)
 * @param result             the result as parsed JSON: {@link Number}, {@link String}, {@link Boolean},
 *                           {@link java.util.List}, {@link java.util.Map} or {@code null}
 * @param tags               the Thing's tags ({@code properties."cityops:tags"}, an array of strings), empty when none
 */
public record SensedObservation(long observationId, long datastreamId, long thingId, String thingType,
                                Long departmentId, GridLocation location, String observedProperty,
                                String propertyDefinition, Instant phenomenonTime, Object result, List<String> tags) {

    /** Keeps the tags immutable and never {@code null}. */
    public SensedObservation {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** Creates an observation of a Thing without tags. */
    public SensedObservation(long observationId, long datastreamId, long thingId, String thingType, Long departmentId,
                             GridLocation location, String observedProperty, String propertyDefinition,
                             Instant phenomenonTime, Object result) {
        this(observationId, datastreamId, thingId, thingType, departmentId, location, observedProperty,
                propertyDefinition, phenomenonTime, result, List.of());
    }

    /** Returns the result as a double when it is a number, otherwise {@code null}. */
    public Double numericResult() {
        return result instanceof Number n ? n.doubleValue() : null;
    }
}
