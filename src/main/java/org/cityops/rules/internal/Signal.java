package org.cityops.rules.internal;

import java.time.Instant;

import org.cityops.geo.GridLocation;

/** What the rule engine concluded from observations or the passing of time, for the alert store to apply. */
sealed interface Signal {

    /** Returns the rule the signal is about. */
    long ruleId();

    /**
     * The rule's condition holds for the subject.
     *
     * @param ruleId       the rule
     * @param ruleVersion  the version that judged
     * @param subject      what it is about, e.g. {@code datastream:42} or {@code grid:330102001001}
     * @param first        whether the engine saw the subject inactive before (a raise, not a repeat)
     * @param eventTime    the phenomenon time that made it hold (for ABSENCE: the last one plus the allowed silence)
     * @param value        the observed value, {@code null} for absence
     * @param title        a one-line description
     * @param location     where the subject lies, {@code null} when unknown
     * @param departmentId the owning department, {@code null} when none
     * @param thingId      the Thing whose observation made it hold (its place locates a case)
     */
    record Seen(long ruleId, int ruleVersion, String subject, boolean first, Instant eventTime, Double value,
                String title, GridLocation location, Long departmentId, Long thingId) implements Signal {
    }

    /**
     * The rule's condition no longer holds for the subject.
     *
     * @param ruleId    the rule
     * @param subject   the subject
     * @param eventTime the phenomenon time that ended it
     */
    record Cleared(long ruleId, String subject, Instant eventTime) implements Signal {
    }

    /**
     * The rule failed while evaluating and stops being evaluated.
     *
     * @param ruleId  the rule
     * @param version the failing version
     * @param error   the evaluation error
     * @param at      when it failed
     */
    record Quarantined(long ruleId, int version, String error, Instant at) implements Signal {
    }
}
