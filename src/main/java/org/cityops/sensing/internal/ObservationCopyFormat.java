package org.cityops.sensing.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.DoubleNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.ShortNode;

/**
 * Encodes observations for PostgreSQL's {@code COPY sta_observation (…) FROM STDIN (FORMAT binary)}.
 * The binary format carries every value as its length and bytes, so text (JSON results,
 * strings with tabs, newlines, backslashes or any Unicode) needs no escaping, a SQL NULL is a
 * length of -1, and a timestamp is the count of microseconds since 2000-01-01T00:00:00Z (UTC by
 * construction: an {@link Instant} has no offset to keep).
 */
final class ObservationCopyFormat {

    /** The statement the encoded rows are sent to, its columns in the order {@link #encode} writes them. */
    static final String SQL = "COPY sta_observation (id, phenomenon_time_start, phenomenon_time_end, result_time, "
            + "result, result_quality, valid_time_start, valid_time_end, parameters, datastream_id, "
            + "multi_datastream_id, feature_of_interest_id) FROM STDIN (FORMAT binary)";

    private static final int FIELDS = 12;
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** Seconds from 1970-01-01 to 2000-01-01, PostgreSQL's timestamp epoch. */
    private static final long PG_EPOCH_SECOND = 946_684_800L;
    // PostgreSQL's timestamptz range: 4714-11-24 BC 00:00 UTC up to (not including) 294277-01-01 00:00 UTC
    private static final long MIN_MICROS = -211_813_488_000_000_000L;
    private static final long END_MICROS = 9_223_371_331_200_000_000L;

    private ObservationCopyFormat() {
    }

    /**
     * Returns the whole COPY stream (signature, header, one tuple per row, trailer) for the rows
     * with the given ids, in order; throws {@link IllegalArgumentException} for a time outside
     * PostgreSQL's timestamp range (the ingest then stores that row alone, by INSERT, and the
     * database refuses it there).
     */
    static byte[] encode(List<ObservationBatchStore.Row> rows, long[] ids) {
        if (ids.length != rows.size()) {
            throw new IllegalArgumentException(ids.length + " ids for " + rows.size() + " rows");
        }
        Buffer out = new Buffer(64 + rows.size() * 160);
        out.bytes(SIGNATURE);
        out.int32(0); // flags: no OIDs
        out.int32(0); // header extension length
        for (int i = 0; i < rows.size(); i++) {
            row(out, ids[i], rows.get(i));
        }
        out.int16(-1);
        return out.toArray();
    }

    private static void row(Buffer out, long id, ObservationBatchStore.Row row) {
        Map<String, Object> v = row.values();
        TimeValue phenomenon = (TimeValue) v.get("phenomenonTime");
        TimeValue result = (TimeValue) v.get("resultTime");
        TimeValue valid = (TimeValue) v.get("validTime");
        boolean single = row.streamType() == EntityType.DATASTREAM;
        out.int16(FIELDS);
        out.bigint(id);
        out.timestamp(phenomenon.start());
        out.timestamp(phenomenon.end());
        out.timestamp(result == null ? null : result.start());
        out.text(json(v.get("result")));
        out.text(json(v.get("resultQuality")));
        out.timestamp(valid == null ? null : valid.start());
        out.timestamp(valid == null ? null : valid.end());
        out.text(json(v.get("parameters")));
        out.bigint(single ? row.streamId() : null);
        out.bigint(single ? null : row.streamId());
        out.bigint(row.featureId());
    }

    /**
     * Returns the JSON text of a stored value as {@link StaStore#JSON} writes it; integers, finite
     * doubles and booleans (most results) without creating a generator for each.
     */
    static String json(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof IntNode || value instanceof LongNode || value instanceof ShortNode) {
            return Long.toString(((JsonNode) value).longValue());
        }
        if (value instanceof DoubleNode d && Double.isFinite(d.doubleValue())) {
            return Double.toString(d.doubleValue());
        }
        if (value instanceof BooleanNode b) {
            return b.booleanValue() ? "true" : "false";
        }
        return StaStore.JSON.writeValueAsString(value);
    }

    /**
     * Returns the instant as PostgreSQL's binary timestamp: microseconds since 2000-01-01 UTC,
     * rounded half up from nanoseconds as pgjdbc does for the INSERT path.
     */
    static long micros(Instant at) {
        long seconds = at.getEpochSecond() - PG_EPOCH_SECOND;
        long micros;
        try {
            micros = Math.addExact(Math.multiplyExact(seconds, 1_000_000L), (at.getNano() + 500) / 1000);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("time out of the database's range: " + at);
        }
        if (micros < MIN_MICROS || micros >= END_MICROS) {
            throw new IllegalArgumentException("time out of the database's range: " + at);
        }
        return micros;
    }

    /** A growing big-endian byte buffer (the format's byte order), cheaper than a DataOutputStream. */
    private static final class Buffer {
        private byte[] data;
        private int size;

        Buffer(int capacity) {
            data = new byte[capacity];
        }

        private void room(int n) {
            if (size + n > data.length) {
                data = Arrays.copyOf(data, Math.max(size + n, data.length * 2));
            }
        }

        void bytes(byte[] b) {
            room(b.length);
            System.arraycopy(b, 0, data, size, b.length);
            size += b.length;
        }

        void int16(int x) {
            room(2);
            data[size++] = (byte) (x >>> 8);
            data[size++] = (byte) x;
        }

        void int32(int x) {
            room(4);
            data[size++] = (byte) (x >>> 24);
            data[size++] = (byte) (x >>> 16);
            data[size++] = (byte) (x >>> 8);
            data[size++] = (byte) x;
        }

        void int64(long x) {
            int32((int) (x >>> 32));
            int32((int) x);
        }

        void bigint(Long x) {
            if (x == null) {
                int32(-1);
            } else {
                int32(8);
                int64(x);
            }
        }

        void timestamp(Instant at) {
            if (at == null) {
                int32(-1);
            } else {
                long micros = micros(at);
                int32(8);
                int64(micros);
            }
        }

        void text(String s) {
            if (s == null) {
                int32(-1);
                return;
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            int32(utf8.length);
            bytes(utf8);
        }

        byte[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
