package org.cityops.cases;

/** Where a case stands against the deadline of its current stage. */
public enum SlaStatus {
    /** Within the first 80 % of the limit (or no running limit). */
    GREEN,
    /** 黄灯: past 80 % of the limit. */
    YELLOW,
    /** 红灯: past the deadline (超期). */
    RED
}
