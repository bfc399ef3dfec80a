package org.cityops.geo;

/**
 * Where a point lies in the city's administrative tree: its unit grid and the community,
 * street/town, district and city that contain it (all codes).
 */
public record GridLocation(String gridCode, String communityCode, String streetCode,
                           String districtCode, String cityCode) {
}
