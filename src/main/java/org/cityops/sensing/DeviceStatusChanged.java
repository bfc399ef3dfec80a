package org.cityops.sensing;

import java.time.Instant;

/**
 * Published when a Datastream or MultiDatastream falls silent for longer than its expected interval (offline) and
 * when it speaks again (online). Ordinary Spring application event, published after the fact.
 *
 * @param thingId      the Thing the datastream belongs to
 * @param datastreamId the datastream that went silent or spoke again
 * @param online       {@code true} when it spoke again, {@code false} when it went silent
 * @param at           when the change was detected
 * @param lastSeen     the phenomenon time of the datastream's latest observation, {@code null} if it never spoke
 * @param multiDatastream whether {@code datastreamId} is a MultiDatastream's (ids of Datastreams and
 *                     MultiDatastreams are separate sequences)
 */
public record DeviceStatusChanged(long thingId, long datastreamId, boolean online, Instant at, Instant lastSeen,
                                  boolean multiDatastream) {

    /** Returns the event for a (single-value) Datastream. */
    public DeviceStatusChanged(long thingId, long datastreamId, boolean online, Instant at, Instant lastSeen) {
        this(thingId, datastreamId, online, at, lastSeen, false);
    }
}
