/**
 * Figures about the case loop for the city screen (城市运行一张图): KPI totals, trends by day, top
 * categories and counts per region one level down, each within the viewer's scope.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Insight")
package org.cityops.insight;
