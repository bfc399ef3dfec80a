package org.cityops.screen.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.cityops.platform.Actor;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One connected console: its scope, its subscribed datastreams and a bounded queue of events
 * written by its own thread, so a slow client never holds up the publishers. When the queue is full
 * the client is dropped rather than buffered without bound; it reconnects and resumes.
 */
final class LiveClient implements Runnable {

    private static final MediaType JSON_TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final Actor actor;
    private final Set<Long> datastreams;
    private final BlockingQueue<LiveEvent> queue;
    private final SseEmitter emitter;
    private final Duration heartbeat;
    private final Consumer<LiveClient> onClose;
    private volatile List<LiveEvent> replay = List.of();
    private volatile LiveJournal.Reset reset;
    private volatile long resetId;
    private volatile boolean closed;
    private volatile Thread writer;

    LiveClient(Actor actor, Set<Long> datastreams, int queueCapacity, SseEmitter emitter, Duration heartbeat,
               Consumer<LiveClient> onClose) {
        this.actor = actor;
        this.datastreams = Set.copyOf(datastreams);
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.emitter = emitter;
        this.heartbeat = heartbeat;
        this.onClose = onClose;
    }

    Set<Long> datastreams() {
        return datastreams;
    }

    /** Sets what the client gets before live events: the events it missed, or a reset carrying the current id. */
    void startWith(LiveJournal.Replay start, long currentId) {
        if (start instanceof LiveJournal.Missed m) {
            replay = m.events();
        } else {
            reset = (LiveJournal.Reset) start;
            resetId = currentId;
        }
    }

    /** Queues the event if the client may see it; drops the client when its queue is full. Never blocks. */
    void offer(LiveEvent e) {
        if (closed) {
            return;
        }
        if (e.datastreamId() != null && !datastreams.contains(e.datastreamId())) {
            return;
        }
        if (!e.scope().visibleTo(actor)) {
            return;
        }
        if (!queue.offer(e)) {
            close();
        }
    }

    /** Ends the connection: unregisters the client and lets its thread complete the response. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        onClose.accept(this);
        Thread t = writer;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
        }
    }

    boolean closed() {
        return closed;
    }

    @Override
    public void run() {
        writer = Thread.currentThread();
        try {
            emitter.send(SseEmitter.event().comment("connected").reconnectTime(3000));
            if (reset != null) {
                send(new LiveEvent(resetId, "reset", "{\"reason\":\"" + reset.reason().replace("\"", "'") + "\"}",
                        null, null));
            }
            for (LiveEvent e : replay) {
                if (e.scope().visibleTo(actor) && (e.datastreamId() == null || datastreams.contains(e.datastreamId()))) {
                    send(e);
                }
            }
            replay = List.of();
            while (!closed) {
                LiveEvent e = queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                if (closed) {
                    break;
                }
                if (e == null) {
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                } else {
                    send(e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | IllegalStateException e) {
            // the client went away or the response already ended: nothing more to write
        } finally {
            close();
            try {
                emitter.complete();
            } catch (IllegalStateException e) {
                // already completed by a timeout or an error
            }
        }
    }

    private void send(LiveEvent e) throws IOException {
        emitter.send(SseEmitter.event().id(Long.toString(e.id())).name(e.type()).data(e.data(), JSON_TEXT));
    }
}
