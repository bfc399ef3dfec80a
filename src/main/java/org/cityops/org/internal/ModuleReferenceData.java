package org.cityops.org.internal;

import java.util.Optional;

import org.cityops.catalog.CategoryCatalog;
import org.cityops.geo.Division;
import org.cityops.geo.DivisionLevel;
import org.cityops.geo.Divisions;
import org.cityops.geo.GridLookup;
import org.springframework.stereotype.Component;

/** Answers {@link ReferenceData} from the geo module's city model and the catalog module's categories. */
@Component
class ModuleReferenceData implements ReferenceData {

    private final Divisions divisions;
    private final GridLookup grids;
    private final CategoryCatalog catalog;

    ModuleReferenceData(Divisions divisions, GridLookup grids, CategoryCatalog catalog) {
        this.divisions = divisions;
        this.grids = grids;
        this.catalog = catalog;
    }

    @Override
    public Optional<DivisionLevel> activeDivision(String code) {
        return divisions.findActive(code).map(Division::level);
    }

    @Override
    public boolean activeGrid(String code) {
        return grids.grid(code).isPresent();
    }

    @Override
    public boolean activeCategory(String code) {
        if (Codes.isSubclass(code)) {
            return catalog.activeSubclass(code).isPresent();
        }
        return Codes.isMainClass(code) && catalog.hasActiveMainClass(code);
    }
}
