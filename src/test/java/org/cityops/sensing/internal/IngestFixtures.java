package org.cityops.sensing.internal;

import java.util.UUID;

/** Entities the ingest tests write observations to. */
final class IngestFixtures {

    private IngestFixtures() {
    }

    /**
     * Creates a Thing with a Location (so observations get the feature generated from it) and one
     * {@code OM_Measurement} Datastream, named {@code prefix} and a random suffix; returns the
     * Datastream's id.
     */
    static long newDatastream(StaWrites writes, StaStore store, String prefix) {
        long thing = writes.create(EntityType.THING, StaStore.JSON.readTree("""
                {"name": "%s", "description": "t",
                 "Locations": [{"name": "l", "description": "l", "encodingType": "application/geo+json",
                                "location": {"type": "Point", "coordinates": [121.47, 31.23]}}],
                 "Datastreams": [{"name": "d", "description": "d", "unitOfMeasurement": {"name": "m"},
                   "observationType": "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement",
                   "Sensor": {"name": "s", "description": "s", "encodingType": "text/plain", "metadata": "m"},
                   "ObservedProperty": {"name": "p", "definition": "http://example.org/p", "description": "p"}}]}
                """.formatted(prefix + "-" + UUID.randomUUID())), null);
        return store.idsWhere("sta_datastream", "id", "thing_id", thing).get(0);
    }

    static final String OM = "http://www.opengis.net/def/observationType/OGC-OM/2.0/";

    /** Creates a Thing with a Location, named {@code prefix} and a random suffix; returns its id. */
    static long thing(StaWrites writes, String prefix) {
        return writes.create(EntityType.THING, StaStore.JSON.readTree("""
                {"name": "%s-%s", "description": "t",
                 "Locations": [{"name": "l", "description": "l", "encodingType": "application/geo+json",
                                "location": {"type": "Point", "coordinates": [121.47, 31.23]}}]}
                """.formatted(prefix, UUID.randomUUID())), null);
    }

    /** Creates a Datastream of the Thing with the O&amp;M observation type ({@code OM_Measurement} and the like). */
    static long datastream(StaWrites writes, long thing, String observationType) {
        return writes.create(EntityType.DATASTREAM, StaStore.JSON.readTree("""
                {"name": "d", "description": "d", "unitOfMeasurement": {"name": "m"}, "observationType": "%s",
                 "Thing": {"@iot.id": %d},
                 "Sensor": {"name": "s", "description": "s", "encodingType": "text/plain", "metadata": "m"},
                 "ObservedProperty": {"name": "p", "definition": "http://example.org/p", "description": "p"}}
                """.formatted(OM + observationType, thing)), null);
    }

    /** Creates a MultiDatastream of the Thing with two measurements (wind speed and direction). */
    static long multiDatastream(StaWrites writes, long thing) {
        return writes.create(EntityType.MULTI_DATASTREAM, StaStore.JSON.readTree("""
                {"name": "wind", "description": "w", "observationType": "%sOM_ComplexObservation",
                 "multiObservationDataTypes": ["%sOM_Measurement", "%sOM_Measurement"],
                 "unitOfMeasurements": [{"name": "m/s"}, {"name": "degree"}], "Thing": {"@iot.id": %d},
                 "Sensor": {"name": "s", "description": "s", "encodingType": "text/plain", "metadata": "m"},
                 "ObservedProperties": [{"name": "speed", "definition": "d", "description": "d"},
                                        {"name": "direction", "definition": "d", "description": "d"}]}
                """.formatted(OM, OM, OM, thing)), null);
    }
}
