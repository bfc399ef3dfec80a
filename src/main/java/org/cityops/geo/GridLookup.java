package org.cityops.geo;

import java.util.Optional;

/** Finds the unit grid containing a point, in memory, refreshed whenever grids are imported. */
public interface GridLookup {

    /**
     * Returns the grid and its divisions containing the WGS 84 point, or empty when the
     * point lies outside every unit grid.
     */
    Optional<GridLocation> locate(double longitude, double latitude);
}
