package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.cityops.IntegrationTest;
import org.cityops.sensing.SensedObservation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * With several writers, a datastream's observations still reach the feed (rules, live stream) in
 * the order they were accepted: each datastream has its writer. Small batches make the writers
 * take turns many times while one request's rows are written.
 */
@IntegrationTest
@TestPropertySource(properties = {"cityops.sensing.ingest.writers=2", "cityops.sensing.ingest.max-batch=4"})
class GroupCommitOrderTests {

    @Autowired GroupCommitIngest ingest;
    @Autowired StaWrites writes;
    @Autowired StaStore store;
    @Autowired ObservationFeedHub feed;

    long newDatastream() {
        return IngestFixtures.newDatastream(writes, store, "order");
    }

    @Test
    void aDatastreamsObservationsReachTheFeedInTheOrderTheyWereAccepted() throws Exception {
        long first = newDatastream();
        long second = newDatastream();
        List<Double> seenFirst = Collections.synchronizedList(new ArrayList<>());
        List<Double> seenSecond = Collections.synchronizedList(new ArrayList<>());
        feed.subscribe(batch -> {
            for (SensedObservation o : batch) {
                if (o.datastreamId() == first) {
                    seenFirst.add(o.numericResult());
                } else if (o.datastreamId() == second) {
                    seenSecond.add(o.numericResult());
                }
            }
        });
        List<ObservationBatchStore.Row> rows = new ArrayList<>();
        List<Double> sent = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            sent.add((double) i);
            rows.add(ingest.prepare(StaStore.JSON.readTree("{\"result\": " + i + ", \"Datastream\": {\"@iot.id\": "
                    + (i % 2 == 0 ? first : second) + "}}"), null));
        }
        List<CompletableFuture<Entity>> stored = ingest.ingestAll(rows);
        CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        assertThat(seenFirst).containsExactlyElementsOf(sent.stream().filter(v -> v % 2 == 0).toList());
        assertThat(seenSecond).containsExactlyElementsOf(sent.stream().filter(v -> v % 2 == 1).toList());
    }
}
