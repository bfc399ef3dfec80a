package org.cityops.catalog;

/** How urgent a case is; each subclass has a handling time limit per level. */
public enum Urgency {
    /** 一般 */
    NORMAL("一般"),
    /** 紧急 */
    URGENT("紧急"),
    /** 特急 */
    CRITICAL("特急");

    private final String chineseName;

    Urgency(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }
}
