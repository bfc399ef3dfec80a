package org.cityops.cases.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Duplicate merging at the case entry ({@code cityops.intake.duplicates.*}).
 *
 * @param mode           {@code link}: a repeat is linked to the open case; {@code confirm}: a new case
 *                       is opened and the open case offered to the operator to merge; {@code off}
 * @param distanceMeters greatest distance between a repeat and the open case
 * @param window         longest time since the open case was reported
 */
@ConfigurationProperties("cityops.intake.duplicates")
record DuplicateSettings(@DefaultValue("link") Mode mode,
                         @DefaultValue("50") double distanceMeters,
                         @DefaultValue("24h") Duration window) {

    /** What the entry does with a repeat. */
    enum Mode { LINK, CONFIRM, OFF }

    DuplicateSettings {
        rule(distanceMeters, window);
    }

    DuplicateRule rule() {
        return rule(distanceMeters, window);
    }

    private static DuplicateRule rule(double distanceMeters, Duration window) {
        return new DuplicateRule(distanceMeters, window);
    }
}
