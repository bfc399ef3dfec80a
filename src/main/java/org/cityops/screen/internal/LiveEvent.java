package org.cityops.screen.internal;

import java.util.function.Supplier;

/**
 * One event of the live stream as sent: {@code id:}, {@code event:} and {@code data:} lines.
 *
 * @param id           the event id, increasing with every event of this server's run
 * @param type         {@code case}, {@code alert}, {@code device}, {@code observation} or {@code reset}
 * @param payload      the JSON document, serialised when a client first sends it and then once for every client
 * @param scope        who may see it
 * @param datastreamId for observations, the datastream (only its subscribers get it); {@code null} otherwise
 */
record LiveEvent(long id, String type, Payload payload, LiveScope scope, Long datastreamId) {

    LiveEvent(long id, String type, String data, LiveScope scope, Long datastreamId) {
        this(id, type, new Payload(() -> data), scope, datastreamId);
    }

    /** Returns the JSON document. */
    String data() {
        return payload.text();
    }

    /**
     * A JSON document serialised on first use: an event no connected client may see (or none is
     * connected) costs its publisher, often the rule engine's thread, no serialisation at all.
     */
    static final class Payload {
        private Supplier<String> source;
        private volatile String text;

        Payload(Supplier<String> source) {
            this.source = source;
        }

        /** Returns the document, serialising it on the first call. */
        String text() {
            String t = text;
            if (t == null) {
                synchronized (this) {
                    t = text;
                    if (t == null) {
                        t = source.get();
                        text = t;
                        source = null;
                    }
                }
            }
            return t;
        }
    }
}
