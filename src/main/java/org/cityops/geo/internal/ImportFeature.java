package org.cityops.geo.internal;

import java.util.List;

import org.locationtech.jts.geom.Geometry;

/**
 * One feature of a GeoJSON import, read and individually checked.
 *
 * @param index     position in the file's {@code features} array
 * @param kind      what it is
 * @param code      its code
 * @param name      its name
 * @param parent    its parent's code: district → city, street → district, community → street,
 *                  grid → community, duty grid → street; {@code null} for the city
 * @param geometry  its boundary; {@code null} only for a duty grid without one
 * @param grids     the unit grids of a duty grid, empty for other kinds
 * @param inspector the inspector of a duty grid, {@code null} when unassigned or another kind
 * @param active    {@code false} deactivates an existing feature
 */
record ImportFeature(int index, FeatureKind kind, String code, String name, String parent, Geometry geometry,
                     List<String> grids, String inspector, boolean active) {

    ImportFeature {
        grids = List.copyOf(grids);
    }

    /** Returns how errors name this feature: its index and code. */
    String label() {
        return "features[" + index + "]";
    }
}
