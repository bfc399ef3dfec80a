package org.cityops.geo;

/** Levels of the administrative tree (跨层级), from the top. */
public enum DivisionLevel {
    CITY("市"), DISTRICT("区"), STREET("街道/镇"), COMMUNITY("社区");

    private final String chineseName;

    DivisionLevel(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }
}
