package org.cityops.geo.internal;

import java.util.Optional;

import org.cityops.geo.DivisionLevel;

/** What an imported feature is, in the order an import writes them (parents first). */
enum FeatureKind {
    CITY("city"), DISTRICT("district"), STREET("street"), COMMUNITY("community"), GRID("grid"), DUTY_GRID("duty_grid");

    private final String property;

    FeatureKind(String property) {
        this.property = property;
    }

    /** Returns the value of the {@code kind} property that names this kind in GeoJSON. */
    String property() {
        return property;
    }

    /** Returns the kind named by a {@code kind} property value, if any. */
    static Optional<FeatureKind> fromProperty(String value) {
        for (FeatureKind kind : values()) {
            if (kind.property.equals(value)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** Returns the kind of a division of the level. */
    static FeatureKind of(DivisionLevel level) {
        return switch (level) {
            case CITY -> CITY;
            case DISTRICT -> DISTRICT;
            case STREET -> STREET;
            case COMMUNITY -> COMMUNITY;
        };
    }

    /** Returns the division level of this kind, empty for grids. */
    Optional<DivisionLevel> level() {
        return switch (this) {
            case CITY -> Optional.of(DivisionLevel.CITY);
            case DISTRICT -> Optional.of(DivisionLevel.DISTRICT);
            case STREET -> Optional.of(DivisionLevel.STREET);
            case COMMUNITY -> Optional.of(DivisionLevel.COMMUNITY);
            case GRID, DUTY_GRID -> Optional.empty();
        };
    }

    /** Returns the kind the parent of a feature of this kind must have, empty for the city. */
    Optional<FeatureKind> parentKind() {
        return switch (this) {
            case CITY -> Optional.empty();
            case DISTRICT -> Optional.of(CITY);
            case STREET -> Optional.of(DISTRICT);
            case COMMUNITY, DUTY_GRID -> Optional.of(STREET);
            case GRID -> Optional.of(COMMUNITY);
        };
    }
}
