package org.cityops.org.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.cityops.geo.DivisionLevel;

/**
 * What the organisation's rules need to know about codes other modules own: whether a division
 * or unit grid is in force and at which level, and whether the catalog has a category. Plain
 * Java, so {@link OrgRules} stays free of Spring and is tested with a map.
 */
interface ReferenceData {

    /** Returns the level of the active division with the code, or empty when there is none. */
    Optional<DivisionLevel> activeDivision(String code);

    /** Returns whether an active unit grid has the code. */
    boolean activeGrid(String code);

    /** Returns whether the catalog has an active subclass ({@code C0101}) or main class ({@code C01}) with the code. */
    boolean activeCategory(String code);

    /**
     * Returns a view that asks this one once per code, for checking a whole import whose rows
     * mostly repeat the same regions and categories.
     */
    default ReferenceData remembering() {
        ReferenceData source = this;
        Map<String, Optional<DivisionLevel>> divisions = new HashMap<>();
        Map<String, Boolean> grids = new HashMap<>();
        Map<String, Boolean> categories = new HashMap<>();
        return new ReferenceData() {
            @Override
            public Optional<DivisionLevel> activeDivision(String code) {
                return divisions.computeIfAbsent(code, source::activeDivision);
            }

            @Override
            public boolean activeGrid(String code) {
                return grids.computeIfAbsent(code, source::activeGrid);
            }

            @Override
            public boolean activeCategory(String code) {
                return categories.computeIfAbsent(code, source::activeCategory);
            }
        };
    }
}
