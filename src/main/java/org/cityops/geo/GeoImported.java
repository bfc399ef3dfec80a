package org.cityops.geo;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Published when a GeoJSON import has been committed: how many features of each kind
 * (city, district, street, community, grid, duty_grid) were created or updated.
 *
 * @param counts     features written per kind, in import order
 * @param created    features that did not exist before
 * @param updated    features that existed and were overwritten
 * @param importedAt when the import ran
 */
public record GeoImported(Map<String, Integer> counts, int created, int updated, Instant importedAt) {

    public GeoImported {
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }
}
