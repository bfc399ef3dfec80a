package org.cityops.catalog.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Catalog settings ({@code cityops.catalog.*}).
 *
 * @param defaultCatalog resource imported on start when the catalog has no subclass yet
 */
@ConfigurationProperties("cityops.catalog")
record CatalogSettings(@DefaultValue("classpath:catalog/default-catalog.yaml") String defaultCatalog) {
}
