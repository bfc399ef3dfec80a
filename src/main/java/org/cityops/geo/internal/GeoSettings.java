package org.cityops.geo.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the geo read API, and how often the lookup index looks for imports made by other nodes.
 *
 * @param maxPageSize       the largest page a list endpoint returns
 * @param maxExportFeatures the most features one GeoJSON export returns; a larger area must be
 *                          exported by smaller parents
 * @param indexCheck        how often the lookup index reads the model's revision and rebuilds when
 *                          another node imported; the importing node rebuilds at once
 */
@ConfigurationProperties("cityops.geo")
record GeoSettings(@DefaultValue("1000") int maxPageSize, @DefaultValue("20000") int maxExportFeatures,
                   @DefaultValue("30s") Duration indexCheck) {
}
