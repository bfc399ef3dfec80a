package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.platform.ProblemException;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;

/**
 * Batches of observations stored with COPY on PostgreSQL (and the multi-row INSERT on H2, where
 * the same tests check that path): every column comes back as it went in, ids in row order, and
 * a failing row among good ones fails alone.
 */
@IntegrationTest
class ObservationCopyTests {

    @Autowired ObservationBatchStore batches;
    @Autowired GroupCommitIngest ingest;
    @Autowired StaWrites writes;
    @Autowired StaStore store;
    @Autowired ObservationFeedHub feed;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcTemplate jdbc;
    @Autowired TokenIssuer issuer;
    @LocalServerPort int port;

    boolean postgres() {
        return "PostgreSQL".equals(jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName()));
    }

    long thing() {
        return IngestFixtures.thing(writes, "copy");
    }

    long datastream(long thing, String observationType) {
        return IngestFixtures.datastream(writes, thing, observationType);
    }

    long multiDatastream(long thing) {
        return IngestFixtures.multiDatastream(writes, thing);
    }

    ObservationBatchStore.Row prepare(String json) {
        return ingest.prepare(StaStore.JSON.readTree(json), null);
    }

    /** Observations touching every column and every way text can be awkward, padded to a COPY-sized batch. */
    List<ObservationBatchStore.Row> awkwardRows(long any, long multi) {
        List<ObservationBatchStore.Row> rows = new ArrayList<>();
        String ds = "\"Datastream\": {\"@iot.id\": " + any + "}";
        rows.add(prepare("{" + ds + ", \"phenomenonTime\": \"2026-11-28T10:00:00+08:00\","
                + " \"result\": \"tab\\there, newline\\nthere, CR\\r, backslash \\\\ and \\\\N, quote \\\" and NUL-free\"}"));
        rows.add(prepare("{" + ds + ", \"phenomenonTime\": \"2026-11-28T10:00:00.123456-0330\","
                + " \"result\": \"城市运行一网统管 水位超警戒 ✓ 🌊\", \"resultQuality\": \"良好\"}"));
        rows.add(prepare("{" + ds + ", \"phenomenonTime\": \"2026-11-28T00:00:00Z/2026-11-28T02:30:00+01:00\","
                + " \"result\": {\"level\": 1.25, \"flags\": [\"a\\tb\", null, true], \"nested\": {\"\\\\\": \"\\n\"}},"
                + " \"resultTime\": \"2026-11-28T09:00:01+08\","
                + " \"validTime\": \"2026-11-28T00:00:00Z/2026-12-28T00:00:00Z\","
                + " \"resultQuality\": {\"DQ_Status\": \"checked\", \"score\": [0.9, 0.1]},"
                + " \"parameters\": {\"sensor mode\": \"tab\\tnewline\\n\", \"中文\": \"参数\", \"n\": null}}"));
        rows.add(prepare("{" + ds + ", \"phenomenonTime\": \"2026-11-28T10:00:00Z\", \"result\": [1, \"two\", [3], {}],"
                + " \"resultQuality\": null, \"parameters\": null, \"validTime\": null, \"resultTime\": null}"));
        rows.add(prepare("{" + ds + ", \"phenomenonTime\": \"2026-11-28T10:00:00Z\", \"result\": \"\"}"));
        rows.add(prepare("{" + ds + ", \"phenomenonTime\": \"2026-11-28T10:00:00Z\", \"result\": false,"
                + " \"parameters\": {}}"));
        rows.add(prepare("{\"MultiDatastream\": {\"@iot.id\": " + multi + "}, \"phenomenonTime\": \"1900-01-01T00:00:00Z\","
                + " \"result\": [3.5, 270]}"));
        rows.add(prepare("{" + ds + ", \"phenomenonTime\": \"9999-12-31T23:59:59.999999Z\", \"result\": -0.0}"));
        for (int i = rows.size(); i < ObservationBatchStore.COPY_MIN_ROWS + 8; i++) {
            rows.add(prepare("{" + ds + ", \"phenomenonTime\": \"2026-11-28T11:00:00Z\", \"result\": " + i + "}"));
        }
        return rows;
    }

    @Test
    void everyColumnComesBackAsItWentInWithIdsInRowOrder() {
        long thing = thing();
        long any = datastream(thing, "OM_Observation");
        long multi = multiDatastream(thing);
        assertThat(batches.copies()).as("COPY is used exactly on PostgreSQL").isEqualTo(postgres());
        List<ObservationBatchStore.Row> rows = awkwardRows(any, multi);
        long[] ids = tx.execute(s -> batches.insert(rows, 500));
        assertThat(ids).hasSize(rows.size());
        for (int i = 1; i < ids.length; i++) {
            assertThat(ids[i]).as("ids ascend in row order").isGreaterThan(ids[i - 1]);
        }
        for (int i = 0; i < rows.size(); i++) {
            ObservationBatchStore.Row row = rows.get(i);
            Entity stored = store.find(EntityType.OBSERVATION, ids[i]).orElseThrow();
            assertThat(stored.values()).as("row %d", i).isEqualTo(row.values());
            String relation = row.streamType() == EntityType.DATASTREAM ? "Datastream" : "MultiDatastream";
            assertThat(stored.links()).as("row %d", i).containsEntry(relation, row.streamId())
                    .containsEntry("FeatureOfInterest", row.featureId());
        }
        JsonNode text = (JsonNode) store.find(EntityType.OBSERVATION, ids[0]).orElseThrow().values().get("result");
        assertThat(text.asString()).isEqualTo("tab\there, newline\nthere, CR\r, backslash \\ and \\N, quote \" and NUL-free");
        assertThat(jdbc.queryForObject("select result from sta_observation where id = ?", String.class, ids[1]))
                .isEqualTo("\"城市运行一网统管 水位超警戒 ✓ 🌊\"");
        assertThat(jdbc.queryForObject("select count(*) from sta_observation where id = ? and datastream_id is null "
                + "and multi_datastream_id = ?", Long.class, ids[6], multi)).isEqualTo(1);
    }

    @Test
    void rowsWhoseDatastreamOrFeatureIsGoneAreLeftOutAndTheOthersStored() {
        long thing = thing();
        long any = datastream(thing, "OM_Observation");
        long multi = multiDatastream(thing);
        List<ObservationBatchStore.Row> rows = new ArrayList<>(awkwardRows(any, multi));
        // ids no row of sta_datastream or sta_feature_of_interest has (no foreign keys: the store checks)
        ObservationBatchStore.Row good = rows.get(rows.size() - 1);
        long noStream = Long.MAX_VALUE - 7;
        long noFeature = Long.MAX_VALUE - 9;
        rows.set(5, new ObservationBatchStore.Row(good.values(), EntityType.DATASTREAM, noStream, good.featureId(), null));
        rows.set(9, new ObservationBatchStore.Row(good.values(), EntityType.DATASTREAM, any, noFeature, null));
        rows.set(10, new ObservationBatchStore.Row(good.values(), EntityType.MULTI_DATASTREAM, noStream,
                good.featureId(), null));
        long before = store.idsWhere("sta_observation", "id", "datastream_id", any).size();
        ObservationBatchStore.Stored stored = tx.execute(s -> batches.store(rows, 500));
        assertThat(stored.missing()[5]).isEqualTo("Datastream " + noStream);
        assertThat(stored.missing()[9]).isEqualTo("FeatureOfInterest " + noFeature);
        assertThat(stored.missing()[10]).isEqualTo("MultiDatastream " + noStream);
        long previous = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (i == 5 || i == 9 || i == 10) {
                assertThat(stored.ids()[i]).as("row %d", i).isZero();
                continue;
            }
            assertThat(stored.missing()[i]).as("row %d", i).isNull();
            assertThat(stored.ids()[i]).as("row %d: ids ascend in row order", i).isGreaterThan(previous);
            previous = stored.ids()[i];
            assertThat(store.find(EntityType.OBSERVATION, stored.ids()[i]).orElseThrow().values())
                    .isEqualTo(rows.get(i).values());
        }
        assertThat(store.idsWhere("sta_observation", "id", "datastream_id", noStream)).isEmpty();
        assertThat(store.idsWhere("sta_observation", "id", "multi_datastream_id", noStream)).isEmpty();
        assertThat(store.idsWhere("sta_observation", "id", "feature_of_interest_id", noFeature)).isEmpty();
        // 40 rows, one of them the MultiDatastream's, three left out
        assertThat(store.idsWhere("sta_observation", "id", "datastream_id", any)).hasSize((int) before + rows.size() - 4);
        assertThat(store.idsWhere("sta_observation", "id", "multi_datastream_id", multi)).hasSize(1);
    }

    @Test
    void aBatchWidensItsDatastreamsTimesAndOneWithoutResultTimesLeavesTheResultTimeAsItIs() {
        long ds = datastream(thing(), "OM_Measurement");
        String link = "\"Datastream\": {\"@iot.id\": " + ds + "}";
        tx.execute(s -> batches.store(List.of(
                prepare("{" + link + ", \"phenomenonTime\": \"2026-11-28T10:00:00Z\", \"result\": 1}"),
                prepare("{" + link + ", \"phenomenonTime\": \"2026-11-28T08:00:00Z\", \"result\": 2}")), 500));
        Map<String, Object> first = jdbc.queryForMap("select result_time_start, result_time_end from sta_datastream"
                + " where id = ?", ds);
        assertThat(first.get("result_time_start")).isNull();
        assertThat(first.get("result_time_end")).isNull();
        assertThat(((java.time.OffsetDateTime) jdbc.queryForObject("select phenomenon_time_end from sta_datastream"
                + " where id = ?", java.time.OffsetDateTime.class, ds)).toInstant())
                .isEqualTo(java.time.Instant.parse("2026-11-28T10:00:00Z"));

        tx.execute(s -> batches.store(List.of(prepare("{" + link + ", \"phenomenonTime\": \"2026-11-28T12:00:00Z\","
                + " \"resultTime\": \"2026-11-28T12:00:05Z\", \"result\": 3}")), 500));
        tx.execute(s -> batches.store(List.of(prepare("{" + link + ", \"phenomenonTime\": \"2026-11-28T07:00:00Z\","
                + " \"result\": 4}")), 500));
        Entity stream = store.find(EntityType.DATASTREAM, ds).orElseThrow();
        assertThat(stream.values().get("phenomenonTime")).isEqualTo(TimeValue.parse("2026-11-28T07:00:00Z/2026-11-28T12:00:00Z"));
        assertThat(jdbc.queryForObject("select result_time_start from sta_datastream where id = ?",
                java.time.OffsetDateTime.class, ds).toInstant()).isEqualTo(java.time.Instant.parse("2026-11-28T12:00:05Z"));
        assertThat(jdbc.queryForObject("select result_time_end from sta_datastream where id = ?",
                java.time.OffsetDateTime.class, ds).toInstant()).isEqualTo(java.time.Instant.parse("2026-11-28T12:00:05Z"));
    }

    @Test
    void rowsThatFailTheBatchFailAloneAndEveryOtherRowIsStoredInOrder() throws Exception {
        long thing = thing();
        long kept = datastream(thing, "OM_Measurement");
        long candidate = datastream(thing, "OM_Measurement");
        while (ingest.partOf(candidate) != ingest.partOf(kept)) {
            // both in one part of the batch, so that one transaction holds their rows
            candidate = datastream(thing, "OM_Measurement");
        }
        long deleted = candidate;
        CountDownLatch writerHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        feed.subscribe(batch -> {
            if (batch.stream().anyMatch(o -> o.datastreamId() == kept && o.numericResult() == -1.0)) {
                writerHeld.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        CompletableFuture<Entity> first;
        List<CompletableFuture<Entity>> queued;
        java.util.Set<Integer> culprits = Set.of(17, 50);
        int size = ObservationBatchStore.COPY_MIN_ROWS * 2;
        try {
            first = ingest.ingestAll(List.of(prepare("{\"result\": -1, \"Datastream\": {\"@iot.id\": " + kept + "}}")))
                    .get(0);
            assertThat(writerHeld.await(60, TimeUnit.SECONDS)).isTrue();
            // all queued while the writer is held, so it takes them as one batch, big enough for COPY
            List<ObservationBatchStore.Row> rows = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                long stream = culprits.contains(i) ? deleted : kept;
                rows.add(prepare("{\"result\": " + i + ", \"phenomenonTime\": \"2026-11-28T10:00:" + (10 + i % 50)
                        + "Z\", \"Datastream\": {\"@iot.id\": " + stream + "}}"));
            }
            queued = ingest.ingestAll(rows);
            writes.delete(EntityType.DATASTREAM, deleted);
        } finally {
            release.countDown();
        }
        assertThat(first.get(60, TimeUnit.SECONDS).id()).isPositive();
        long previous = 0;
        for (int i = 0; i < size; i++) {
            if (culprits.contains(i)) {
                CompletableFuture<Entity> refused = queued.get(i);
                assertThatThrownBy(() -> refused.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(ProblemException.Conflict.class)
                        .hasMessageContaining("deleted meanwhile");
                continue;
            }
            Entity stored = queued.get(i).get(60, TimeUnit.SECONDS);
            assertThat(stored.id()).as("row %d answered in order", i).isGreaterThan(previous);
            previous = stored.id();
            Entity read = store.find(EntityType.OBSERVATION, stored.id()).orElseThrow();
            assertThat(((JsonNode) read.values().get("result")).asInt()).isEqualTo(i);
        }
        assertThat(store.idsWhere("sta_observation", "id", "datastream_id", kept)).hasSize(size + 1 - culprits.size());
        assertThat(store.idsWhere("sta_observation", "id", "datastream_id", deleted)).isEmpty();
    }

    @Test
    void createObservationsAnswersEveryRowInOrderAndReadsBackWhatWasSent() {
        long any = datastream(thing(), "OM_Observation");
        List<Object> results = new ArrayList<>(List.of("tab\tnewline\nbackslash\\ \\N", "城市运行 ✓",
                Map.of("a", List.of(1, "x\ty")), List.of(1, "two"), true, 2.5, ""));
        List<Object> data = new ArrayList<>();
        for (int i = 0; i < ObservationBatchStore.COPY_MIN_ROWS + 8; i++) {
            Object result = i < results.size() ? results.get(i) : i;
            data.add(List.of("2026-11-28T10:00:" + (10 + i) + "+08:00", result, "2026-11-28T02:00:00Z/2026-11-28T03:00:00Z"));
        }
        Api.Response r = Api.on(port, issuer).post("/sta/v1.1/CreateObservations", List.of(Map.of(
                "Datastream", Map.of("@iot.id", any), "components", List.of("phenomenonTime", "result", "validTime"),
                "dataArray", data)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode answers = r.json();
        assertThat(answers).hasSize(data.size());
        long previous = 0;
        for (int i = 0; i < data.size(); i++) {
            String link = answers.get(i).asString();
            assertThat(link).matches(".*/sta/v1\\.1/Observations\\(\\d+\\)");
            long id = Long.parseLong(link.substring(link.lastIndexOf('(') + 1, link.length() - 1));
            assertThat(id).as("row %d", i).isGreaterThan(previous);
            previous = id;
            JsonNode read = Api.on(port, issuer).get("/sta/v1.1/Observations(" + id + ")").json();
            assertThat(read.get("result")).as("row %d", i).isEqualTo(StaStore.JSON.valueToTree(data.get(i) instanceof List<?> l
                    ? l.get(1) : null));
            assertThat(read.get("phenomenonTime").asString()).isEqualTo("2026-11-28T02:00:" + (10 + i) + ".000Z");
            assertThat(read.get("validTime").asString()).isEqualTo("2026-11-28T02:00:00.000Z/2026-11-28T03:00:00.000Z");
        }
    }

    /**
     * Stores one observation of the Datastream (and of the MultiDatastream, unless null) through the
     * ingest, which records their observedArea.
     */
    void firstObservations(long datastream, Long multi) throws Exception {
        List<ObservationBatchStore.Row> rows = new ArrayList<>(List.of(prepare("{\"Datastream\": {\"@iot.id\": "
                + datastream + "}, \"result\": 1, \"phenomenonTime\": \"2026-11-28T10:00:00Z\"}")));
        if (multi != null) {
            rows.add(prepare("{\"MultiDatastream\": {\"@iot.id\": " + multi + "}, \"result\": [1, 2]}"));
        }
        for (CompletableFuture<Entity> f : ingest.ingestAll(rows)) {
            f.get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * A Thing with a Datastream of the type and a MultiDatastream, each with its first observation
     * stored; returns their ids (Datastream, MultiDatastream).
     */
    long[] streamsWithFirstObservations(String observationType) throws Exception {
        long thing = thing();
        long ds = datastream(thing, observationType);
        long multi = multiDatastream(thing);
        firstObservations(ds, multi);
        return new long[] {ds, multi};
    }

    @Test
    void aSmallBatchOnPostgreSqlIsOneStatementThatCommitsItselfWithEveryColumnAsItWentIn() throws Exception {
        long[] streams = streamsWithFirstObservations("OM_Observation");
        long any = streams[0];
        long multi = streams[1];
        List<ObservationBatchStore.Row> rows = awkwardRows(any, multi).subList(0, 12);
        ObservationBatchStore.Stored stored = batches.storeCommitted(rows);
        if (!postgres()) {
            assertThat(stored).as("H2 stores every batch in a transaction").isNull();
            return;
        }
        assertThat(stored).isNotNull();
        long previous = 0;
        for (int i = 0; i < rows.size(); i++) {
            assertThat(stored.missing()[i]).as("row %d", i).isNull();
            assertThat(stored.ids()[i]).as("row %d: ids ascend in row order", i).isGreaterThan(previous);
            previous = stored.ids()[i];
            // read on another connection: the statement committed by itself
            Entity read = store.find(EntityType.OBSERVATION, stored.ids()[i]).orElseThrow();
            assertThat(read.values()).as("row %d", i).isEqualTo(rows.get(i).values());
            String relation = rows.get(i).streamType() == EntityType.DATASTREAM ? "Datastream" : "MultiDatastream";
            assertThat(read.links()).containsEntry(relation, rows.get(i).streamId())
                    .containsEntry("FeatureOfInterest", rows.get(i).featureId());
        }
        assertThat(jdbc.queryForObject("select result from sta_observation where id = ?", String.class,
                stored.ids()[1])).isEqualTo("\"城市运行一网统管 水位超警戒 ✓ 🌊\"");
        assertThat(((JsonNode) store.find(EntityType.OBSERVATION, stored.ids()[0]).orElseThrow().values().get("result"))
                .asString()).isEqualTo("tab\there, newline\nthere, CR\r, backslash \\ and \\N, quote \" and NUL-free");
    }

    @Test
    void theOneStatementLeavesOutRowsWhoseParentIsGoneAndWidensTheTimesOfTheRest() throws Exception {
        long ds = streamsWithFirstObservations("OM_Measurement")[0];
        if (!postgres()) {
            return;
        }
        String link = "\"Datastream\": {\"@iot.id\": " + ds + "}";
        List<ObservationBatchStore.Row> rows = new ArrayList<>(List.of(
                prepare("{" + link + ", \"phenomenonTime\": \"2026-11-28T08:00:00Z\", \"result\": 1}"),
                prepare("{" + link + ", \"phenomenonTime\": \"2026-11-28T12:00:00Z\","
                        + " \"resultTime\": \"2026-11-28T12:00:05Z\", \"result\": 2}"),
                prepare("{" + link + ", \"phenomenonTime\": \"2026-11-28T09:00:00Z\", \"result\": 3}")));
        ObservationBatchStore.Row good = rows.get(0);
        long noStream = Long.MAX_VALUE - 7;
        long noFeature = Long.MAX_VALUE - 9;
        // a time far out that only a row left out carries: it must not widen the stream
        ObservationBatchStore.Row early = prepare("{" + link + ", \"phenomenonTime\": \"2000-01-01T00:00:00Z\", \"result\": 4}");
        rows.add(new ObservationBatchStore.Row(good.values(), EntityType.DATASTREAM, noStream, good.featureId(), null));
        rows.add(new ObservationBatchStore.Row(early.values(), EntityType.DATASTREAM, ds, noFeature, null));
        rows.add(new ObservationBatchStore.Row(good.values(), EntityType.MULTI_DATASTREAM, noStream, good.featureId(),
                null));
        long before = store.idsWhere("sta_observation", "id", "datastream_id", ds).size();

        ObservationBatchStore.Stored stored = batches.storeCommitted(rows);
        assertThat(stored).isNotNull();
        assertThat(stored.missing()).containsExactly(null, null, null, "Datastream " + noStream,
                "FeatureOfInterest " + noFeature, "MultiDatastream " + noStream);
        assertThat(stored.ids()[3]).isZero();
        assertThat(stored.ids()[4]).isZero();
        assertThat(stored.ids()[5]).isZero();
        assertThat(store.idsWhere("sta_observation", "id", "datastream_id", ds)).hasSize((int) before + 3);
        assertThat(store.idsWhere("sta_observation", "id", "datastream_id", noStream)).isEmpty();
        assertThat(store.idsWhere("sta_observation", "id", "feature_of_interest_id", noFeature)).isEmpty();
        Entity stream = store.find(EntityType.DATASTREAM, ds).orElseThrow();
        assertThat(stream.values().get("phenomenonTime"))
                .isEqualTo(TimeValue.parse("2026-11-28T08:00:00Z/2026-11-28T12:00:00Z"));
        assertThat(resultTimes(ds)).containsExactly(java.time.Instant.parse("2026-11-28T12:00:05Z"),
                java.time.Instant.parse("2026-11-28T12:00:05Z"));

        // a batch without resultTimes leaves the stream's resultTime as it is
        assertThat(batches.storeCommitted(List.of(prepare("{" + link + ", \"phenomenonTime\": "
                + "\"2026-11-28T07:00:00Z\", \"result\": 5}")))).isNotNull();
        stream = store.find(EntityType.DATASTREAM, ds).orElseThrow();
        assertThat(stream.values().get("phenomenonTime"))
                .isEqualTo(TimeValue.parse("2026-11-28T07:00:00Z/2026-11-28T12:00:00Z"));
        assertThat(resultTimes(ds)).containsExactly(java.time.Instant.parse("2026-11-28T12:00:05Z"),
                java.time.Instant.parse("2026-11-28T12:00:05Z"));
    }

    /** The stream's stored resultTime, start and end. */
    List<java.time.Instant> resultTimes(long datastream) {
        return List.of("result_time_start", "result_time_end").stream().map(column -> jdbc.queryForObject(
                "select " + column + " from sta_datastream where id = ?", java.time.OffsetDateTime.class, datastream)
                .toInstant()).toList();
    }

    @Test
    void theOneStatementIsLeftToTheTransactionWhereItDoesNotApply() throws Exception {
        long thing = thing();
        long ds = datastream(thing, "OM_Measurement");
        String link = "\"Datastream\": {\"@iot.id\": " + ds + "}";
        ObservationBatchStore.Row row = prepare("{" + link + ", \"result\": 1}");
        assertThat(batches.storeCommitted(List.of(row))).as("the stream's observedArea must grow first").isNull();
        firstObservations(ds, null);
        List<ObservationBatchStore.Row> many = new ArrayList<>();
        for (int i = 0; i < ObservationBatchStore.COPY_MIN_ROWS; i++) {
            many.add(row);
        }
        assertThat(batches.storeCommitted(many)).as("a batch for COPY").isNull();
        if (!postgres()) {
            assertThat(batches.storeCommitted(List.of(row))).isNull();
            return;
        }
        assertThatThrownBy(() -> tx.execute(s -> batches.storeCommitted(List.of(row))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("outside a transaction");
        long before = store.idsWhere("sta_observation", "id", "datastream_id", ds).size();
        assertThat(batches.storeCommitted(List.of(row))).isNotNull();
        assertThat(store.idsWhere("sta_observation", "id", "datastream_id", ds)).hasSize((int) before + 1);
    }
}
