package org.cityops.org.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Organisation settings ({@code cityops.org.*}).
 *
 * @param routingRefresh how long a node trusts its in-memory matrix before re-reading it, so
 *                       changes made on another node reach this one
 */
@ConfigurationProperties("cityops.org")
record OrgSettings(@DefaultValue("60s") Duration routingRefresh) {
}
