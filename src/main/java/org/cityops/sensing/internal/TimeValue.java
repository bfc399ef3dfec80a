package org.cityops.sensing.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/**
 * A SensorThings time: an instant, or an interval {@code start/end} (ISO 8601), always in UTC.
 *
 * @param start the instant, or the interval's start
 * @param end   the interval's end, {@code null} for an instant
 */
record TimeValue(Instant start, Instant end) {

    /** ISO 8601 date-time with an offset written {@code Z}, {@code +08:00}, {@code +0800} or {@code +08}. */
    static final DateTimeFormatter READ = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendPattern("[XXX][XX][X]")
            .toFormatter();

    // milliseconds always shown, as clients (and the conformance suite) compare the text
    private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

    /** Returns the date-time the text denotes, accepting offsets with or without a colon. */
    static OffsetDateTime dateTime(String text) {
        OffsetDateTime common = IsoDateTimes.parseCommon(text);
        return common != null ? common : OffsetDateTime.parse(text, READ);
    }

    /** Returns an instant time. */
    static TimeValue instant(Instant at) {
        return new TimeValue(at, null);
    }

    /** Returns whether this is an interval rather than an instant. */
    boolean interval() {
        return end != null;
    }

    /**
     * Returns the time an ISO 8601 instant or {@code start/end} interval denotes, or throws
     * {@link IllegalArgumentException} naming what could not be read.
     */
    static TimeValue parse(String text) {
        int slash = text.indexOf('/');
        try {
            if (slash < 0) {
                return instant(dateTime(text).toInstant());
            }
            Instant s = dateTime(text.substring(0, slash)).toInstant();
            Instant e = dateTime(text.substring(slash + 1)).toInstant();
            if (e.isBefore(s)) {
                throw new IllegalArgumentException("interval ends before it starts: '" + text + "'");
            }
            return new TimeValue(s, e);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO 8601 date-time with offset or interval: '" + text + "'");
        }
    }

    /** Returns the ISO 8601 text: {@code 2026-11-28T10:00:00Z} or {@code start/end}. */
    @Override
    public String toString() {
        return end == null ? format(start) : format(start) + "/" + format(end);
    }

    /** Returns the instant as ISO 8601 text in UTC. */
    static String format(Instant at) {
        return WRITE.format(at.atOffset(ZoneOffset.UTC));
    }

    /** Returns the smallest interval covering both times, always with an end ({@code a} may be {@code null}, then {@code b}'s extent). */
    static TimeValue union(TimeValue a, TimeValue b) {
        if (b == null) {
            return a;
        }
        Instant bEnd = b.interval() ? b.end() : b.start();
        if (a == null) {
            return new TimeValue(b.start(), bEnd);
        }
        Instant aEnd = a.interval() ? a.end() : a.start();
        return new TimeValue(a.start().isBefore(b.start()) ? a.start() : b.start(), aEnd.isAfter(bEnd) ? aEnd : bEnd);
    }
}
