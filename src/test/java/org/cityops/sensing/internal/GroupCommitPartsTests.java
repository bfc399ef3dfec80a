package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.cityops.IntegrationTest;
import org.cityops.sensing.SensedObservation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A large batch is split by datastream into parts stored side by side ({@code writers=2}), and
 * still every datastream's observations are stored, get ids and reach the feed in the order they
 * were accepted; a small batch is stored whole by the writer.
 */
@IntegrationTest
@TestPropertySource(properties = "cityops.sensing.ingest.writers=2")
class GroupCommitPartsTests {

    @Autowired GroupCommitIngest ingest;
    @Autowired StaWrites writes;
    @Autowired StaStore store;
    @Autowired ObservationFeedHub feed;

    long newDatastream() {
        return IngestFixtures.newDatastream(writes, store, "parts");
    }

    @Test
    void aLargeBatchIsStoredInPartsSideBySideAndEachDatastreamKeepsItsOrder() throws Exception {
        List<Long> streams = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            streams.add(newDatastream());
        }
        assertThat(streams.stream().map(ingest::partOf).distinct()).as("the streams fall into both parts").hasSize(2);
        Map<Long, List<Double>> seen = new ConcurrentHashMap<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        feed.subscribe(batch -> {
            for (SensedObservation o : batch) {
                if (streams.contains(o.datastreamId())) {
                    seen.computeIfAbsent(o.datastreamId(), k -> Collections.synchronizedList(new ArrayList<>()))
                            .add(o.numericResult());
                    threads.add(Thread.currentThread().getName());
                }
            }
        });
        List<ObservationBatchStore.Row> rows = new ArrayList<>();
        Map<Long, List<Double>> sent = new HashMap<>();
        for (int i = 0; i < 3_000; i++) {
            long stream = streams.get(i % streams.size());
            sent.computeIfAbsent(stream, k -> new ArrayList<>()).add((double) i);
            rows.add(ingest.prepare(StaStore.JSON.readTree("{\"result\": " + i + ", \"Datastream\": {\"@iot.id\": "
                    + stream + "}}"), null));
        }
        // queued in one go: the writer takes them as batches far above SPLIT_MIN_ROWS
        List<CompletableFuture<Entity>> stored = ingest.ingestAll(rows);
        Map<Long, Long> lastId = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Entity e = stored.get(i).get(60, TimeUnit.SECONDS);
            long stream = rows.get(i).streamId();
            assertThat(e.id()).as("row %d: ids ascend per datastream in the order accepted", i)
                    .isGreaterThan(lastId.getOrDefault(stream, 0L));
            lastId.put(stream, e.id());
        }
        for (long stream : streams) {
            assertThat(seen.get(stream)).as("Datastream %d", stream).containsExactlyElementsOf(sent.get(stream));
            assertThat(store.idsWhere("sta_observation", "id", "datastream_id", stream)).hasSize(500);
        }
        assertThat(threads).as("the parts were stored side by side").contains("sta-ingest-0", "sta-ingest-part-1");
    }

    @Test
    void aSmallBatchIsStoredWholeByTheWriter() throws Exception {
        long first = newDatastream();
        long second = newDatastream();
        while (ingest.partOf(second) == ingest.partOf(first)) {
            second = newDatastream();
        }
        Set<Long> streams = Set.of(first, second);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        feed.subscribe(batch -> {
            if (batch.stream().anyMatch(o -> streams.contains(o.datastreamId()))) {
                threads.add(Thread.currentThread().getName());
            }
        });
        List<ObservationBatchStore.Row> rows = new ArrayList<>();
        for (int i = 0; i < GroupCommitIngest.SPLIT_MIN_ROWS - 1; i++) {
            rows.add(ingest.prepare(StaStore.JSON.readTree("{\"result\": " + i + ", \"Datastream\": {\"@iot.id\": "
                    + (i % 2 == 0 ? first : second) + "}}"), null));
        }
        for (CompletableFuture<Entity> f : ingest.ingestAll(rows)) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertThat(threads).as("streams of both parts, stored whole").containsExactly("sta-ingest-0");
    }
}
