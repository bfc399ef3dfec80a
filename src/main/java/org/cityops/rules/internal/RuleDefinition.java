package org.cityops.rules.internal;

import java.time.Duration;
import java.util.List;

import org.cityops.catalog.Urgency;
import org.cityops.rules.AlertSeverity;

/**
 * One version of a rule as its author wrote it; {@link RuleCheck} says whether it is complete and
 * compiles. Members a kind does not use must be absent.
 *
 * @param name           a short name shown on alerts
 * @param description    what the rule is for, optional
 * @param kind           how observations turn into alerts
 * @param severity       the severity of its alerts
 * @param watch          the datastreams it watches (all kinds but CORRELATION)
 * @param condition      the CEL condition (CONDITION, DURATION; the raise condition of HYSTERESIS)
 * @param clearCondition the CEL condition that clears a HYSTERESIS alert
 * @param window         the event-time window of the {@code window.*} aggregates and of a correlation, default 1 hour
 * @param holdFor        how long the condition must hold (DURATION)
 * @param absentFor      how long a datastream may stay silent (ABSENCE)
 * @param correlation    the inputs of a CORRELATION
 * @param anomaly        the baseline settings of an ANOMALY rule, defaults when absent
 * @param casePolicy     whether an alert opens a case, none when absent
 */
record RuleDefinition(String name, String description, RuleKind kind, AlertSeverity severity, Watch watch,
                      String condition, String clearCondition, Duration window, Duration holdFor, Duration absentFor,
                      Correlation correlation, Anomaly anomaly, CasePolicy casePolicy) {

    /** The window used when a rule states none. */
    static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

    /** Returns the window of the rule's aggregates and correlation. */
    Duration effectiveWindow() {
        return window == null ? DEFAULT_WINDOW : window;
    }

    /** Returns the rule's case policy, NONE when absent. */
    CasePolicy effectiveCasePolicy() {
        return casePolicy == null ? CasePolicy.NONE : casePolicy;
    }

    /** Returns the anomaly settings with defaults filled in. */
    Anomaly effectiveAnomaly() {
        Anomaly a = anomaly == null ? new Anomaly(null, null, null) : anomaly;
        return new Anomaly(a.warmup() == null ? 30 : a.warmup(), a.threshold() == null ? 4.0 : a.threshold(),
                a.alpha() == null ? 0.1 : a.alpha());
    }

    /**
     * The streams a correlation combines, AND within the rule's window, per grid or division.
     *
     * @param keyBy  where the inputs must meet: GRID, COMMUNITY, STREET or DISTRICT
     * @param inputs two or more named inputs
     */
    record Correlation(KeyBy keyBy, List<Input> inputs) {
    }

    /** The level of the city model a correlation groups by. */
    enum KeyBy {
        GRID, COMMUNITY, STREET, DISTRICT
    }

    /**
     * One stream of a correlation: its own watch and CEL condition.
     *
     * @param name      a short name, shown in the alert title
     * @param watch     the datastreams of this input
     * @param condition when this input counts as present
     */
    record Input(String name, Watch watch, String condition) {
    }

    /**
     * Baseline settings of an ANOMALY rule (exponentially weighted mean and variance).
     *
     * @param warmup    how many observations train the baseline before it may flag, default 30
     * @param threshold how many standard deviations count as a sudden deviation, default 4
     * @param alpha     the weight of the newest observation in the baseline, default 0.1
     */
    record Anomaly(Integer warmup, Double threshold, Double alpha) {
    }

    /**
     * What an alert of the rule does to the case loop.
     *
     * @param mode           NONE, or OPEN_CASE when an alert is raised
     * @param categoryCode   the subclass of the case
     * @param urgency        the case's urgency, NORMAL when absent
     * @param resolveOnClose whether closing the case resolves the alert (default); otherwise the alert clears by itself
     */
    record CasePolicy(Mode mode, String categoryCode, Urgency urgency, Boolean resolveOnClose) {

        static final CasePolicy NONE = new CasePolicy(Mode.NONE, null, null, null);

        /** Returns whether alerts open cases. */
        boolean opensCase() {
            return mode == Mode.OPEN_CASE;
        }

        /** Returns whether the closed case resolves the alert. */
        boolean resolvesOnClose() {
            return resolveOnClose == null || resolveOnClose;
        }

        /** The policies. */
        enum Mode {
            NONE, OPEN_CASE
        }
    }
}
