/**
 * City sensing (一网感知): the OGC SensorThings API (Part 1: Sensing, v1.0 and v1.1) at
 * {@code /sta/v1.0} and {@code /sta/v1.1}, observation storage with the latest value per
 * datastream in memory, and the city's own sensor listing tied to grids and departments.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sensing")
package org.cityops.sensing;
