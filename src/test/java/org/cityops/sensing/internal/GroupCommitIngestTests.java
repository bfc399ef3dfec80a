package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.cityops.IntegrationTest;
import org.cityops.platform.ProblemException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** A batch that cannot be committed fails only the observations that caused it. */
@IntegrationTest
@TestPropertySource(properties = {"cityops.sensing.ingest.queue-capacity=8", "cityops.sensing.ingest.max-batch=8",
        // one writer, held by the test, so the next observations wait in the queue and form one batch
        "cityops.sensing.ingest.writers=1"})
class GroupCommitIngestTests {

    @Autowired GroupCommitIngest ingest;
    @Autowired StaWrites writes;
    @Autowired StaStore store;
    @Autowired ObservationFeedHub feed;

    long newDatastream() {
        return IngestFixtures.newDatastream(writes, store, "culprit");
    }

    CompletableFuture<Entity> observe(long datastream, double result) {
        return ingest.ingest(StaStore.JSON.readTree("{\"result\": " + result + ", \"Datastream\": {\"@iot.id\": "
                + datastream + "}}"), null);
    }

    @Test
    void anObservationWhoseDatastreamWasDeletedWhileQueuedFailsAloneAndItsBatchMatesAreStored() throws Exception {
        long kept = newDatastream();
        long deleted = newDatastream();
        CountDownLatch writerHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        feed.subscribe(batch -> {
            if (batch.stream().anyMatch(o -> o.datastreamId() == kept && o.numericResult() == 0.0)) {
                writerHeld.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        CompletableFuture<Entity> first;
        CompletableFuture<Entity> mate;
        CompletableFuture<Entity> culprit;
        try {
            first = observe(kept, 0);
            assertThat(writerHeld.await(60, TimeUnit.SECONDS)).isTrue();
            // both wait in the queue and will be taken as one batch
            mate = observe(kept, 1);
            culprit = observe(deleted, 2);
            writes.delete(EntityType.DATASTREAM, deleted);
        } finally {
            release.countDown();
        }
        assertThat(first.get(60, TimeUnit.SECONDS).id()).isPositive();
        Entity stored = mate.get(60, TimeUnit.SECONDS);
        assertThat(store.find(EntityType.OBSERVATION, stored.id())).isPresent();
        assertThatThrownBy(() -> culprit.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ProblemException.Conflict.class);
        assertThat(store.idsWhere("sta_observation", "id", "datastream_id", kept)).hasSize(2);
        assertThat(store.idsWhere("sta_observation", "id", "datastream_id", deleted)).isEmpty();
    }
}
