package org.cityops.sensing;

import java.util.List;
import java.util.function.Consumer;

/**
 * Hands every committed observation of a single-value Datastream to in-process listeners
 * (rules, the live stream, MQTT subscriptions), in commit order per datastream.
 * Listeners run on the committing thread right after the commit: they must be quick, must not
 * block, and must not throw (a listener's exception is logged and does not affect the write or
 * the other listeners). Observations of MultiDatastreams are not fed.
 */
public interface ObservationFeed {

    /** Registers a listener that receives each committed batch of observations. */
    void subscribe(Consumer<List<SensedObservation>> listener);
}
