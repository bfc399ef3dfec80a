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

    /**
     * Returns whether the catalog has an active main class with the code (e.g. {@code C01}). The
     * default treats a main class as present and active when some subclass belongs to it, for simple
     * catalogs (test fakes) without main classes of their own.
     */
    default boolean hasActiveMainClass(String code) {
        return code != null && subclasses().stream().anyMatch(s -> code.equals(s.mainClassCode()));
    }
}
