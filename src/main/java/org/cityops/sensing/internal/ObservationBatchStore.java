package org.cityops.sensing.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.locationtech.jts.geom.Envelope;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.JsonNode;

/**
 * Writes a batch of observations in the caller's transaction ({@link #store}): first the batch's
 * features of interest are locked ({@link ObservationParents}) and each touched (multi-)datastream's
 * phenomenonTime and resultTime widened once for the batch, an UPDATE that also locks it and tells
 * whether it still exists; then the rows whose parents were found are stored, with one
 * {@code COPY … FROM STDIN} on PostgreSQL (ids allocated first from the identity's sequence),
 * elsewhere with multi-row {@code INSERT}s (or one JDBC batch of single-row inserts); last the
 * observedArea grows where it must. A statement is a round trip to PostgreSQL, so the per-batch
 * statements are few: the feature lock, one batched UPDATE of the times, the inserts, and the
 * observedArea only when it grows. The locks stand in for foreign keys (V660).
 */
@Repository
class ObservationBatchStore {

    private static final String COLUMNS = "phenomenon_time_start, phenomenon_time_end, result_time, result, "
            + "result_quality, valid_time_start, valid_time_end, parameters, datastream_id, multi_datastream_id, "
            + "feature_of_interest_id";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int PARAMETERS = 11;

    /**
     * The fewest rows sent with COPY: it costs a second round trip (the ids first), which only a
     * batch of some size wins back, so a lone observation (a single POST, a failed batch's row
     * stored alone) keeps the one-statement INSERT.
     */
    static final int COPY_MIN_ROWS = 32;

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

    /**
     * What a batch's transaction stored.
     *
     * @param ids     per row in order, the new Observation's id, or 0 when the row was not stored
     *                because its parent no longer exists
     * @param missing per row in order, the parent found missing ("Datastream 12"), or null for a
     *                stored row
     * @param covered the observedArea boxes now stored, for the catalog once the transaction commits
     */
    record Stored(long[] ids, String[] missing, List<Coverage> covered) {
    }

    private final JdbcTemplate jdbc;
    private final StreamCatalog catalog;
    private final ObservationParents parents;
    private final IngestSettings.Copy copy;
    /** The identity sequence of sta_observation when COPY is used, "" when not; null until first asked. */
    private volatile String sequence;

    ObservationBatchStore(JdbcTemplate jdbc, StreamCatalog catalog, ObservationParents parents,
                          IngestSettings settings) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.parents = parents;
        this.copy = settings.copy();
    }

    /**
     * Stores the batch in the caller's transaction and returns what was stored: the features of
     * interest are locked first (in id order), then the (multi-)datastreams with the UPDATE that
     * widens their times (in id order, datastreams before MultiDatastreams); rows whose feature or
     * stream no longer exists are left out and named in {@link Stored#missing}, the others are
     * inserted ({@link #insert}) and their streams' observedArea widened. The locks last until the
     * commit, so no parent of a stored row can be deleted before it (a delete locks the parent
     * before removing its observations).
     */
    Stored store(List<Row> rows, int rowsPerStatement) {
        Set<Long> featureIds = new TreeSet<>();
        for (Row r : rows) {
            featureIds.add(r.featureId());
        }
        Set<Long> features = new HashSet<>(parents.lockForObservations(EntityType.FEATURE_OF_INTEREST, featureIds));
        String[] missing = new String[rows.size()];
        Map<Long, List<Row>> datastreams = new TreeMap<>();
        Map<Long, List<Row>> multiDatastreams = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (features.contains(r.featureId())) {
                (r.streamType() == EntityType.DATASTREAM ? datastreams : multiDatastreams)
                        .computeIfAbsent(r.streamId(), k -> new ArrayList<>()).add(r);
            } else {
                missing[i] = "FeatureOfInterest " + r.featureId();
            }
        }
        Set<Long> goneDatastreams = widenTimes(EntityType.DATASTREAM, datastreams);
        Set<Long> goneMulti = widenTimes(EntityType.MULTI_DATASTREAM, multiDatastreams);
        List<Row> present = rows;
        if (!goneDatastreams.isEmpty() || !goneMulti.isEmpty() || features.size() < featureIds.size()) {
            present = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                if (missing[i] != null) {
                    continue;
                }
                boolean single = r.streamType() == EntityType.DATASTREAM;
                if ((single ? goneDatastreams : goneMulti).contains(r.streamId())) {
                    missing[i] = r.streamType().singular() + " " + r.streamId();
                } else {
                    present.add(r);
                }
            }
            datastreams.keySet().removeAll(goneDatastreams);
            multiDatastreams.keySet().removeAll(goneMulti);
        }
        long[] created = insert(present, rowsPerStatement);
        long[] ids = created;
        if (present != rows) {
            ids = new long[rows.size()];
            for (int i = 0, next = 0; i < rows.size(); i++) {
                if (missing[i] == null) {
                    ids[i] = created[next++];
                }
            }
        }
        List<Coverage> covered = new ArrayList<>();
        widenAreas(EntityType.DATASTREAM, datastreams, covered);
        widenAreas(EntityType.MULTI_DATASTREAM, multiDatastreams, covered);
        return new Stored(ids, missing, covered);
    }

    /** PostgreSQL's timestamp from {@link ObservationCopyFormat#micros} (microseconds since 2000-01-01 UTC). */
    private static String pgTime(String micros) {
        return "(to_timestamp(" + micros + " / 1000000 + 946684800) + (" + micros + " % 1000000) * interval '1 microsecond')";
    }

    /** The part of {@link #ONE_STATEMENT} that widens the times of the streams in column {@code stream} of u. */
    private static String widen(String table, String stream) {
        return "update " + table + " t set "
                + "phenomenon_time_start = case when t.phenomenon_time_start is null or t.phenomenon_time_start > w.ps "
                + "then w.ps else t.phenomenon_time_start end, "
                + "phenomenon_time_end = case when t.phenomenon_time_start is null "
                + "or coalesce(t.phenomenon_time_end, t.phenomenon_time_start) < w.pe then w.pe "
                + "else coalesce(t.phenomenon_time_end, t.phenomenon_time_start) end, "
                + "result_time_start = case when w.rs is null then t.result_time_start "
                + "when t.result_time_start is null or t.result_time_start > w.rs then w.rs else t.result_time_start end, "
                + "result_time_end = case when w.rs is null then t.result_time_end when t.result_time_start is null "
                + "or coalesce(t.result_time_end, t.result_time_start) < w.re then w.re "
                + "else coalesce(t.result_time_end, t.result_time_start) end "
                + "from (select s as id, min(ps) as ps, max(coalesce(pe, ps)) as pe, min(rt) as rs, max(rt) as re "
                + "from (select " + stream + " as s, " + pgTime("u.ps") + " as ps, " + pgTime("u.pe") + " as pe, "
                + pgTime("u.rt") + " as rt from u where u." + stream + " is not null and u.foi in (select id from f)) k "
                + "group by s order by s) w where t.id = w.id returning t.id";
    }

    /**
     * A whole small batch as one statement on PostgreSQL: the rows as arrays (u), their features of
     * interest locked {@code FOR KEY SHARE} (f), each stream's times widened by the rows whose
     * feature was found (d, m: the UPDATE locks the stream and tells it exists), and the rows whose
     * feature and stream were both found inserted with ids from the identity's sequence in row order
     * (r, i). It answers the rows stored (their position and id) and the parents found.
     */
    private static final String ONE_STATEMENT = "with u as (select * from unnest(cast(? as bigint[]), "
            + "cast(? as bigint[]), cast(? as bigint[]), cast(? as bigint[]), cast(? as bigint[]), "
            + "cast(? as bigint[]), cast(? as bigint[]), cast(? as bigint[]), cast(? as text[]), cast(? as text[]), "
            + "cast(? as text[])) with ordinality as u(ds, mds, foi, ps, pe, rt, vs, ve, result, quality, parameters, ord)), "
            + "f as (select id from sta_feature_of_interest where id = any(cast(? as bigint[])) order by id "
            + "for key share), "
            + "d as (" + widen("sta_datastream", "ds") + "), "
            + "m as (" + widen("sta_multi_datastream", "mds") + "), "
            + "r as (select nextval(cast(? as regclass)) as id, u.* from u where u.foi in (select id from f) "
            + "and (u.ds in (select id from d) or u.mds in (select id from m)) order by u.ord), "
            + "i as (insert into sta_observation (id, " + COLUMNS + ") select id, " + pgTime("ps") + ", "
            + pgTime("pe") + ", " + pgTime("rt") + ", result, quality, " + pgTime("vs") + ", " + pgTime("ve")
            + ", parameters, ds, mds, foi from r) "
            + "select 'o' as kind, ord, id from r union all select 'f', 0, id from f "
            + "union all select 'd', 0, id from d union all select 'm', 0, id from m";

    /**
     * Stores a small batch, outside any transaction, as one statement that commits itself: on
     * PostgreSQL one round trip does what {@link #store} does in four (the feature lock, the
     * widening UPDATE, the INSERT and the COMMIT), which is what a batch of a few observations
     * mostly costs. Returns null, having sent nothing, where it does not apply: on H2, with
     * {@code copy: off}, for {@link #COPY_MIN_ROWS} rows or more, when a stream's observedArea
     * must grow (that takes statements of its own) or a time is out of PostgreSQL's range; the
     * caller then stores the batch with {@link #store} in a transaction.
     */
    Stored storeCommitted(List<Row> rows) {
        if (rows.isEmpty() || rows.size() >= COPY_MIN_ROWS || !copies()) {
            return null;
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("storeCommitted commits by itself: call it outside a transaction");
        }
        int n = rows.size();
        Long[] ds = new Long[n];
        Long[] mds = new Long[n];
        Long[] foi = new Long[n];
        Long[] ps = new Long[n];
        Long[] pe = new Long[n];
        Long[] rt = new Long[n];
        Long[] vs = new Long[n];
        Long[] ve = new Long[n];
        String[] result = new String[n];
        String[] quality = new String[n];
        String[] parameters = new String[n];
        Set<Long> featureIds = new TreeSet<>();
        Map<Long, Envelope> datastreamBoxes = new HashMap<>();
        Map<Long, Envelope> multiBoxes = new HashMap<>();
        try {
            for (int i = 0; i < n; i++) {
                Row row = rows.get(i);
                Map<String, Object> v = row.values();
                TimeValue phenomenon = (TimeValue) v.get("phenomenonTime");
                TimeValue resultTime = (TimeValue) v.get("resultTime");
                TimeValue valid = (TimeValue) v.get("validTime");
                boolean single = row.streamType() == EntityType.DATASTREAM;
                (single ? ds : mds)[i] = row.streamId();
                if (row.featureBox() != null) {
                    (single ? datastreamBoxes : multiBoxes).computeIfAbsent(row.streamId(), k -> new Envelope())
                            .expandToInclude(row.featureBox());
                }
                foi[i] = row.featureId();
                featureIds.add(row.featureId());
                ps[i] = ObservationCopyFormat.micros(phenomenon.start());
                pe[i] = phenomenon.end() == null ? null : ObservationCopyFormat.micros(phenomenon.end());
                rt[i] = resultTime == null ? null : ObservationCopyFormat.micros(resultTime.start());
                vs[i] = valid == null ? null : ObservationCopyFormat.micros(valid.start());
                ve[i] = valid == null || valid.end() == null ? null : ObservationCopyFormat.micros(valid.end());
                result[i] = text(v.get("result"));
                quality[i] = text(v.get("resultQuality"));
                parameters[i] = text(v.get("parameters"));
            }
        } catch (IllegalArgumentException outOfRange) {
            return null;
        }
        if (!covered(EntityType.DATASTREAM, datastreamBoxes) || !covered(EntityType.MULTI_DATASTREAM, multiBoxes)) {
            return null;
        }
        long[] ids = new long[n];
        Set<Long> features = new HashSet<>();
        Set<Long> datastreams = new HashSet<>();
        Set<Long> multiDatastreams = new HashSet<>();
        jdbc.execute((ConnectionCallback<Void>) con -> {
            try (PreparedStatement st = con.prepareStatement(ONE_STATEMENT)) {
                int p = 0;
                for (Long[] column : List.of(ds, mds, foi, ps, pe, rt, vs, ve)) {
                    st.setArray(++p, con.createArrayOf("bigint", column));
                }
                for (String[] column : List.of(result, quality, parameters)) {
                    st.setArray(++p, con.createArrayOf("text", column));
                }
                st.setArray(++p, con.createArrayOf("bigint", featureIds.toArray(Long[]::new)));
                st.setString(++p, sequence);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(3);
                        switch (rs.getString(1)) {
                            case "o" -> ids[rs.getInt(2) - 1] = id;
                            case "f" -> features.add(id);
                            case "d" -> datastreams.add(id);
                            default -> multiDatastreams.add(id);
                        }
                    }
                }
            }
            if (!con.getAutoCommit()) {
                // a pool set not to auto-commit: the statement is still its own transaction
                con.commit();
            }
            return null;
        });
        String[] missing = new String[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            if (!features.contains(r.featureId())) {
                missing[i] = "FeatureOfInterest " + r.featureId();
            } else if (!(r.streamType() == EntityType.DATASTREAM ? datastreams : multiDatastreams).contains(r.streamId())) {
                missing[i] = r.streamType().singular() + " " + r.streamId();
            } else if (ids[i] == 0) {
                throw new IllegalStateException("an observation whose parents were found was not stored");
            }
        }
        return new Stored(ids, missing, List.of());
    }

    /** Returns whether every stream's observedArea is known to cover the boxes of its rows already. */
    private boolean covered(EntityType type, Map<Long, Envelope> boxes) {
        for (Map.Entry<Long, Envelope> e : boxes.entrySet()) {
            Envelope known = catalog.coveredArea(type, e.getKey()).orElse(null);
            if (known == null || !known.covers(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stores the rows and returns their new ids in order: with COPY on PostgreSQL when there are
     * at least {@link #COPY_MIN_ROWS} of them (and {@code copy} is not {@code off}), otherwise
     * {@code rowsPerStatement} rows per multi-row INSERT, or with 1 a JDBC batch of single-row INSERTs.
     */
    long[] insert(List<Row> rows, int rowsPerStatement) {
        if (rows.isEmpty()) {
            return new long[0];
        }
        if (rows.size() >= COPY_MIN_ROWS && copies()) {
            return copy(rows);
        }
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

    /** Returns whether the database is PostgreSQL (else the embedded H2). */
    boolean onPostgreSql() {
        return Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) con -> con.isWrapperFor(PGConnection.class)));
    }

    /** Returns whether batches are stored with COPY: the setting allows it and the database is PostgreSQL. */
    boolean copies() {
        String s = sequence;
        if (s == null) {
            s = copy == IngestSettings.Copy.OFF ? "" : jdbc.execute((ConnectionCallback<String>) con -> {
                if (!con.isWrapperFor(PGConnection.class)) {
                    return "";
                }
                try (Statement st = con.createStatement();
                     ResultSet rs = st.executeQuery("select pg_get_serial_sequence('sta_observation', 'id')")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            sequence = s;
        }
        return !s.isEmpty();
    }

    /**
     * Stores the rows with one binary {@code COPY … FROM STDIN} on the transaction's connection and
     * returns their ids in order, taken from the identity's sequence in one round trip before.
     * PostgreSQL only ({@link #copies()}); a failing row fails the whole COPY, as it would the INSERT.
     */
    private long[] copy(List<Row> rows) {
        List<Long> allocated = jdbc.queryForList("select nextval(cast(? as regclass)) from generate_series(1, ?)",
                Long.class, sequence, rows.size());
        long[] ids = allocated.stream().mapToLong(Long::longValue).sorted().toArray();
        if (ids.length != rows.size()) {
            throw new IllegalStateException("the sequence gave " + ids.length + " ids for " + rows.size()
                    + " observations");
        }
        byte[] data = ObservationCopyFormat.encode(rows, ids);
        Long copied = jdbc.execute((ConnectionCallback<Long>) con -> {
            try {
                return con.unwrap(PGConnection.class).getCopyAPI().copyIn(ObservationCopyFormat.SQL,
                        new ByteArrayInputStream(data), 1 << 16);
            } catch (IOException e) {
                throw new SQLException("COPY into sta_observation could not be sent", e);
            }
        });
        if (copied == null || copied != rows.size()) {
            throw new IllegalStateException("COPY stored " + copied + " of " + rows.size() + " observations");
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

    /**
     * A box a (multi-)datastream's observedArea covers once the batch commits.
     *
     * @param type {@link EntityType#DATASTREAM} or {@link EntityType#MULTI_DATASTREAM}
     * @param id   the stream
     * @param box  the bounding box of its observedArea
     */
    record Coverage(EntityType type, long id, Envelope box) {
    }

    private static final String WIDEN_PHENOMENON = "phenomenon_time_start = case when phenomenon_time_start is null "
            + "or phenomenon_time_start > ? then ? else phenomenon_time_start end, "
            + "phenomenon_time_end = case when phenomenon_time_start is null "
            + "or coalesce(phenomenon_time_end, phenomenon_time_start) < ? then ? "
            + "else coalesce(phenomenon_time_end, phenomenon_time_start) end";
    /** The resultTime part; a batch without resultTimes (null parameters) leaves it as it is. */
    private static final String WIDEN_RESULT = "result_time_start = case when cast(? as timestamp with time zone) "
            + "is null then result_time_start when result_time_start is null "
            + "or result_time_start > ? then ? else result_time_start end, "
            + "result_time_end = case when cast(? as timestamp with time zone) is null then result_time_end "
            + "when result_time_start is null "
            + "or coalesce(result_time_end, result_time_start) < ? then ? "
            + "else coalesce(result_time_end, result_time_start) end";
    private static final SqlParameterValue NO_TIME = new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, null);

    /**
     * Widens each stream's phenomenonTime and resultTime to cover its rows' times with one
     * batched UPDATE (computing the union in SQL, so concurrent batches lose nothing), in id
     * order; the UPDATE locks each stream until the commit. Returns the streams it did not find.
     */
    private Set<Long> widenTimes(EntityType type, Map<Long, List<Row>> byStream) {
        if (byStream.isEmpty()) {
            return Set.of();
        }
        List<Long> streams = new ArrayList<>(byStream.keySet());
        List<Object[]> params = new ArrayList<>(streams.size());
        for (Map.Entry<Long, List<Row>> e : byStream.entrySet()) {
            TimeValue phenomenon = null;
            TimeValue result = null;
            for (Row r : e.getValue()) {
                phenomenon = TimeValue.union(phenomenon, (TimeValue) r.values().get("phenomenonTime"));
                result = TimeValue.union(result, (TimeValue) r.values().get("resultTime"));
            }
            OffsetDateTime ps = utc(phenomenon.start());
            OffsetDateTime pe = utc(phenomenon.end());
            Object rs = result == null ? NO_TIME : utc(result.start());
            Object re = result == null ? NO_TIME : utc(result.end());
            params.add(new Object[] {ps, ps, pe, pe, rs, rs, rs, re, re, re, e.getKey()});
        }
        // one statement for every stream of the batch, so the rows are locked in id order
        int[] counts = jdbc.batchUpdate("update " + type.table() + " set " + WIDEN_PHENOMENON + ", " + WIDEN_RESULT
                + " where id = ?", params);
        Set<Long> gone = new TreeSet<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            if (counts[i] == 0) {
                gone.add(streams.get(i));
            } else if (counts[i] != 1) {
                unknown.add(streams.get(i));
            }
        }
        if (!unknown.isEmpty()) {
            // a driver that does not report counts of a batch: the rows are locked already, so ask
            Set<Long> found = parents.lockForObservations(type, unknown);
            unknown.stream().filter(id -> !found.contains(id)).forEach(gone::add);
        }
        return gone;
    }

    private void widenAreas(EntityType type, Map<Long, List<Row>> byStream, List<Coverage> covered) {
        Map<Long, Envelope> grow = new TreeMap<>();
        for (Map.Entry<Long, List<Row>> e : byStream.entrySet()) {
            Envelope box = null;
            for (Row r : e.getValue()) {
                if (r.featureBox() != null) {
                    if (box == null) {
                        box = new Envelope(r.featureBox());
                    } else {
                        box.expandToInclude(r.featureBox());
                    }
                }
            }
            Envelope known = catalog.coveredArea(type, e.getKey()).orElse(null);
            if (box != null && (known == null || !known.covers(box))) {
                grow.put(e.getKey(), box);
            }
        }
        if (grow.isEmpty()) {
            return;
        }
        String in = String.join(", ", Collections.nCopies(grow.size(), "?"));
        Map<Long, String> current = new TreeMap<>();
        jdbc.query("select id, observed_area from " + type.table() + " where id in (" + in + ") order by id for update",
                rs -> {
                    current.put(rs.getLong("id"), rs.getString("observed_area"));
                }, grow.keySet().toArray());
        for (Map.Entry<Long, Envelope> e : grow.entrySet()) {
            if (!current.containsKey(e.getKey())) {
                // cannot happen: the batch's UPDATE of its times found and locked it
                continue;
            }
            String text = current.get(e.getKey());
            JsonNode area = text == null ? null : StaStore.JSON.readTree(text);
            Envelope box = new Envelope(e.getValue());
            if (area != null && !area.isNull()) {
                try {
                    box.expandToInclude(GeoJson.geometry(area).getEnvelopeInternal());
                } catch (IllegalArgumentException x) {
                    // an observedArea a client wrote in another form is replaced by the computed box
                }
            }
            JsonNode next = GeoJson.box(box);
            if (!Objects.equals(next, area)) {
                jdbc.update("update " + type.table() + " set observed_area = ? where id = ?", next.toString(),
                        e.getKey());
            }
            covered.add(new Coverage(type, e.getKey(), box));
        }
    }
}
