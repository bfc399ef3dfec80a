package org.cityops.sensing.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sensing settings ({@code cityops.sensing.*}).
 *
 * @param maxTop  the server's page size maximum: larger {@code $top} values are cut to it and a next link given
 * @param maxScan the most entities one {@code $filter}/{@code $orderby} request evaluates in memory; a broader
 *                request is refused with 400 asking to narrow it (e.g. through a datastream)
 */
@ConfigurationProperties("cityops.sensing")
record SensingSettings(@DefaultValue("100") int maxTop, @DefaultValue("100000") int maxScan) {
}
