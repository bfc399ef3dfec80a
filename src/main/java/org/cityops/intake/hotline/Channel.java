package org.cityops.intake.hotline;

/** How the request reached the hotline. */
enum Channel {
    /** 电话 */ PHONE,
    /** 网站 */ WEB,
    /** 移动应用 */ APP,
    /** 微信 */ WECHAT,
    /** 短信 */ SMS,
    /** 电子邮件 */ EMAIL,
    /** 其他 */ OTHER
}
