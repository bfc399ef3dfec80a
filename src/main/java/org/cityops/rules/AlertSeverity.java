package org.cityops.rules;

/** An alert's severity, the four warning colours used by Chinese early-warning practice, least severe first. */
public enum AlertSeverity {
    /** 蓝色预警 */
    BLUE,
    /** 黄色预警 */
    YELLOW,
    /** 橙色预警 */
    ORANGE,
    /** 红色预警 */
    RED
}
