package org.cityops.sensing.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * How long observations are kept: {@code properties."cityops:retentionDays"} of the Datastream,
 * else of its ObservedProperty, else the configured default; 0 keeps them forever (a MultiDatastream:
 * see {@link #multiDays}). A datastream's
 * latest observation (by phenomenon time) is never purged, however old, so its latest value stays
 * readable and the in-memory latest value never points at a deleted row.
 */
final class RetentionPolicy {

    static final String RETENTION_DAYS = "cityops:retentionDays";

    private RetentionPolicy() {
    }

    /** Returns what is wrong with a value of {@value #RETENTION_DAYS}, or {@code null} when it is valid. */
    static String daysProblem(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0) {
            return "must be a whole number of days, 0 or more (0 keeps observations forever)";
        }
        return null;
    }

    /** Returns the retention in days: the datastream's own, else its observed property's, else the default. */
    static int days(JsonNode datastreamProperties, JsonNode observedPropertyProperties, int defaultDays) {
        for (JsonNode p : new JsonNode[] {datastreamProperties, observedPropertyProperties}) {
            JsonNode v = p == null ? null : p.get(RETENTION_DAYS);
            if (v != null && !v.isNull() && daysProblem(v) == null) {
                return v.asInt();
            }
        }
        return Math.max(defaultDays, 0);
    }

    /**
     * Returns a MultiDatastream's retention in days: its own, else the longest its ObservedProperties
     * state (an observation holds a value of each, so it is kept as long as any of them asks; 0, forever,
     * is the longest), else the default.
     */
    static int multiDays(JsonNode multiDatastreamProperties, List<JsonNode> observedPropertyProperties,
                         int defaultDays) {
        JsonNode own = multiDatastreamProperties == null ? null : multiDatastreamProperties.get(RETENTION_DAYS);
        if (own != null && !own.isNull() && daysProblem(own) == null) {
            return own.asInt();
        }
        Integer longest = null;
        for (JsonNode p : observedPropertyProperties) {
            JsonNode v = p == null ? null : p.get(RETENTION_DAYS);
            if (v == null || v.isNull() || daysProblem(v) != null) {
                continue;
            }
            int days = v.asInt();
            longest = longest == null ? days : (longest == 0 || days == 0) ? 0 : Math.max(longest, days);
        }
        return longest != null ? longest : Math.max(defaultDays, 0);
    }

    /**
     * Returns the instant before which a datastream's observations are deleted: {@code days} before
     * {@code now}, but never at or after its latest phenomenon time; {@code null} when nothing may be
     * deleted (kept forever, or no observations).
     */
    static Instant purgeBefore(int days, Instant now, Instant latest) {
        if (days <= 0 || latest == null) {
            return null;
        }
        Instant cutoff = now.minus(Duration.ofDays(days));
        return cutoff.isBefore(latest) ? cutoff : latest;
    }
}
