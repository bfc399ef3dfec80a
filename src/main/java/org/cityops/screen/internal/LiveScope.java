package org.cityops.screen.internal;

import java.util.HashSet;
import java.util.Set;

import org.cityops.geo.GridLocation;
import org.cityops.platform.Actor;

/**
 * Who may see one live event, mirroring how cases are scoped: department handlers see events of
 * their department, unrestricted roles see all, region-scoped roles see events whose place lies in
 * their division (any level from grid to city).
 *
 * @param regions     the codes of the grid and every division containing the event's place (empty: no place)
 * @param departments the departments the event belongs to (empty: none)
 */
record LiveScope(Set<String> regions, Set<Long> departments) {

    LiveScope {
        regions = Set.copyOf(regions);
        departments = Set.copyOf(departments);
    }

    /** Returns the scope of an event at a place (may be {@code null}) belonging to departments (nulls ignored). */
    static LiveScope of(GridLocation location, Long... departments) {
        Set<String> regions = new HashSet<>();
        if (location != null) {
            for (String code : new String[] {location.gridCode(), location.communityCode(), location.streetCode(),
                    location.districtCode(), location.cityCode()}) {
                if (code != null) {
                    regions.add(code);
                }
            }
        }
        Set<Long> owners = new HashSet<>();
        for (Long d : departments) {
            if (d != null) {
                owners.add(d);
            }
        }
        return new LiveScope(regions, owners);
    }

    /** Returns whether the actor may see an event of this scope. */
    boolean visibleTo(Actor actor) {
        if (actor.role().departmentScoped()) {
            return departments.contains(actor.departmentId());
        }
        if (actor.unrestricted()) {
            return true;
        }
        return regions.contains(actor.regionCode());
    }
}
