package org.cityops.org.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * First-start settings ({@code cityops.bootstrap.*}).
 *
 * @param adminPassword password for the first {@code admin}; a random one is generated and
 *                      printed once when empty
 */
@ConfigurationProperties("cityops.bootstrap")
record BootstrapSettings(String adminPassword) {
}
