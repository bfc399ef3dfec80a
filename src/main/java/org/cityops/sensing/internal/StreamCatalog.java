package org.cityops.sensing.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.locationtech.jts.geom.Envelope;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * What the ingest path needs to know about (multi-)datastreams and features of interest, read
 * once from the database and kept in memory, so validating an observation does no SELECT.
 * {@link StaWrites} empties it after any committed change that is not an Observation.
 */
@Component
class StreamCatalog {

    /**
     * A datastream or multi-datastream as the ingest path checks observations against it.
     *
     * @param type            {@link EntityType#DATASTREAM} or {@link EntityType#MULTI_DATASTREAM}
     * @param id              its {@code @iot.id}
     * @param observationType the observation type results must fit
     * @param dataTypes       a multi-datastream's {@code multiObservationDataTypes}, {@code null} for a datastream
     */
    record Stream(EntityType type, long id, String observationType, JsonNode dataTypes) {
    }

    /**
     * A feature of interest known to exist.
     *
     * @param id  its {@code @iot.id}
     * @param box the bounding box of its GeoJSON feature, {@code null} when it has none
     */
    record Feature(long id, Envelope box) {
    }

    private record Key(EntityType type, long id) {
    }

    private final StaStore store;
    private final Map<Key, Stream> streams = new ConcurrentHashMap<>();
    private final Map<Long, Feature> features = new ConcurrentHashMap<>();
    private final Map<Key, Long> generated = new ConcurrentHashMap<>();
    private final Map<Key, Envelope> coveredAreas = new ConcurrentHashMap<>();
    // a load that raced with forget() must not put what it read before the change
    private final AtomicLong generation = new AtomicLong();

    StreamCatalog(StaStore store) {
        this.store = store;
    }

    /** Forgets everything cached (a Datastream, Thing, Location, FeatureOfInterest or the like changed). */
    void forget() {
        generation.incrementAndGet();
        streams.clear();
        features.clear();
        generated.clear();
        coveredAreas.clear();
    }

    /** Returns the (multi-)datastream, read once and cached; empty when it does not exist. */
    Optional<Stream> stream(EntityType type, long id) {
        return stream(type, id, false);
    }

    /**
     * Returns the (multi-)datastream as {@link #stream(EntityType, long)} does; with {@code cachedOnly}
     * from memory alone, throwing {@link NotCached} when it would have to read the database.
     */
    Optional<Stream> stream(EntityType type, long id, boolean cachedOnly) {
        Key key = new Key(type, id);
        Stream cached = streams.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (cachedOnly) {
            throw NotCached.INSTANCE;
        }
        long seen = generation.get();
        Optional<Stream> found = store.find(type, id).map(e -> new Stream(type, id,
                (String) e.values().get("observationType"),
                type == EntityType.MULTI_DATASTREAM ? (JsonNode) e.values().get("multiObservationDataTypes") : null));
        found.ifPresent(s -> keep(seen, () -> streams.put(key, s)));
        return found;
    }

    /** Returns the feature of interest, read once and cached; empty when it does not exist. */
    Optional<Feature> feature(long id) {
        return feature(id, false);
    }

    /** Returns the feature of interest; with {@code cachedOnly} from memory alone, else {@link NotCached}. */
    Optional<Feature> feature(long id, boolean cachedOnly) {
        Feature cached = features.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (cachedOnly) {
            throw NotCached.INSTANCE;
        }
        long seen = generation.get();
        Optional<Feature> found = store.find(EntityType.FEATURE_OF_INTEREST, id).map(e -> new Feature(id,
                box((JsonNode) e.values().get("feature"))));
        found.ifPresent(f -> keep(seen, () -> features.put(id, f)));
        return found;
    }

    /** Returns the feature generated for the stream's Thing remembered earlier, if any. */
    Optional<Long> generatedFeature(EntityType type, long streamId) {
        return Optional.ofNullable(generated.get(new Key(type, streamId)));
    }

    /** Remembers the feature generated from the Location of the stream's Thing. */
    void rememberGeneratedFeature(EntityType type, long streamId, long featureId, long generationSeen) {
        keep(generationSeen, () -> generated.put(new Key(type, streamId), featureId));
    }

    /** Returns the box the stream's stored observedArea is known to cover, if known. */
    Optional<Envelope> coveredArea(EntityType type, long streamId) {
        return Optional.ofNullable(coveredAreas.get(new Key(type, streamId)));
    }

    /** Remembers, after the commit that stored it, the box a stream's observedArea covers. */
    void rememberCoveredArea(EntityType type, long streamId, Envelope box, long generationSeen) {
        keep(generationSeen, () -> coveredAreas.put(new Key(type, streamId), box));
    }

    /** Returns the current generation, to be handed back when remembering what was read after it. */
    long generation() {
        return generation.get();
    }

    private void keep(long seen, Runnable put) {
        if (generation.get() == seen) {
            put.run();
            if (generation.get() != seen) {
                // forget() ran meanwhile: what was put may be stale
                forget();
            }
        }
    }

    private static Envelope box(JsonNode feature) {
        if (feature == null || feature.isNull()) {
            return null;
        }
        try {
            return GeoJson.geometry(feature).getEnvelopeInternal();
        } catch (IllegalArgumentException e) {
            // a feature in another encoding has no extent to add to an observedArea
            return null;
        }
    }
}
