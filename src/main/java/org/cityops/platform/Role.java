package org.cityops.platform;

/**
 * The roles (岗位) of the case loop. Each role is scoped either to a region subtree
 * (a division code) or to a department.
 */
public enum Role {
    /** System administrator: everything, everywhere. */
    ADMIN("系统管理员"),
    /** City-level dispatcher and shift leader (市级派遣员/值班长): registers, dispatches, closes city-wide. */
    CITY_DISPATCHER("市级派遣员/值班长"),
    /** District dispatcher (区派遣员): registers, dispatches and closes within one district. */
    DISTRICT_DISPATCHER("区派遣员"),
    /** Street operator (街镇受理员): takes in and registers cases of one street or town. */
    STREET_OPERATOR("街镇受理员"),
    /** Department handler (专业部门处置人员): handles cases dispatched to the department. */
    DEPARTMENT_HANDLER("专业部门"),
    /** Grid inspector (网格监督员): reports, fixes on the spot, verifies. */
    GRID_INSPECTOR("网格监督员"),
    /** Leader (领导): reads everything in scope and supervises (督办). */
    LEADER("领导");

    private final String chineseName;

    Role(String chineseName) {
        this.chineseName = chineseName;
    }

    /** Returns the role's name as users in China know it. */
    public String chineseName() {
        return chineseName;
    }

    /**
     * Returns whether a caller in this role may act without a region code, i.e. city-wide;
     * the other region-scoped roles (district, street, grid) always need one.
     */
    public boolean mayBeCityWide() {
        return this == ADMIN || this == CITY_DISPATCHER || this == LEADER;
    }

    /** Returns whether this role's scope is a department rather than a region. */
    public boolean departmentScoped() {
        return this == DEPARTMENT_HANDLER;
    }
}
