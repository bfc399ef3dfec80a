package org.cityops.sensing.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import tools.jackson.databind.JsonNode;

/**
 * When a datastream counts as silent: its expected reporting interval comes from the Datastream's
 * {@code properties."cityops:expectedInterval"} (an ISO 8601 duration such as {@code PT5M}) or, when
 * it declares none, from the configured default (zero: not watched). Silence is measured from the
 * time the server received the datastream's latest observation, not its phenomenon time, so a device
 * with a wrong clock is judged by when it really reported.
 */
final class LivenessPolicy {

    static final String EXPECTED_INTERVAL = "cityops:expectedInterval";

    private LivenessPolicy() {
    }

    /** Returns what is wrong with a value of {@value #EXPECTED_INTERVAL}, or {@code null} when it is valid. */
    static String intervalProblem(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            return "must be an ISO 8601 duration string such as PT5M";
        }
        try {
            Duration d = Duration.parse(value.asString());
            return d.isNegative() || d.isZero() ? "must be a positive duration such as PT5M" : null;
        } catch (DateTimeParseException e) {
            return "must be an ISO 8601 duration such as PT5M, not " + value.asString();
        }
    }

    /**
     * Returns the datastream's expected interval: its own declaration, else the default; {@code null}
     * when neither applies (the datastream is not watched).
     */
    static Duration interval(JsonNode datastreamProperties, Duration defaultInterval) {
        JsonNode v = datastreamProperties == null ? null : datastreamProperties.get(EXPECTED_INTERVAL);
        if (v != null && intervalProblem(v) == null && v.isString()) {
            return Duration.parse(v.asString());
        }
        return defaultInterval == null || defaultInterval.isZero() || defaultInterval.isNegative() ? null
                : defaultInterval;
    }

    /** Returns whether a datastream last heard at {@code lastHeard} is silent at {@code now} for its interval. */
    static boolean silent(Instant lastHeard, Duration interval, Instant now) {
        return lastHeard != null && interval != null && Duration.between(lastHeard, now).compareTo(interval) > 0;
    }
}
