package org.cityops.sensing.internal;

import java.util.Map;
import java.util.Set;

/**
 * How the transactional path ({@link StaWrites}: deep insert, updates) stores observations in the
 * caller's transaction. Observations that only link existing entities take the group-commit path
 * ({@link GroupCommitIngest}) instead.
 */
interface ObservationWriter {

    /** Stores one validated observation in the current transaction and returns its id. */
    long write(Map<String, Object> values, Map<String, Long> links);

    /** Tells the writer that the transaction that wrote to these datastreams has committed. */
    void committed(Set<Long> datastreamIds);
}
