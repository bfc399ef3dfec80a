/**
 * Shared platform: the injected clock, the caller ({@link org.cityops.platform.Actor}) and
 * its roles, problem responses (RFC 9457), security wiring and configuration.
 * Every other module may use its API types.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.cityops.platform;
