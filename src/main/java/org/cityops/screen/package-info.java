/**
 * The web console (一屏观天下): the city screen and the workbenches of each role, served by the
 * platform itself as static ES modules under {@code /console/} with Vue, Leaflet and ECharts from
 * WebJars, plus the little configuration the console reads at start.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Screen")
package org.cityops.screen;
