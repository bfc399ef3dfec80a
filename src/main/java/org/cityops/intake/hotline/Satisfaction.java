package org.cityops.intake.hotline;

/**
 * The caller's verdict at callback (回访), on the three-level scale most 12345 centers use.
 * Both SATISFIED and BASICALLY_SATISFIED count as satisfied in the satisfaction rate (满意率).
 */
enum Satisfaction {
    /** 满意 */ SATISFIED("满意"),
    /** 基本满意 */ BASICALLY_SATISFIED("基本满意"),
    /** 不满意 */ DISSATISFIED("不满意");

    private final String chineseName;

    Satisfaction(String chineseName) {
        this.chineseName = chineseName;
    }

    /** Returns the verdict as the caller says it. */
    String chineseName() {
        return chineseName;
    }

    /** Returns whether this verdict counts as satisfied in the satisfaction rate. */
    boolean countsAsSatisfied() {
        return this != DISSATISFIED;
    }
}
