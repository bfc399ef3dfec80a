package org.cityops.intake.hotline;

/** What the caller wants (诉求类型, GB/T 33358). */
enum RequestType {
    /** 咨询 */ CONSULTATION("咨询"),
    /** 求助 */ HELP("求助"),
    /** 投诉举报 */ COMPLAINT("投诉举报"),
    /** 建议 */ SUGGESTION("建议"),
    /** 感谢 */ THANKS("感谢"),
    /** 其他 */ OTHER("其他");

    private final String chineseName;

    RequestType(String chineseName) {
        this.chineseName = chineseName;
    }

    /** Returns the type's name as operators know it. */
    String chineseName() {
        return chineseName;
    }
}
