package org.cityops.rules.internal;

/** How a rule turns observations into alerts. */
enum RuleKind {
    /** Raised while the condition holds for the newest observation, cleared when it no longer does. */
    CONDITION,
    /** Raised once the condition has held for every observation over {@code holdFor} of event time. */
    DURATION,
    /** Raised when {@code condition} holds, cleared only when {@code clearCondition} holds. */
    HYSTERESIS,
    /** Raised when a watched datastream sent nothing for {@code absentFor}; cleared when it speaks again. */
    ABSENCE,
    /** Raised when every named input's condition held within {@code window} in the same grid or division. */
    CORRELATION,
    /** Raised when a value deviates from the datastream's EWMA baseline by more than {@code threshold} deviations. */
    ANOMALY
}
