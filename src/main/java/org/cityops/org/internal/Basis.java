package org.cityops.org.internal;

/** Why a matrix entry makes a department responsible. */
enum Basis {
    /** 属主: the department owns or maintains the thing. */
    OWNER("属主"),
    /** 属地: the department answers for the territory. */
    LOCALITY("属地");

    private final String chineseName;

    Basis(String chineseName) {
        this.chineseName = chineseName;
    }

    String chineseName() {
        return chineseName;
    }
}
