package org.cityops.sensing.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SensorThings entity types with their properties, how each is stored, and their
 * navigation properties (relations) exactly as Part 1 of the standard names them.
 */
enum EntityType {
    THING("Thing", "Things", "sta_thing"),
    LOCATION("Location", "Locations", "sta_location"),
    HISTORICAL_LOCATION("HistoricalLocation", "HistoricalLocations", "sta_historical_location"),
    DATASTREAM("Datastream", "Datastreams", "sta_datastream"),
    MULTI_DATASTREAM("MultiDatastream", "MultiDatastreams", "sta_multi_datastream"),
    SENSOR("Sensor", "Sensors", "sta_sensor"),
    OBSERVED_PROPERTY("ObservedProperty", "ObservedProperties", "sta_observed_property"),
    OBSERVATION("Observation", "Observations", "sta_observation"),
    FEATURE_OF_INTEREST("FeatureOfInterest", "FeaturesOfInterest", "sta_feature_of_interest");

    /** How a property is represented in JSON and stored. */
    enum Kind {
        /** A JSON string, stored as text. */
        TEXT,
        /** Any JSON value, stored as its JSON text. */
        JSON,
        /** An ISO 8601 instant. */
        INSTANT,
        /** An ISO 8601 instant or interval ({@code start/end}), stored as two columns. */
        TIME,
    }

    /**
     * One property of an entity type.
     *
     * @param name      the name in JSON
     * @param column    the column (for {@link Kind#TIME} the prefix of {@code _start}/{@code _end})
     * @param kind      representation
     * @param required  whether a create must supply it
     * @param readOnly  whether the server computes it (clients may not write it)
     * @param since11   whether the property exists only from v1.1 on
     */
    record Property(String name, String column, Kind kind, boolean required, boolean readOnly, boolean since11) {
    }

    /** How a relation is stored. */
    enum Storage {
        /** A foreign key column on this entity's table. */
        OWN_COLUMN,
        /** A foreign key column on the target's table pointing back here. */
        TARGET_COLUMN,
        /** A link table with one column for each side. */
        LINK_TABLE,
    }

    /**
     * A navigation property.
     *
     * @param name         the name in JSON and in paths
     * @param targetName   the target entity type's singular name
     * @param toMany       whether it leads to a collection
     * @param storage      how it is stored
     * @param column       the foreign key column (own or target), or the link table's column for this side
     * @param linkTable    the link table, or {@code null}
     * @param linkColumn   the link table's column for the target side, or {@code null}
     * @param required     whether a create must link it
     */
    record Navigation(String name, String targetName, boolean toMany, Storage storage, String column,
                      String linkTable, String linkColumn, boolean required) {

        /** Returns the type this relation leads to. */
        EntityType target() {
            return EntityType.bySingular(targetName).orElseThrow();
        }
    }

    private final String singular;
    private final String plural;
    private final String table;

    EntityType(String singular, String plural, String table) {
        this.singular = singular;
        this.plural = plural;
        this.table = table;
    }

    /** Returns the singular name ({@code Thing}). */
    String singular() {
        return singular;
    }

    /** Returns the entity set name ({@code Things}). */
    String plural() {
        return plural;
    }

    /** Returns the table holding the entities. */
    String table() {
        return table;
    }

    /** Returns the properties in the order the standard lists them. */
    List<Property> properties() {
        return Model.PROPERTIES.get(this);
    }

    /** Returns the navigation properties. */
    List<Navigation> navigations() {
        return Model.NAVIGATIONS.get(this);
    }

    /** Returns the property with the JSON name, if this type has it. */
    Optional<Property> property(String name) {
        return properties().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Returns the navigation property with the name, if this type has it. */
    Optional<Navigation> navigation(String name) {
        return navigations().stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** Returns the type whose entity set has the name. */
    static Optional<EntityType> byPlural(String plural) {
        return Arrays.stream(values()).filter(t -> t.plural.equals(plural)).findFirst();
    }

    /** Returns the type with the singular name. */
    static Optional<EntityType> bySingular(String singular) {
        return Arrays.stream(values()).filter(t -> t.singular.equals(singular)).findFirst();
    }

    /** The tables of properties and relations, kept apart so the enum constants stay readable. */
    private static final class Model {
        static final Map<EntityType, List<Property>> PROPERTIES = new LinkedHashMap<>();
        static final Map<EntityType, List<Navigation>> NAVIGATIONS = new LinkedHashMap<>();

        private static Property req(String name, String column, Kind kind) {
            return new Property(name, column, kind, true, false, false);
        }

        private static Property opt(String name, String column, Kind kind) {
            return new Property(name, column, kind, false, false, false);
        }

        private static Property ro(String name, String column, Kind kind) {
            return new Property(name, column, kind, false, true, false);
        }

        private static Property props11() {
            return new Property("properties", "properties", Kind.JSON, false, false, true);
        }

        private static Navigation own(String name, String target, String column, boolean required) {
            return new Navigation(name, target, false, Storage.OWN_COLUMN, column, null, null, required);
        }

        private static Navigation back(String name, String target, String column) {
            return new Navigation(name, target, true, Storage.TARGET_COLUMN, column, null, null, false);
        }

        private static Navigation link(String name, String target, String table, String column, String linkColumn,
                                       boolean required) {
            return new Navigation(name, target, true, Storage.LINK_TABLE, column, table, linkColumn, required);
        }

        static {
            PROPERTIES.put(THING, List.of(req("name", "name", Kind.TEXT), opt("description", "description", Kind.TEXT),
                    opt("properties", "properties", Kind.JSON)));
            NAVIGATIONS.put(THING, List.of(
                    link("Locations", "Location", "sta_thing_location", "thing_id", "location_id", false),
                    back("HistoricalLocations", "HistoricalLocation", "thing_id"),
                    back("Datastreams", "Datastream", "thing_id"),
                    back("MultiDatastreams", "MultiDatastream", "thing_id")));

            PROPERTIES.put(LOCATION, List.of(req("name", "name", Kind.TEXT), opt("description", "description", Kind.TEXT),
                    req("encodingType", "encoding_type", Kind.TEXT), req("location", "location", Kind.JSON), props11()));
            NAVIGATIONS.put(LOCATION, List.of(
                    link("Things", "Thing", "sta_thing_location", "location_id", "thing_id", false),
                    link("HistoricalLocations", "HistoricalLocation", "sta_location_historical_location",
                            "location_id", "historical_location_id", false)));

            PROPERTIES.put(HISTORICAL_LOCATION, List.of(req("time", "location_time", Kind.INSTANT)));
            NAVIGATIONS.put(HISTORICAL_LOCATION, List.of(
                    own("Thing", "Thing", "thing_id", true),
                    link("Locations", "Location", "sta_location_historical_location", "historical_location_id",
                            "location_id", false)));

            PROPERTIES.put(DATASTREAM, List.of(req("name", "name", Kind.TEXT), opt("description", "description", Kind.TEXT),
                    req("unitOfMeasurement", "unit_of_measurement", Kind.JSON),
                    req("observationType", "observation_type", Kind.TEXT),
                    opt("observedArea", "observed_area", Kind.JSON),
                    ro("phenomenonTime", "phenomenon_time", Kind.TIME), ro("resultTime", "result_time", Kind.TIME),
                    props11()));
            NAVIGATIONS.put(DATASTREAM, List.of(
                    own("Thing", "Thing", "thing_id", true),
                    own("Sensor", "Sensor", "sensor_id", true),
                    own("ObservedProperty", "ObservedProperty", "observed_property_id", true),
                    back("Observations", "Observation", "datastream_id")));

            PROPERTIES.put(MULTI_DATASTREAM, List.of(req("name", "name", Kind.TEXT),
                    opt("description", "description", Kind.TEXT),
                    req("unitOfMeasurements", "unit_of_measurements", Kind.JSON),
                    req("observationType", "observation_type", Kind.TEXT),
                    req("multiObservationDataTypes", "multi_observation_data_types", Kind.JSON),
                    opt("observedArea", "observed_area", Kind.JSON),
                    ro("phenomenonTime", "phenomenon_time", Kind.TIME), ro("resultTime", "result_time", Kind.TIME),
                    props11()));
            NAVIGATIONS.put(MULTI_DATASTREAM, List.of(
                    own("Thing", "Thing", "thing_id", true),
                    own("Sensor", "Sensor", "sensor_id", true),
                    link("ObservedProperties", "ObservedProperty", "sta_multi_datastream_observed_property",
                            "multi_datastream_id", "observed_property_id", true),
                    back("Observations", "Observation", "multi_datastream_id")));

            PROPERTIES.put(SENSOR, List.of(req("name", "name", Kind.TEXT), opt("description", "description", Kind.TEXT),
                    req("encodingType", "encoding_type", Kind.TEXT), req("metadata", "metadata", Kind.JSON), props11()));
            NAVIGATIONS.put(SENSOR, List.of(back("Datastreams", "Datastream", "sensor_id"),
                    back("MultiDatastreams", "MultiDatastream", "sensor_id")));

            PROPERTIES.put(OBSERVED_PROPERTY, List.of(req("name", "name", Kind.TEXT),
                    req("definition", "definition", Kind.TEXT), opt("description", "description", Kind.TEXT), props11()));
            NAVIGATIONS.put(OBSERVED_PROPERTY, List.of(back("Datastreams", "Datastream", "observed_property_id"),
                    link("MultiDatastreams", "MultiDatastream", "sta_multi_datastream_observed_property",
                            "observed_property_id", "multi_datastream_id", false)));

            PROPERTIES.put(OBSERVATION, List.of(opt("phenomenonTime", "phenomenon_time", Kind.TIME),
                    opt("resultTime", "result_time", Kind.INSTANT), req("result", "result", Kind.JSON),
                    opt("resultQuality", "result_quality", Kind.JSON), opt("validTime", "valid_time", Kind.TIME),
                    opt("parameters", "parameters", Kind.JSON)));
            NAVIGATIONS.put(OBSERVATION, List.of(
                    own("Datastream", "Datastream", "datastream_id", false),
                    own("MultiDatastream", "MultiDatastream", "multi_datastream_id", false),
                    own("FeatureOfInterest", "FeatureOfInterest", "feature_of_interest_id", false)));

            PROPERTIES.put(FEATURE_OF_INTEREST, List.of(req("name", "name", Kind.TEXT),
                    opt("description", "description", Kind.TEXT), req("encodingType", "encoding_type", Kind.TEXT),
                    req("feature", "feature", Kind.JSON), props11()));
            NAVIGATIONS.put(FEATURE_OF_INTEREST, List.of(back("Observations", "Observation", "feature_of_interest_id")));
        }
    }
}
