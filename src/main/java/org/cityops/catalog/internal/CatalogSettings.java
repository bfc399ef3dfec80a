package org.cityops.catalog.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Catalog settings ({@code cityops.catalog.*}).
 *
 * @param defaultCatalog resource imported on start when the catalog has no subclass yet
 * @param check          how often the stored catalog's revision is read, so that an import made
 *                       on another node sharing the database is taken up (this node's own imports
 *                       apply at their commit)
 */
@ConfigurationProperties("cityops.catalog")
record CatalogSettings(@DefaultValue("classpath:catalog/default-catalog.yaml") String defaultCatalog,
                       @DefaultValue("30s") Duration check) {
}
