package org.cityops.catalog.internal;

/** Published inside an import's transaction; the in-memory catalog reloads once it commits. */
record CatalogImported(int mainClasses, int subclasses) {
}
