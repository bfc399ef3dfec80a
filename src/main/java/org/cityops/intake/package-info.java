/**
 * Where problems come from: channels that turn outsiders' reports into cases through the case
 * loop's one entry. Now: Open311 GeoReport v2 at {@code /open311/v2}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Intake")
package org.cityops.intake;
