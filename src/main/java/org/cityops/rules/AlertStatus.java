package org.cityops.rules;

/** Where an alert is in its lifecycle: raised → acknowledged → cleared (condition gone) or resolved (handled). */
public enum AlertStatus {
    /** 已触发: raised and not yet seen by anyone. */
    RAISED,
    /** 已确认: someone took note of it. */
    ACKNOWLEDGED,
    /** 已消除: the condition no longer holds. */
    CLEARED,
    /** 已解决: handled, e.g. its case was closed. */
    RESOLVED;

    /** Returns whether the alert is still active (raised or acknowledged). */
    public boolean active() {
        return this == RAISED || this == ACKNOWLEDGED;
    }
}
