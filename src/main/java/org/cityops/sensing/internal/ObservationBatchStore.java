package org.cityops.sensing.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.locationtech.jts.geom.Envelope;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.JsonNode;

/**
 * Writes a batch of observations in the caller's transaction: the rows with multi-row
 * {@code INSERT}s (or one JDBC batch of single-row inserts), then each touched
 * (multi-)datastream's phenomenonTime, resultTime and observedArea widened once for the batch.
 */
@Repository
class ObservationBatchStore {

    private static final String COLUMNS = "phenomenon_time_start, phenomenon_time_end, result_time, result, "
            + "result_quality, valid_time_start, valid_time_end, parameters, datastream_id, multi_datastream_id, "
            + "feature_of_interest_id";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int PARAMETERS = 11;

    /**
     * One observation to store.
     *
     * @param values     the Observation's properties as {@link ObservationInput} read them
     * @param streamType {@link EntityType#DATASTREAM} or {@link EntityType#MULTI_DATASTREAM}
     * @param streamId   the (multi-)datastream
     * @param featureId  the feature of interest
     * @param featureBox the feature's bounding box, {@code null} when it has none
     */
    record Row(Map<String, Object> values, EntityType streamType, long streamId, long featureId, Envelope featureBox) {
    }

    private final JdbcTemplate jdbc;

    ObservationBatchStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the rows and returns their new ids in order: {@code rowsPerStatement} rows per
     * multi-row INSERT, or with 1 a JDBC batch of single-row INSERTs.
     */
    long[] insert(List<Row> rows, int rowsPerStatement) {
        long[] ids = new long[rows.size()];
        if (rowsPerStatement <= 1) {
            KeyHolder keys = new GeneratedKeyHolder();
            jdbc.batchUpdate(con -> con.prepareStatement("insert into sta_observation (" + COLUMNS + ") values " + ROW,
                    new String[] {"id"}), new BatchPreparedStatementSetter() {
                @Override
                public void setValues(PreparedStatement ps, int i) throws SQLException {
                    bind(ps, 0, rows.get(i));
                }

                @Override
                public int getBatchSize() {
                    return rows.size();
                }
            }, keys);
            copyKeys(keys, ids, 0, rows.size());
            return ids;
        }
        for (int from = 0; from < rows.size(); from += rowsPerStatement) {
            List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + rowsPerStatement));
            String sql = "insert into sta_observation (" + COLUMNS + ") values "
                    + String.join(", ", Collections.nCopies(chunk.size(), ROW));
            KeyHolder keys = new GeneratedKeyHolder();
            jdbc.update(con -> {
                PreparedStatement ps = con.prepareStatement(sql, new String[] {"id"});
                for (int i = 0; i < chunk.size(); i++) {
                    bind(ps, i * PARAMETERS, chunk.get(i));
                }
                return ps;
            }, keys);
            copyKeys(keys, ids, from, chunk.size());
        }
        return ids;
    }

    private static void copyKeys(KeyHolder keys, long[] ids, int from, int count) {
        List<Map<String, Object>> list = keys.getKeyList();
        if (list.size() != count) {
            throw new IllegalStateException("the database returned " + list.size() + " generated ids for " + count
                    + " inserted observations");
        }
        // both databases return the keys of a multi-row insert in the order of its rows
        for (int i = 0; i < count; i++) {
            ids[from + i] = ((Number) list.get(i).values().iterator().next()).longValue();
        }
    }

    private static void bind(PreparedStatement ps, int offset, Row row) throws SQLException {
        Map<String, Object> v = row.values();
        TimeValue phenomenon = (TimeValue) v.get("phenomenonTime");
        TimeValue result = (TimeValue) v.get("resultTime");
        TimeValue valid = (TimeValue) v.get("validTime");
        ps.setObject(offset + 1, utc(phenomenon.start()));
        ps.setObject(offset + 2, phenomenon.end() == null ? null : utc(phenomenon.end()), Types.TIMESTAMP_WITH_TIMEZONE);
        ps.setObject(offset + 3, result == null ? null : utc(result.start()), Types.TIMESTAMP_WITH_TIMEZONE);
        ps.setString(offset + 4, text(v.get("result")));
        ps.setString(offset + 5, text(v.get("resultQuality")));
        ps.setObject(offset + 6, valid == null ? null : utc(valid.start()), Types.TIMESTAMP_WITH_TIMEZONE);
        ps.setObject(offset + 7, valid == null || valid.end() == null ? null : utc(valid.end()),
                Types.TIMESTAMP_WITH_TIMEZONE);
        ps.setString(offset + 8, text(v.get("parameters")));
        boolean single = row.streamType() == EntityType.DATASTREAM;
        ps.setObject(offset + 9, single ? row.streamId() : null, Types.BIGINT);
        ps.setObject(offset + 10, single ? null : row.streamId(), Types.BIGINT);
        ps.setLong(offset + 11, row.featureId());
    }

    private static String text(Object json) {
        return json == null ? null : StaStore.JSON.writeValueAsString(json);
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    /** The time and area extent of one (multi-)datastream as stored. */
    private record Extent(TimeValue phenomenon, TimeValue result, JsonNode area) {
    }

    /**
     * Widens each (multi-)datastream the rows belong to, once: its phenomenonTime and resultTime to
     * cover the rows' times, its observedArea to the bounding box of their features. The streams'
     * rows are locked in id order while read, so concurrent batches do not lose each other's widening.
     */
    void widen(List<Row> rows) {
        Map<Long, List<Row>> datastreams = new TreeMap<>();
        Map<Long, List<Row>> multiDatastreams = new TreeMap<>();
        for (Row r : rows) {
            (r.streamType() == EntityType.DATASTREAM ? datastreams : multiDatastreams)
                    .computeIfAbsent(r.streamId(), k -> new ArrayList<>()).add(r);
        }
        widen("sta_datastream", datastreams);
        widen("sta_multi_datastream", multiDatastreams);
    }

    private void widen(String table, Map<Long, List<Row>> byStream) {
        if (byStream.isEmpty()) {
            return;
        }
        String in = String.join(", ", Collections.nCopies(byStream.size(), "?"));
        Map<Long, Extent> current = new TreeMap<>();
        jdbc.query("select id, phenomenon_time_start, phenomenon_time_end, result_time_start, result_time_end, "
                        + "observed_area from " + table + " where id in (" + in + ") order by id for update",
                rs -> {
                    String area = rs.getString("observed_area");
                    current.put(rs.getLong("id"), new Extent(
                            time(rs.getObject("phenomenon_time_start", OffsetDateTime.class),
                                    rs.getObject("phenomenon_time_end", OffsetDateTime.class)),
                            time(rs.getObject("result_time_start", OffsetDateTime.class),
                                    rs.getObject("result_time_end", OffsetDateTime.class)),
                            area == null ? null : StaStore.JSON.readTree(area)));
                }, byStream.keySet().toArray());
        for (Map.Entry<Long, List<Row>> e : byStream.entrySet()) {
            Extent was = current.get(e.getKey());
            if (was == null) {
                // deleted meanwhile: the insert of its observations fails on the foreign key
                continue;
            }
            Extent now = widened(was, e.getValue());
            if (!now.equals(was)) {
                jdbc.update("update " + table + " set phenomenon_time_start = ?, phenomenon_time_end = ?, "
                                + "result_time_start = ?, result_time_end = ?, observed_area = ? where id = ?",
                        start(now.phenomenon()), end(now.phenomenon()), start(now.result()), end(now.result()),
                        now.area() == null ? null : now.area().toString(), e.getKey());
            }
        }
    }

    /** Returns the extent grown by the rows' times and feature boxes. */
    private static Extent widened(Extent was, List<Row> rows) {
        TimeValue phenomenon = was.phenomenon();
        TimeValue result = was.result();
        Envelope box = null;
        for (Row r : rows) {
            phenomenon = TimeValue.union(phenomenon, (TimeValue) r.values().get("phenomenonTime"));
            result = TimeValue.union(result, (TimeValue) r.values().get("resultTime"));
            if (r.featureBox() != null) {
                if (box == null) {
                    box = new Envelope(r.featureBox());
                } else {
                    box.expandToInclude(r.featureBox());
                }
            }
        }
        JsonNode area = was.area();
        if (box != null) {
            if (area != null && !area.isNull()) {
                try {
                    box.expandToInclude(GeoJson.geometry(area).getEnvelopeInternal());
                } catch (IllegalArgumentException e) {
                    // an observedArea a client wrote in another form is replaced by the computed box
                }
            }
            JsonNode next = GeoJson.box(box);
            area = Objects.equals(next, area) ? area : next;
        }
        return new Extent(phenomenon, result, area);
    }

    private static TimeValue time(OffsetDateTime start, OffsetDateTime end) {
        return start == null ? null : new TimeValue(start.toInstant(), end == null ? null : end.toInstant());
    }

    private static OffsetDateTime start(TimeValue t) {
        return t == null ? null : utc(t.start());
    }

    private static OffsetDateTime end(TimeValue t) {
        return t == null || t.end() == null ? null : utc(t.end());
    }
}
