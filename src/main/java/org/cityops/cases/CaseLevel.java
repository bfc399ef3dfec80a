package org.cityops.cases;

import java.util.Optional;

/** The command level coordinating a case (跨层级): escalation moves it up one level. */
public enum CaseLevel {
    /** 镇街分中心 */ STREET("街镇"),
    /** 区指挥中心 */ DISTRICT("区"),
    /** 市级城运中心 */ CITY("市");

    private final String chineseName;

    CaseLevel(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }

    /** Returns the level above, or empty at city level. */
    public Optional<CaseLevel> above() {
        return switch (this) {
            case STREET -> Optional.of(DISTRICT);
            case DISTRICT -> Optional.of(CITY);
            case CITY -> Optional.empty();
        };
    }
}
