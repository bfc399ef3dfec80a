package org.cityops.catalog;

import java.util.List;
import java.util.Optional;

/** Reads the city's category catalog. */
public interface CategoryCatalog {

    /**
     * Returns the subclass with the code, if the catalog has it, including a deactivated one (cases
     * filed under it still need its limits).
     */
    Optional<Subclass> subclass(String code);

    /**
     * Returns the subclass with the code only if it is active, i.e. new cases may be filed under it.
     * The default treats every subclass as active, for simple catalogs (test fakes) without a flag.
     */
    default Optional<Subclass> activeSubclass(String code) {
        return subclass(code);
    }

    /** Returns every subclass, active or not, ordered by code. */
    List<Subclass> subclasses();
}
