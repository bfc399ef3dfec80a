package org.cityops.geo;

import java.util.List;
import java.util.Optional;

/** Reads the administrative tree. */
public interface Divisions {

    /** Returns the division with the code, if it exists. */
    Optional<Division> find(String code);

    /** Returns the division with the code if it exists and is active, i.e. new records may refer to it. */
    Optional<Division> findActive(String code);

    /** Returns the division and its ancestors, nearest first, ending at the city. */
    List<Division> pathToRoot(String code);
}
