/**
 * The city model in space: administrative divisions (city → district → street/town →
 * community), unit grids (单元网格) and duty grids (责任网格), GeoJSON import, and the
 * point → grid → community → street → district lookup.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Geo")
package org.cityops.geo;
