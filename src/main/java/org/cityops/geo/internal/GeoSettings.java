package org.cityops.geo.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the geo read API.
 *
 * @param maxPageSize       the largest page a list endpoint returns
 * @param maxExportFeatures the most features one GeoJSON export returns; a larger area must be
 *                          exported by smaller parents
 */
@ConfigurationProperties("cityops.geo")
record GeoSettings(@DefaultValue("1000") int maxPageSize, @DefaultValue("20000") int maxExportFeatures) {
}
