package org.cityops.catalog;

import java.util.List;
import java.util.Optional;

/** Reads the city's category catalog. */
public interface CategoryCatalog {

    /** Returns the subclass with the code, if the catalog has it. */
    Optional<Subclass> subclass(String code);

    /** Returns every subclass, ordered by code. */
    List<Subclass> subclasses();
}
