package org.cityops.demo.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo city's settings ({@code cityops.demo.*}); they apply only with the {@code demo} profile.
 *
 * @param password         the password of every seeded demo user (listed in the README)
 * @param seedIntoExisting seed even when the database already holds another city (never by default)
 * @param simulator        the simulator's settings
 */
@ConfigurationProperties("cityops.demo")
record DemoSettings(@DefaultValue("cityops-demo") String password,
                    @DefaultValue("false") boolean seedIntoExisting,
                    @DefaultValue Simulator simulator) {

    /**
     * The simulator ({@code cityops.demo.simulator.*}).
     *
     * @param enabled             whether it runs at all
     * @param rate                reports (inspector and hotline) per minute, on average
     * @param anomalyProbability  chance per sensor and reading that an anomaly starts (spike, stuck, silent)
     * @param tick                how often it acts
     * @param readingInterval     how often each sensor reports a reading
     * @param maxStepsPerTick     most case transitions one tick takes (bounded work per tick)
     */
    record Simulator(@DefaultValue("true") boolean enabled,
                     @DefaultValue("4") double rate,
                     @DefaultValue("0.002") double anomalyProbability,
                     @DefaultValue("10s") Duration tick,
                     @DefaultValue("60s") Duration readingInterval,
                     @DefaultValue("12") int maxStepsPerTick) {
    }
}
