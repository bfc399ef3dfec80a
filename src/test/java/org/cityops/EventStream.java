package org.cityops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

/**
 * A real client of the live stream ({@code GET /api/v1/stream}) for tests: reads the server-sent
 * events on its own thread and hands them out one by one; every wait has a timeout that fails the
 * test instead of hanging it.
 */
public final class EventStream implements AutoCloseable {

    /** How long a test waits for an expected event before failing. */
    public static final Duration WAIT = Duration.ofSeconds(20);

    /** One event: its id, type ({@code event:}) and data. */
    public record Event(String id, String type, String data) {
        public JsonNode json() {
            return Api.JSON.readTree(data);
        }

        public long idAsLong() {
            return Long.parseLong(id);
        }
    }

    private static final Event END = new Event(null, "end-of-stream", "{}");

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final Stream<String> lines;

    private EventStream(Stream<String> lines) {
        this.lines = lines;
        this.reader = new Thread(this::read, "test-event-stream");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Opens the stream with the bearer token and optional {@code Last-Event-ID} header, waits until the
     * server says it is connected (so every later event reaches it) and returns it.
     */
    public static EventStream open(int port, String token, String query, String lastEventId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/stream"
                        + (query == null ? "" : "?" + query)))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token);
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<Stream<String>> r = http.sendAsync(b.GET().build(), HttpResponse.BodyHandlers.ofLines())
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            EventStream s = new EventStream(r.body());
            s.awaitComment("connected");
            return s;
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the stream did not answer within " + WAIT, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new UncheckedIOException(new IOException(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void read() {
        String id = null;
        String type = null;
        StringBuilder data = new StringBuilder();
        try {
            for (var it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (type != null || !data.isEmpty()) {
                        events.add(new Event(id, type == null ? "message" : type, data.toString()));
                    }
                    id = null;
                    type = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    type = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
                }
            }
        } catch (RuntimeException e) {
            // the test closed the stream
        }
        events.add(END);
    }

    private void awaitComment(String text) {
        try {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                String c = comments.poll(Math.max(deadline - System.nanoTime(), 1), TimeUnit.NANOSECONDS);
                if (c == null) {
                    fail("no '" + text + "' comment within " + WAIT);
                }
                if (c.equals(text)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Returns the next event, failing the test when none comes within {@link #WAIT} or the stream ended. */
    public Event next() {
        try {
            Event e = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (e == null) {
                fail("no event within " + WAIT);
            }
            if (e == END) {
                fail("the stream ended");
            }
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Returns the next event of the type, skipping others (e.g. heartbeats are comments and never seen here). */
    public Event next(String type) {
        while (true) {
            Event e = next();
            if (e.type().equals(type)) {
                return e;
            }
        }
    }

    /** Returns the next {@code n} events of the type. */
    public List<Event> next(String type, int n) {
        List<Event> out = new ArrayList<>();
        while (out.size() < n) {
            out.add(next(type));
        }
        return out;
    }

    @Override
    public void close() {
        lines.close();
        reader.interrupt();
    }
}
