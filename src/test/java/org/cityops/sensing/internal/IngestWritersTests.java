package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.cityops.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class IngestWritersTests {

    @Autowired GroupCommitIngest ingest;
    @Autowired ObservationBatchStore batches;

    @Test
    void byDefaultPostgreSqlGetsTwoWritersAndH2One() {
        int writers = batches.onPostgreSql() ? 2 : 1;
        // a datastream's writer is its id modulo the writers
        assertThat(ingest.writerOf(1)).isEqualTo(1 % writers);
        assertThat(ingest.writerOf(3)).isEqualTo(3 % writers);
    }
}
