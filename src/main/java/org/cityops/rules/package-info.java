/**
 * Judgement (研判): CEL rules over the sensor streams (conditions, windows, duration,
 * hysteresis, absence, correlation), built-in anomaly detection, the alert lifecycle, and
 * alert → case by per-rule policy.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Rules")
package org.cityops.rules;
