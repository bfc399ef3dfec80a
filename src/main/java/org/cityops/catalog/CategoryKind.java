package org.cityops.catalog;

/** The two kinds of things a city manages: components (部件, objects) and events (事件, happenings). */
public enum CategoryKind {
    /** 部件: a physical object (manhole cover, street light); routed owner first. */
    COMPONENT("部件"),
    /** 事件: something that happens (exposed garbage, illegal parking); routed locality first. */
    EVENT("事件");

    private final String chineseName;

    CategoryKind(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }
}
