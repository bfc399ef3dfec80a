package org.cityops.geo;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Finds unit grids: the one containing a point in memory (refreshed whenever grids are imported),
 * or one by its code from the stored city model.
 */
public interface GridLookup {

    /**
     * Returns the grid and its divisions containing the WGS 84 point, or empty when the
     * point lies outside every unit grid.
     */
    Optional<GridLocation> locate(double longitude, double latitude);

    /**
     * Returns the active unit grid with the code and its divisions, read from the stored city model,
     * or empty when no such grid exists, it is deactivated or its divisions are incomplete.
     */
    Optional<GridLocation> grid(String gridCode);

    /**
     * Returns the names of the unit grids with these codes (active or not), by code; unknown codes
     * are absent. For figures that list grids by name.
     */
    Map<String, String> gridNames(Collection<String> gridCodes);
}
