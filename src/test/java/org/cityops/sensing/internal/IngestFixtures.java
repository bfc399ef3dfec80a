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
}
