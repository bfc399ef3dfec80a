package org.cityops.rules.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The rule engine's limits ({@code cityops.rules.*}).
 *
 * @param allowedLateness       how far behind a datastream's newest phenomenon time an observation may arrive and still join its windows
 * @param maxPointsPerStream    most observations kept per datastream for window aggregates
 * @param queueCapacity         most observation batches waiting for the engine
 * @param offerTimeout          how long a committing thread waits for room in a full queue before the batch is dropped (and counted)
 * @param absenceCheckInterval  how often silent datastreams are looked for
 * @param maxIterations         most iterations of a CEL comprehension (bounds evaluation cost)
 * @param dryRunMaxObservations most stored observations a dry run reads
 * @param dryRunMaxRange        longest time range a dry run covers
 * @param pageSizeMax           largest page the alert list returns
 * @param maxSilenceWatched     most datastreams an absence rule starts watching from their stored latest observation
 */
@ConfigurationProperties("cityops.rules")
record RulesSettings(@DefaultValue("5m") Duration allowedLateness,
                     @DefaultValue("2000") int maxPointsPerStream,
                     @DefaultValue("10000") int queueCapacity,
                     @DefaultValue("2s") Duration offerTimeout,
                     @DefaultValue("30s") Duration absenceCheckInterval,
                     @DefaultValue("1000") int maxIterations,
                     @DefaultValue("100000") int dryRunMaxObservations,
                     @DefaultValue("31d") Duration dryRunMaxRange,
                     @DefaultValue("200") int pageSizeMax,
                     @DefaultValue("10000") int maxSilenceWatched) {
}
