package org.cityops.sensing.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Observation retention settings ({@code cityops.sensing.retention.*}).
 *
 * @param defaultDays   days observations are kept when neither their Datastream nor its ObservedProperty
 *                      says ({@code properties."cityops:retentionDays"}); 0 (the default) keeps them forever
 * @param purgeInterval how often old observations are purged
 * @param batchSize     the most observations one delete statement (one transaction) removes
 */
@ConfigurationProperties("cityops.sensing.retention")
record RetentionSettings(@DefaultValue("0") int defaultDays, @DefaultValue("1h") Duration purgeInterval,
                         @DefaultValue("5000") int batchSize) {
}
