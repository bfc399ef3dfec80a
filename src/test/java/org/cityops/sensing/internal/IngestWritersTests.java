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
    void byDefaultPostgreSqlStoresLargeBatchesInTwoPartsAndH2Whole() {
        int parts = batches.onPostgreSql() ? 2 : 1;
        assertThat(ingest.parts()).isEqualTo(parts);
        // a datastream's part is its id modulo the parts
        assertThat(ingest.partOf(1)).isEqualTo(1 % parts);
        assertThat(ingest.partOf(3)).isEqualTo(3 % parts);
        assertThat(ingest.partOf(4)).isEqualTo(0);
    }
}
