package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.platform.ProblemException;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Referential integrity of observations without foreign keys (V660): parents are locked by
 * every writer of observations and by every delete of a parent, so a delete and a write racing
 * each other leave no orphan in either order; a PATCH to a missing relation is refused by name;
 * deleting a Datastream, MultiDatastream, FeatureOfInterest or Thing removes its observations.
 * The races are ordered by latches and by waiting until the database shows the second
 * transaction waiting for the first one's lock, never by sleeping.
 */
@IntegrationTest
class ObservationIntegrityTests {

    @Autowired ObservationBatchStore batches;
    @Autowired GroupCommitIngest ingest;
    @Autowired StaWrites writes;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcTemplate jdbc;
    @Autowired TokenIssuer issuer;
    @LocalServerPort int port;

    final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    Api sta() {
        return Api.on(port, issuer);
    }

    long thing() {
        return IngestFixtures.thing(writes, "integrity");
    }

    long datastream(long thing) {
        return IngestFixtures.datastream(writes, thing, "OM_Measurement");
    }

    long multiDatastream(long thing) {
        return IngestFixtures.multiDatastream(writes, thing);
    }

    long feature() {
        return writes.create(EntityType.FEATURE_OF_INTEREST, StaStore.JSON.readTree("""
                {"name": "f", "description": "f", "encodingType": "application/geo+json",
                 "feature": {"type": "Point", "coordinates": [121.5, 31.2]}}
                """), null);
    }

    /** Returns {@code count} checked observations of the datastream, of the feature when one is given. */
    List<ObservationBatchStore.Row> rows(long datastream, Long feature, int count) {
        List<ObservationBatchStore.Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(ingest.prepare(StaStore.JSON.readTree("{\"result\": " + i + ", \"phenomenonTime\": "
                    + "\"2026-11-29T01:00:" + (10 + i % 50) + "Z\", \"Datastream\": {\"@iot.id\": " + datastream + "}"
                    + (feature == null ? "" : ", \"FeatureOfInterest\": {\"@iot.id\": " + feature + "}") + "}"), null));
        }
        return rows;
    }

    long observations(String column, long id) {
        return jdbc.queryForObject("select count(*) from sta_observation where " + column + " = ?", Long.class, id);
    }

    boolean postgres() {
        return "PostgreSQL".equals(jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName()));
    }

    /**
     * Returns once another session of the database waits for a lock in a statement that contains
     * the text: the order of the race is then certain. Fails when none does within a minute.
     */
    void awaitLockWait(String statement) throws InterruptedException {
        String sql = postgres()
                ? "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'"
                        + " and query like ?"
                : "select count(*) from information_schema.sessions where blocker_id is not null"
                        + " and executing_statement like ?";
        for (int i = 0; i < 6000; i++) {
            if (jdbc.queryForObject(sql, Long.class, "%" + statement + "%") > 0) {
                return;
            }
            Thread.sleep(10);
        }
        fail("no session waited for a lock in a statement with '" + statement + "'");
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test did not release the transaction");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs the work in a transaction on another thread that stays open until {@code release}; {@code done} counts down inside it. */
    <T> Future<T> inOpenTransaction(java.util.function.Supplier<T> work, CountDownLatch done, CountDownLatch release) {
        return pool.submit(() -> tx.execute(s -> {
            T out = work.get();
            done.countDown();
            await(release);
            return out;
        }));
    }

    @Test
    void aDeleteOfADatastreamWaitsForTheBatchWritingToItAndThenDeletesTheBatchsRows() throws Exception {
        long ds = datastream(thing());
        List<ObservationBatchStore.Row> rows = rows(ds, null, ObservationBatchStore.COPY_MIN_ROWS + 8);
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<ObservationBatchStore.Stored> batch = inOpenTransaction(() -> batches.store(rows, 500), written, release);
        assertThat(written.await(60, TimeUnit.SECONDS)).isTrue();
        Future<?> delete = pool.submit(() -> writes.delete(EntityType.DATASTREAM, ds));
        awaitLockWait("sta_datastream");
        release.countDown();
        ObservationBatchStore.Stored stored = batch.get(60, TimeUnit.SECONDS);
        delete.get(60, TimeUnit.SECONDS);

        assertThat(stored.missing()).containsOnlyNulls();
        assertThat(java.util.Arrays.stream(stored.ids()).min().orElseThrow()).isPositive();
        assertThat(observations("datastream_id", ds)).as("no orphan of the deleted datastream").isZero();
        assertThat(jdbc.queryForObject("select count(*) from sta_datastream where id = ?", Long.class, ds)).isZero();
    }

    @Test
    void aBatchWaitingForADatastreamBeingDeletedStoresNothingOfItAndItsRowsAreRefused() throws Exception {
        long thing = thing();
        long ds = datastream(thing);
        long kept = datastream(thing);
        List<ObservationBatchStore.Row> rows = new ArrayList<>(rows(ds, null, 6));
        rows.addAll(rows(kept, null, 6));
        CountDownLatch deleted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> delete = inOpenTransaction(() -> {
            writes.delete(EntityType.DATASTREAM, ds);
            return null;
        }, deleted, release);
        assertThat(deleted.await(60, TimeUnit.SECONDS)).isTrue();
        // accepted before the delete commits (checked against the catalog before it)
        List<CompletableFuture<Entity>> futures = ingest.ingestAll(rows);
        awaitLockWait("update sta_datastream");
        release.countDown();
        delete.get(60, TimeUnit.SECONDS);

        for (int i = 0; i < 6; i++) {
            CompletableFuture<Entity> refused = futures.get(i);
            assertThatThrownBy(() -> refused.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ProblemException.Conflict.class)
                    .hasMessageContaining("Datastream " + ds + " was deleted meanwhile");
        }
        for (int i = 6; i < 12; i++) {
            assertThat(futures.get(i).get(60, TimeUnit.SECONDS).id()).isPositive();
        }
        assertThat(observations("datastream_id", ds)).as("no orphan of the deleted datastream").isZero();
        assertThat(observations("datastream_id", kept)).isEqualTo(6);

        // a writer coming after the delete is told the datastream does not exist
        assertThatThrownBy(() -> rows(ds, null, 1)).isInstanceOfSatisfying(ProblemException.BadRequest.class,
                e -> assertThat(e.getMessage()).contains("no Datastream with @iot.id " + ds));
        Api.Response late = sta().post("/sta/v1.1/Datastreams(" + ds + ")/Observations", Map.of("result", 1));
        assertThat(late.status()).as(late.toString()).isEqualTo(404);
        Api.Response linked = sta().post("/sta/v1.1/Observations", Map.of("result", 1, "Datastream", Map.of("@iot.id", ds)));
        assertThat(linked.status()).as(linked.toString()).isEqualTo(400);
        assertThat(linked.json().get("errors").get(0).get("field").asString()).isEqualTo("Datastream/@iot.id");
        assertThat(observations("datastream_id", ds)).isZero();
    }

    @Test
    void aDeleteOfAFeatureOfInterestWaitsForTheBatchUsingItAndThenDeletesTheBatchsRows() throws Exception {
        long ds = datastream(thing());
        long feature = feature();
        List<ObservationBatchStore.Row> rows = rows(ds, feature, ObservationBatchStore.COPY_MIN_ROWS + 8);
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<ObservationBatchStore.Stored> batch = inOpenTransaction(() -> batches.store(rows, 500), written, release);
        assertThat(written.await(60, TimeUnit.SECONDS)).isTrue();
        Future<?> delete = pool.submit(() -> writes.delete(EntityType.FEATURE_OF_INTEREST, feature));
        awaitLockWait("sta_feature_of_interest");
        release.countDown();
        ObservationBatchStore.Stored stored = batch.get(60, TimeUnit.SECONDS);
        delete.get(60, TimeUnit.SECONDS);

        assertThat(stored.missing()).containsOnlyNulls();
        assertThat(observations("feature_of_interest_id", feature)).as("no orphan of the deleted feature").isZero();
        assertThat(observations("datastream_id", ds)).isZero();
    }

    @Test
    void rowsWhoseFeatureOfInterestWasDeletedAfterTheyWereAcceptedAreRefusedAndTheOthersStored() throws Exception {
        long ds = datastream(thing());
        long feature = feature();
        List<ObservationBatchStore.Row> rows = new ArrayList<>(rows(ds, feature, 5));
        rows.addAll(rows(ds, null, 5));
        writes.delete(EntityType.FEATURE_OF_INTEREST, feature);
        List<CompletableFuture<Entity>> futures = ingest.ingestAll(rows);
        for (int i = 0; i < 5; i++) {
            CompletableFuture<Entity> refused = futures.get(i);
            assertThatThrownBy(() -> refused.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ProblemException.Conflict.class)
                    .hasMessageContaining("FeatureOfInterest " + feature + " was deleted meanwhile");
        }
        for (int i = 5; i < 10; i++) {
            assertThat(futures.get(i).get(60, TimeUnit.SECONDS).id()).isPositive();
        }
        assertThat(observations("feature_of_interest_id", feature)).isZero();
        assertThat(observations("datastream_id", ds)).isEqualTo(5);
    }

    @Test
    void aPatchRacingTheDeleteOfItsNewDatastreamIsRefusedAndTheObservationKeepsItsOwn() throws Exception {
        long thing = thing();
        long ds = datastream(thing);
        long doomed = datastream(thing);
        long observation = ingest.ingestAll(rows(ds, null, 1)).get(0).get(60, TimeUnit.SECONDS).id();
        CountDownLatch deleted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> delete = inOpenTransaction(() -> {
            writes.delete(EntityType.DATASTREAM, doomed);
            return null;
        }, deleted, release);
        assertThat(deleted.await(60, TimeUnit.SECONDS)).isTrue();
        Future<Api.Response> patch = pool.submit(() -> sta().patch("/sta/v1.1/Observations(" + observation + ")",
                Map.of("Datastream", Map.of("@iot.id", doomed))));
        awaitLockWait("sta_datastream");
        release.countDown();
        delete.get(60, TimeUnit.SECONDS);
        Api.Response r = patch.get(60, TimeUnit.SECONDS);

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("Datastream/@iot.id");
        assertThat(observations("datastream_id", doomed)).isZero();
        assertThat(jdbc.queryForObject("select datastream_id from sta_observation where id = ?", Long.class, observation))
                .isEqualTo(ds);
    }

    @Test
    void aPatchToAMissingDatastreamMultiDatastreamOrFeatureIsRefusedByNameAndChangesNothing() throws Exception {
        long ds = datastream(thing());
        long observation = ingest.ingestAll(rows(ds, null, 1)).get(0).get(60, TimeUnit.SECONDS).id();
        Map<String, Object> before = jdbc.queryForMap("select * from sta_observation where id = ?", observation);
        long missing = Long.MAX_VALUE - 3;
        for (String relation : List.of("Datastream", "MultiDatastream", "FeatureOfInterest")) {
            Api.Response r = sta().patch("/sta/v1.1/Observations(" + observation + ")",
                    Map.of(relation, Map.of("@iot.id", missing), "result", 99));
            assertThat(r.status()).as(relation + ": " + r).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo(relation + "/@iot.id");
            assertThat(r.json().get("detail").asString()).contains(String.valueOf(missing));
            assertThat(jdbc.queryForMap("select * from sta_observation where id = ?", observation)).isEqualTo(before);
        }
        Api.Response gone = sta().patch("/sta/v1.1/Observations(" + Long.MAX_VALUE + ")", Map.of("result", 1));
        assertThat(gone.status()).isEqualTo(404);
    }

    @Test
    void deletingADatastreamMultiDatastreamFeatureOrThingDeletesItsObservations() throws Exception {
        long thing = thing();
        long ds = datastream(thing);
        long other = datastream(thing());
        long multi = multiDatastream(thing);
        long feature = feature();
        ingest.ingestAll(rows(ds, null, 3)).forEach(CompletableFuture::join);
        ingest.ingestAll(rows(other, feature, 4)).forEach(CompletableFuture::join);
        ingest.ingestAll(rows(other, null, 2)).forEach(CompletableFuture::join);
        Api.Response multiRow = sta().post("/sta/v1.1/MultiDatastreams(" + multi + ")/Observations",
                Map.of("result", List.of(3.5, 270)));
        assertThat(multiRow.status()).as(multiRow.toString()).isEqualTo(201);
        assertThat(observations("multi_datastream_id", multi)).isEqualTo(1);

        assertThat(sta().delete("/sta/v1.1/FeaturesOfInterest(" + feature + ")").status()).isEqualTo(200);
        assertThat(observations("feature_of_interest_id", feature)).isZero();
        assertThat(observations("datastream_id", other)).as("its observations of other features stay").isEqualTo(2);

        assertThat(sta().delete("/sta/v1.1/Datastreams(" + other + ")").status()).isEqualTo(200);
        assertThat(observations("datastream_id", other)).isZero();

        assertThat(sta().delete("/sta/v1.1/Things(" + thing + ")").status()).isEqualTo(200);
        assertThat(observations("datastream_id", ds)).isZero();
        assertThat(observations("multi_datastream_id", multi)).isZero();
        assertThat(sta().delete("/sta/v1.1/Datastreams(" + ds + ")").status()).isEqualTo(404);
        assertThat(sta().delete("/sta/v1.1/MultiDatastreams(" + multi + ")").status()).isEqualTo(404);
        assertThat(sta().delete("/sta/v1.1/FeaturesOfInterest(" + feature + ")").status()).isEqualTo(404);
    }
}
