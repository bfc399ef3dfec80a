package org.cityops.rules.internal;

import java.util.List;

import org.cityops.geo.GridLocation;
import org.cityops.sensing.SensedObservation;

/**
 * What a rule (or a correlation input) watches: datastreams of an observed property (by name or
 * definition URI), optionally narrowed to a thing type, a region (any division code), a unit grid
 * and an owning department. Unset members match everything.
 *
 * @param observedProperty   the ObservedProperty's name
 * @param propertyDefinition the ObservedProperty's definition URI
 * @param thingType          the Thing's {@code cityops:type}
 * @param region             a division code (city, district, street or community) the Thing must lie in
 * @param grid               the unit grid code the Thing must lie in
 * @param departmentId       the owning department of the Thing
 * @param tags               tags the Thing must all carry ({@code cityops:tags}); {@code null} matches any Thing
 */
record Watch(String observedProperty, String propertyDefinition, String thingType, String region, String grid,
             Long departmentId, List<String> tags) {

    /** Creates a watch that does not look at tags. */
    Watch(String observedProperty, String propertyDefinition, String thingType, String region, String grid,
          Long departmentId) {
        this(observedProperty, propertyDefinition, thingType, region, grid, departmentId, null);
    }

    /** Returns whether the observation comes from a datastream this watch covers. */
    boolean matches(SensedObservation o) {
        if (observedProperty != null && !observedProperty.equals(o.observedProperty())) {
            return false;
        }
        if (propertyDefinition != null && !propertyDefinition.equals(o.propertyDefinition())) {
            return false;
        }
        if (thingType != null && !thingType.equals(o.thingType())) {
            return false;
        }
        if (departmentId != null && !departmentId.equals(o.departmentId())) {
            return false;
        }
        if (tags != null && !o.tags().containsAll(tags)) {
            return false;
        }
        GridLocation l = o.location();
        if (grid != null && (l == null || !grid.equals(l.gridCode()))) {
            return false;
        }
        return region == null || (l != null && (region.equals(l.gridCode()) || region.equals(l.communityCode())
                || region.equals(l.streetCode()) || region.equals(l.districtCode()) || region.equals(l.cityCode())));
    }
}
