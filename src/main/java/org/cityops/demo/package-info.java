/**
 * The demo city (示范城市): with the {@code demo} profile (or {@code --demo} on the command line) a
 * synthetic city is seeded through the platform's own HTTP API — boundaries and unit grids,
 * departments, the responsibility matrix, one user per role and a few hundred sensors — and a
 * simulator keeps it alive with sensor readings, reports and department handling.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo city")
package org.cityops.demo;
