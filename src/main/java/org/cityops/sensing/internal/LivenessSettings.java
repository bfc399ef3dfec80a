package org.cityops.sensing.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Device liveness settings ({@code cityops.sensing.liveness.*}).
 *
 * @param defaultInterval the expected reporting interval of datastreams that declare none; zero (the
 *                        default) watches only datastreams with {@code properties."cityops:expectedInterval"}
 * @param scanInterval    how often silent datastreams are looked for
 */
@ConfigurationProperties("cityops.sensing.liveness")
record LivenessSettings(@DefaultValue("0s") Duration defaultInterval, @DefaultValue("1m") Duration scanInterval) {
}
