package org.cityops.sensing.internal;

/**
 * Thrown by a lookup that was asked to answer from memory alone when the answer is not there: the
 * caller, which may not wait for the database (a Vert.x event loop), hands the request to a
 * thread that may. Nothing was written or queued when it is thrown. It carries no stack trace.
 */
final class NotCached extends RuntimeException {

    static final NotCached INSTANCE = new NotCached();

    private NotCached() {
        super("not in memory; ask where the database may be waited for", null, false, false);
    }
}
