package org.cityops.catalog.internal;

import org.cityops.catalog.Subclass;

/** A subclass with its active flag, as the catalog stores and lists it. */
record CatalogEntry(Subclass subclass, boolean active) {

    String code() {
        return subclass.code();
    }
}
