package org.cityops.sensing.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the observation ingest path ({@code cityops.sensing.ingest.*}).
 *
 * @param queueCapacity    the most observations accepted and not yet committed; beyond it
 *                         submissions are refused with 503 (a Data Array request larger than
 *                         this is refused with 413)
 * @param maxBatch         the most observations one writer commits in one transaction
 * @param writers          connections a large batch (at least {@link GroupCommitIngest#SPLIT_MIN_ROWS}
 *                         observations) is split over, by datastream, and stored side by side;
 *                         0 (the default) chooses: two on PostgreSQL, one on H2, whose exclusive
 *                         row locks make two writers sharing a FeatureOfInterest take turns
 *                         (measured: half the rate). Smaller batches are stored whole.
 * @param rowsPerStatement rows per multi-row INSERT; 1 sends a JDBC batch of single-row INSERTs
 * @param ackTimeout       how long an HTTP request waits for its observations to commit before
 *                         answering 503 (they may still be stored)
 * @param retryAfter       the {@code Retry-After} a refused request is told to wait
 * @param copy             how batches are stored on PostgreSQL: {@code auto} sends batches of at
 *                         least {@link ObservationBatchStore#COPY_MIN_ROWS} rows with
 *                         {@code COPY … FROM STDIN} (other databases keep the multi-row INSERT),
 *                         {@code off} always INSERTs
 */
@ConfigurationProperties("cityops.sensing.ingest")
record IngestSettings(@DefaultValue("100000") int queueCapacity,
                      @DefaultValue("5000") int maxBatch,
                      @DefaultValue("0") int writers,
                      @DefaultValue("500") int rowsPerStatement,
                      @DefaultValue("30s") Duration ackTimeout,
                      @DefaultValue("1s") Duration retryAfter,
                      @DefaultValue("auto") Copy copy) {

    /** Whether batches go to PostgreSQL with COPY. */
    enum Copy {
        /** COPY on PostgreSQL, multi-row INSERT elsewhere. */
        AUTO,
        /** Multi-row INSERT on every database. */
        OFF
    }
}
