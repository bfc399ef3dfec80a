package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The PostgreSQL binary COPY stream of observations, byte for byte. */
class ObservationCopyFormatTest {

    static ObservationBatchStore.Row row(EntityType type, long stream, Map<String, Object> values) {
        Map<String, Object> v = new HashMap<>();
        for (EntityType.Property p : EntityType.OBSERVATION.properties()) {
            v.put(p.name(), null);
        }
        v.putAll(values);
        return new ObservationBatchStore.Row(v, type, stream, 9, null);
    }

    /** Reads the stream back the way PostgreSQL does: fields of each tuple as byte arrays, null for SQL NULL. */
    static List<byte[][]> tuples(byte[] stream) {
        ByteBuffer b = ByteBuffer.wrap(stream);
        byte[] signature = new byte[11];
        b.get(signature);
        assertThat(signature).containsExactly('P', 'G', 'C', 'O', 'P', 'Y', '\n', 0xFF, '\r', '\n', 0);
        assertThat(b.getInt()).as("flags").isZero();
        assertThat(b.getInt()).as("header extension").isZero();
        java.util.ArrayList<byte[][]> out = new java.util.ArrayList<>();
        while (true) {
            short fields = b.getShort();
            if (fields == -1) {
                break;
            }
            byte[][] tuple = new byte[fields][];
            for (int i = 0; i < fields; i++) {
                int length = b.getInt();
                if (length >= 0) {
                    tuple[i] = new byte[length];
                    b.get(tuple[i]);
                }
            }
            out.add(tuple);
        }
        assertThat(b.remaining()).as("bytes after the trailer").isZero();
        return out;
    }

    static long int64(byte[] field) {
        assertThat(field).hasSize(8);
        return ByteBuffer.wrap(field).getLong();
    }

    @Test
    void everyColumnIsWrittenInTheStatementsOrderWithNullsAsMinusOne() {
        var doc = StaStore.JSON.readTree("{\"s\": \"tab\\there\\nline\\\\back \\\"q\\\" 水位 ✓\", \"a\": [1, null]}");
        var row = row(EntityType.DATASTREAM, 7, Map.of(
                "phenomenonTime", TimeValue.parse("2000-01-01T00:00:01Z/2000-01-01T08:00:02+08:00"),
                "result", doc,
                "parameters", StaStore.JSON.readTree("{\"depth\": \"1\\t2\"}")));
        List<byte[][]> tuples = tuples(ObservationCopyFormat.encode(List.of(row), new long[] {42}));
        assertThat(tuples).hasSize(1);
        byte[][] t = tuples.get(0);
        assertThat(t.length).isEqualTo(12);
        assertThat(int64(t[0])).as("id").isEqualTo(42);
        assertThat(int64(t[1])).as("phenomenon start, µs after 2000-01-01Z").isEqualTo(1_000_000);
        assertThat(int64(t[2])).as("phenomenon end, the +08:00 offset normalised").isEqualTo(2_000_000);
        assertThat(t[3]).as("resultTime").isNull();
        assertThat(new String(t[4], StandardCharsets.UTF_8)).as("result, raw UTF-8 JSON text, no escaping added")
                .isEqualTo(StaStore.JSON.writeValueAsString(doc))
                .contains("水位 ✓").contains("\\t").contains("\\\\back");
        assertThat(t[5]).as("resultQuality").isNull();
        assertThat(t[6]).as("validTime start").isNull();
        assertThat(t[7]).as("validTime end").isNull();
        assertThat(new String(t[8], StandardCharsets.UTF_8)).isEqualTo("{\"depth\":\"1\\t2\"}");
        assertThat(int64(t[9])).as("datastream").isEqualTo(7);
        assertThat(t[10]).as("multi-datastream").isNull();
        assertThat(int64(t[11])).as("feature").isEqualTo(9);
    }

    @Test
    void aMultiDatastreamRowLeavesTheDatastreamNullAndKeepsTheIdsOrder() {
        var first = row(EntityType.MULTI_DATASTREAM, 3, Map.of("phenomenonTime", TimeValue.parse("2026-11-28T10:00:00Z"),
                "result", StaStore.JSON.readTree("[1.5, 270]"),
                "resultQuality", StaStore.JSON.readTree("\"good\""),
                "resultTime", TimeValue.parse("2026-11-28T10:00:05Z"),
                "validTime", TimeValue.parse("2026-11-28T10:00:00Z/2026-11-28T11:00:00Z")));
        var second = row(EntityType.DATASTREAM, 4, Map.of("phenomenonTime", TimeValue.parse("2026-11-28T10:00:00Z"),
                "result", StaStore.JSON.readTree("2")));
        List<byte[][]> tuples = tuples(ObservationCopyFormat.encode(List.of(first, second), new long[] {100, 101}));
        assertThat(tuples).hasSize(2);
        byte[][] t = tuples.get(0);
        assertThat(int64(t[0])).isEqualTo(100);
        assertThat(t[2]).as("an instant has no end").isNull();
        assertThat(int64(t[3]) - int64(t[1])).as("resultTime 5 s after phenomenonTime").isEqualTo(5_000_000);
        assertThat(new String(t[5], StandardCharsets.UTF_8)).isEqualTo("\"good\"");
        assertThat(int64(t[7]) - int64(t[6])).as("validTime of one hour").isEqualTo(3_600_000_000L);
        assertThat(t[9]).isNull();
        assertThat(int64(t[10])).isEqualTo(3);
        assertThat(int64(tuples.get(1)[0])).isEqualTo(101);
        assertThat(int64(tuples.get(1)[9])).isEqualTo(4);
    }

    @Test
    void nanosecondsAreRoundedHalfUpToMicrosecondsAsTheInsertPathDoes() {
        assertThat(ObservationCopyFormat.micros(Instant.parse("2000-01-01T00:00:00.000000499Z"))).isZero();
        assertThat(ObservationCopyFormat.micros(Instant.parse("2000-01-01T00:00:00.000000500Z"))).isEqualTo(1);
        assertThat(ObservationCopyFormat.micros(Instant.parse("1999-12-31T23:59:59.999999500Z"))).isZero();
        assertThat(ObservationCopyFormat.micros(Instant.parse("1970-01-01T00:00:00Z"))).isEqualTo(-946_684_800_000_000L);
    }

    @Test
    void timesOutsideTheDatabasesRangeAreRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> ObservationCopyFormat.micros(Instant.parse("+300000-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of the database's range");
        assertThatThrownBy(() -> ObservationCopyFormat.micros(Instant.MAX))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObservationCopyFormat.micros(Instant.parse("-5000-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ObservationCopyFormat.micros(Instant.parse("+294276-12-31T23:59:59Z"))).isPositive();
    }

    @Test
    void idsAndRowsMustMatchInNumber() {
        var row = row(EntityType.DATASTREAM, 1, Map.of("phenomenonTime", TimeValue.parse("2026-11-28T10:00:00Z"),
                "result", StaStore.JSON.readTree("1")));
        assertThatThrownBy(() -> ObservationCopyFormat.encode(List.of(row), new long[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(tuples(ObservationCopyFormat.encode(List.of(), new long[0]))).isEmpty();
    }

    @Test
    void scalarResultsAreWrittenAsTheMapperWritesThem() {
        for (String json : List.of("0", "-7", "9223372036854775807", "-9223372036854775808", "1.0", "-0.0", "0.1",
                "1.0E-7", "1.2345678901234567E300", "4.9E-324", "123456789.125", "true", "false", "\"s\\t\\u00e9\"",
                "12345678901234567890123", "1.5e3", "[1,2]", "{\"a\":null}", "null")) {
            var node = StaStore.JSON.readTree(json);
            assertThat(ObservationCopyFormat.json(node)).as(json).isEqualTo(StaStore.JSON.writeValueAsString(node));
        }
        assertThat(ObservationCopyFormat.json(null)).isNull();
    }
}
