package org.cityops.geo.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.cityops.geo.Division;
import org.cityops.geo.Divisions;
import org.springframework.stereotype.Component;

/** Reads the administrative tree from the database; a code that is not stored has an empty path. */
@Component
class StoredDivisions implements Divisions {

    private final GeoStore store;

    StoredDivisions(GeoStore store) {
        this.store = store;
    }

    @Override
    public Optional<Division> find(String code) {
        return code == null ? Optional.empty() : store.division(code).map(GeoStore.DivisionRow::division);
    }

    @Override
    public Optional<Division> findActive(String code) {
        return code == null ? Optional.empty()
                : store.division(code).filter(GeoStore.DivisionRow::active).map(GeoStore.DivisionRow::division);
    }

    @Override
    public List<Division> pathToRoot(String code) {
        List<Division> path = new ArrayList<>();
        Optional<Division> next = find(code);
        // The import forbids cycles (a parent is always one level up), the bound guards stored data anyway.
        while (next.isPresent() && path.size() < 4) {
            path.add(next.get());
            next = find(next.get().parentCode());
        }
        return List.copyOf(path);
    }
}
