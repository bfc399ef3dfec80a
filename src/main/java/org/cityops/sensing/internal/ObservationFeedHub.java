package org.cityops.sensing.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.cityops.geo.GridLocation;
import org.cityops.geo.GridLookup;
import org.cityops.sensing.ObservationFeed;
import org.cityops.sensing.SensedObservation;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Delivers committed observations to the {@link ObservationFeed} listeners, each with its
 * datastream's context (Thing, type, department, grid, observed property) from a cache that
 * any change to Things, Locations, Datastreams or ObservedProperties empties.
 */
@Component
class ObservationFeedHub implements ObservationFeed {

    private static final Logger log = LoggerFactory.getLogger(ObservationFeedHub.class);

    /** What the city knows about a datastream, looked up once per datastream. */
    record StreamContext(long datastreamId, long thingId, String thingType, Long departmentId, GridLocation location,
                         String observedProperty, String propertyDefinition, List<String> tags) {
    }

    private final StaStore store;
    private final GridLookup grids;
    private final ObjectMapper json;
    private final List<Consumer<List<SensedObservation>>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<List<Entity>>> entityListeners = new CopyOnWriteArrayList<>();
    private final Map<Long, StreamContext> contexts = new ConcurrentHashMap<>();
    private final Map<Long, StreamContext> multiContexts = new ConcurrentHashMap<>();

    ObservationFeedHub(StaStore store, GridLookup grids, ObjectMapper json) {
        this.store = store;
        this.grids = grids;
        this.json = json;
    }

    @Override
    public void subscribe(Consumer<List<SensedObservation>> listener) {
        listeners.add(listener);
    }

    /** Forgets every cached datastream context (a Thing, Location, Datastream or ObservedProperty changed). */
    void forgetContexts() {
        contexts.clear();
        multiContexts.clear();
    }

    /**
     * Returns a MultiDatastream's context (its Thing's type, department and place; no single observed
     * property), looked up once and cached; empty when the MultiDatastream is gone.
     */
    Optional<StreamContext> multiContext(long multiDatastreamId) {
        StreamContext c = multiContexts.get(multiDatastreamId);
        if (c != null) {
            return Optional.of(c);
        }
        Optional<StreamContext> found = store.find(EntityType.MULTI_DATASTREAM, multiDatastreamId).map(m -> {
            long thingId = m.links().get("Thing");
            JsonNode p = store.find(EntityType.THING, thingId).map(t -> (JsonNode) t.values().get("properties"))
                    .orElse(null);
            String type = p != null && p.path(SensorDirectory.TYPE).isString() ? p.get(SensorDirectory.TYPE).asString() : null;
            Long department = p != null && p.path(SensorDirectory.DEPARTMENT).isIntegralNumber()
                    ? p.get(SensorDirectory.DEPARTMENT).asLong() : null;
            return new StreamContext(multiDatastreamId, thingId, type, department, where(thingId).orElse(null), null, null,
                    tags(p));
        });
        found.ifPresent(x -> multiContexts.put(multiDatastreamId, x));
        return found;
    }

    /**
     * Registers an in-module listener for every committed Observation entity, of Datastreams and
     * MultiDatastreams alike (the public feed carries single-value datastreams only). It runs on the
     * committing thread, so it must be quick.
     */
    void subscribeEntities(Consumer<List<Entity>> listener) {
        entityListeners.add(listener);
    }

    /** Hands committed observations to the entity listeners, then (those of single-value datastreams) to the feed's. */
    void publish(List<Entity> observations) {
        if (observations.isEmpty()) {
            return;
        }
        for (Consumer<List<Entity>> l : entityListeners) {
            try {
                l.accept(observations);
            } catch (RuntimeException e) {
                log.warn("observation listener {} failed; the observations are stored and other listeners ran", l, e);
            }
        }
        if (listeners.isEmpty()) {
            return;
        }
        List<SensedObservation> batch = new ArrayList<>(observations.size());
        for (Entity o : observations) {
            Long stream = o.links().get("Datastream");
            if (stream == null) {
                continue;
            }
            Optional<StreamContext> c = context(stream);
            if (c.isEmpty()) {
                continue;
            }
            TimeValue time = (TimeValue) o.values().get("phenomenonTime");
            Instant at = time == null ? null : time.end() != null ? time.end() : time.start();
            batch.add(sensed(o.id(), c.get(), at, (JsonNode) o.values().get("result")));
        }
        publishSensed(batch);
    }

    /** Hands already-built observations to the listeners. */
    void publishSensed(List<SensedObservation> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<SensedObservation> view = List.copyOf(batch);
        for (Consumer<List<SensedObservation>> l : listeners) {
            try {
                l.accept(view);
            } catch (RuntimeException e) {
                log.warn("observation listener {} failed; the observations are stored and other listeners ran", l, e);
            }
        }
    }

    /** Returns the observation as the feed hands it out. */
    SensedObservation sensed(long observationId, StreamContext c, Instant phenomenonTime, JsonNode result) {
        return new SensedObservation(observationId, c.datastreamId(), c.thingId(), c.thingType(), c.departmentId(),
                c.location(), c.observedProperty(), c.propertyDefinition(), phenomenonTime, plain(result), c.tags());
    }

    /** Returns the datastream's context, looked up once and cached; empty when the datastream is gone. */
    Optional<StreamContext> context(long datastreamId) {
        StreamContext c = contexts.get(datastreamId);
        if (c != null) {
            return Optional.of(c);
        }
        Optional<StreamContext> found = lookup(datastreamId);
        found.ifPresent(x -> contexts.put(datastreamId, x));
        return found;
    }

    private Optional<StreamContext> lookup(long datastreamId) {
        Optional<Entity> stream = store.find(EntityType.DATASTREAM, datastreamId);
        if (stream.isEmpty()) {
            return Optional.empty();
        }
        long thingId = stream.get().links().get("Thing");
        Optional<Entity> thing = store.find(EntityType.THING, thingId);
        Optional<Entity> property = store.find(EntityType.OBSERVED_PROPERTY, stream.get().links().get("ObservedProperty"));
        JsonNode p = thing.map(t -> (JsonNode) t.values().get("properties")).orElse(null);
        String type = p != null && p.path(SensorDirectory.TYPE).isString() ? p.get(SensorDirectory.TYPE).asString() : null;
        Long department = p != null && p.path(SensorDirectory.DEPARTMENT).isIntegralNumber()
                ? p.get(SensorDirectory.DEPARTMENT).asLong() : null;
        return Optional.of(new StreamContext(datastreamId, thingId, type, department, where(thingId).orElse(null),
                property.map(x -> (String) x.values().get("name")).orElse(null),
                property.map(x -> (String) x.values().get("definition")).orElse(null), tags(p)));
    }

    /** Returns the Thing's tags: the strings of its {@code cityops:tags} array (other members are ignored). */
    static List<String> tags(JsonNode properties) {
        if (properties == null || !properties.path(SensorDirectory.TAGS).isArray()) {
            return List.of();
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode t : properties.get(SensorDirectory.TAGS)) {
            if (t.isString() && !t.asString().isBlank() && !tags.contains(t.asString())) {
                tags.add(t.asString());
            }
        }
        return List.copyOf(tags);
    }

    private Optional<GridLocation> where(long thingId) {
        EntityType.Navigation nav = EntityType.THING.navigation("Locations").orElseThrow();
        for (Entity l : store.list(EntityType.LOCATION, new StaStore.Scope(EntityType.THING, thingId, nav), 0, 10)) {
            try {
                Geometry g = GeoJson.geometry((JsonNode) l.values().get("location"));
                if (!g.isEmpty()) {
                    Point pt = g instanceof Point x ? x : g.getInteriorPoint();
                    return grids.locate(pt.getX(), pt.getY());
                }
            } catch (IllegalArgumentException e) {
                // a Location in another encoding has no place in the city model; try the next
            }
        }
        return Optional.empty();
    }

    private Object plain(JsonNode result) {
        if (result == null || result.isNull() || result.isMissingNode()) {
            return null;
        }
        if (result.isNumber()) {
            return result.numberValue();
        }
        if (result.isString()) {
            return result.asString();
        }
        if (result.isBoolean()) {
            return result.asBoolean();
        }
        return json.treeToValue(result, Object.class);
    }
}
