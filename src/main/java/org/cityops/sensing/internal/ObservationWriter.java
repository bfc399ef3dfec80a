package org.cityops.sensing.internal;

import java.util.Map;
import java.util.Set;

/**
 * The one way observations are stored. Today each is inserted in the caller's transaction;
 * the ingest path will put group commit (batches, one transaction per batch) behind this interface.
 */
interface ObservationWriter {

    /** Stores one validated observation in the current transaction and returns its id. */
    long write(Map<String, Object> values, Map<String, Long> links);

    /** Tells the writer that the transaction that wrote to these datastreams has committed. */
    void committed(Set<Long> datastreamIds);
}
