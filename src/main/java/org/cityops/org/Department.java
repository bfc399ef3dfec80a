package org.cityops.org;

/**
 * A responsible department (专业部门 / 责任单位).
 *
 * @param id         identifier
 * @param code       unique code
 * @param name       name
 * @param level      the level it works at
 * @param regionCode division code of the region it serves
 */
public record Department(long id, String code, String name, Level level, String regionCode) {

    /** The administrative level a department belongs to. */
    public enum Level { CITY, DISTRICT, STREET }
}
