package org.cityops.sensing.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.cityops.org.Departments;
import org.cityops.platform.ProblemException;
import org.locationtech.jts.geom.Envelope;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates (with deep insert and links by {@code @iot.id}), updates and deletes SensorThings
 * entities with the standard's integrity rules. One request is one transaction, so a failed
 * deep insert writes nothing. Observations go through the {@link ObservationWriter}; their
 * Datastream, MultiDatastream and FeatureOfInterest are locked first and a delete of one of those
 * locks it before removing its observations ({@link ObservationParents}: no foreign keys).
 */
@Service
class StaWrites {

    private static final Set<String> IGNORED = Set.of("@iot.selfLink");

    private final StaStore store;
    private final ObservationWriter observations;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Departments departments;
    private final ObservationFeedHub feed;
    private final StreamCatalog streams;
    private final StaChanges changes;
    private final ObservationParents parents;

    StaWrites(StaStore store, ObservationWriter observations, TransactionTemplate tx, Clock clock,
              Departments departments, ObservationFeedHub feed, StreamCatalog streams, StaChanges changes,
              ObservationParents parents) {
        this.store = store;
        this.parents = parents;
        this.changes = changes;
        this.feed = feed;
        this.streams = streams;
        this.observations = observations;
        this.tx = tx;
        this.clock = clock;
        this.departments = departments;
    }

    /** The relation a new entity is created under: the parent's id and the child's navigation back to it. */
    record Parent(EntityType.Navigation inverse, long parentId) {
    }

    /** What one write request changed, for work done after the commit. */
    private final class Work {
        final Map<Long, Set<Long>> newThingLocations = new LinkedHashMap<>();
        final Set<Long> touchedDatastreams = new LinkedHashSet<>();
        final List<Entity> createdObservations = new ArrayList<>();
        final List<StaChanges.Change> changed = new ArrayList<>();
        /** The entity an update changes ({@code Things(1)}), whose own announcement covers its new links. */
        String updating;
    }

    /** Creates the entity (and everything nested in it) in one transaction and returns its id. */
    long create(EntityType type, JsonNode body, Parent parent) {
        Work work = new Work();
        Long id = tx.execute(s -> {
            long created = create(type, body, "", parent, work);
            finish(work);
            return created;
        });
        afterCommit(type, work);
        return id;
    }

    /** Returns the inverse of a to-many relation: the child's relation back to the parent. */
    static Optional<EntityType.Navigation> inverse(EntityType parentType, EntityType.Navigation nav) {
        EntityType child = nav.target();
        return child.navigations().stream().filter(n -> n.target() == parentType).filter(n -> switch (nav.storage()) {
            case TARGET_COLUMN -> n.storage() == EntityType.Storage.OWN_COLUMN && n.column().equals(nav.column());
            case LINK_TABLE -> n.storage() == EntityType.Storage.LINK_TABLE && nav.linkTable().equals(n.linkTable());
            case OWN_COLUMN -> false;
        }).findFirst();
    }

    private long create(EntityType type, JsonNode node, String path, Parent parent, Work work) {
        if (node == null || !node.isObject()) {
            throw ProblemException.BadRequest.field(path.isEmpty() ? "body" : path,
                    "must be a JSON object describing a " + type.singular());
        }
        if (node.has("@iot.id")) {
            long id = MemberValues.idOf(node.get("@iot.id"), field(path, "@iot.id"));
            if (!store.exists(type, id)) {
                throw ProblemException.BadRequest.field(field(path, "@iot.id"),
                        "no " + type.singular() + " with @iot.id " + id);
            }
            return id;
        }
        Map<String, Object> values = new HashMap<>();
        Map<String, Long> links = new HashMap<>();
        Map<EntityType.Navigation, JsonNode> toMany = new LinkedHashMap<>();
        if (parent != null && parent.inverse().storage() == EntityType.Storage.OWN_COLUMN) {
            links.put(parent.inverse().name(), parent.parentId());
        }
        readMembers(type, (ObjectNode) node, path, values, links, toMany, work, false);
        if (type == EntityType.MULTI_DATASTREAM) {
            // the only observation type a MultiDatastream can have, so it may be left out
            values.putIfAbsent("observationType", ObservationRules.COMPLEX);
        }
        for (EntityType.Property p : type.properties()) {
            if (p.required() && values.get(p.name()) == null) {
                throw ProblemException.BadRequest.field(field(path, p.name()), "is required for a " + type.singular());
            }
        }
        rules(type, values, links, toMany, path, parent);
        long id = type == EntityType.OBSERVATION ? observations.write(values, links)
                : store.insert(type, values, links);
        if (type == EntityType.OBSERVATION) {
            work.touchedDatastreams.add(links.getOrDefault("Datastream", -1L));
            work.createdObservations.add(new Entity(type, id, values, links));
        }
        if (type != EntityType.OBSERVATION) {
            // new Observations are announced from the observation feed, whichever path stored them
            work.changed.add(new StaChanges.Change(type, id, true, Set.of()));
        }
        if (parent != null && parent.inverse().storage() == EntityType.Storage.LINK_TABLE) {
            linkTable(type, id, parent.inverse(), parent.parentId(), work);
        }
        for (Map.Entry<EntityType.Navigation, JsonNode> m : toMany.entrySet()) {
            createChildren(type, id, m.getKey(), m.getValue(), field(path, m.getKey().name()), work);
        }
        return id;
    }

    private void createChildren(EntityType type, long id, EntityType.Navigation nav, JsonNode list, String path,
                                Work work) {
        if (!list.isArray()) {
            throw ProblemException.BadRequest.field(path, "must be an array of " + nav.target().plural());
        }
        EntityType.Navigation back = inverse(type, nav).orElseThrow();
        for (int i = 0; i < list.size(); i++) {
            JsonNode child = list.get(i);
            String childPath = path + "/" + i;
            if (child != null && child.isObject() && child.has("@iot.id")) {
                long childId = create(nav.target(), child, childPath, null, work);
                if (back.storage() == EntityType.Storage.OWN_COLUMN) {
                    store.update(nav.target(), childId, Map.of(), Map.of(back.name(), id));
                } else {
                    linkTable(nav.target(), childId, back, id, work);
                }
            } else {
                create(nav.target(), child, childPath, new Parent(back, id), work);
            }
        }
    }

    /**
     * Work done once the write committed: latest values, the observation feed, the context cache.
     * Inside a transaction that is still open (a batch change set joins its writes into one), the
     * work waits for that transaction's commit and is dropped when it rolls back.
     */
    private void afterCommit(EntityType type, Work work) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    committed(type, work);
                }
            });
            return;
        }
        committed(type, work);
    }

    private void committed(EntityType type, Work work) {
        if (type != EntityType.OBSERVATION && type != EntityType.FEATURE_OF_INTEREST) {
            feed.forgetContexts();
        }
        if (type != EntityType.OBSERVATION) {
            // the ingest path validates against cached datastreams and features of interest
            streams.forget();
        }
        observations.committed(work.touchedDatastreams);
        feed.publish(work.createdObservations);
        changes.publish(work.changed);
    }

    private void linkTable(EntityType type, long id, EntityType.Navigation nav, long otherId, Work work) {
        store.link(nav, id, otherId);
        linked(type, id, nav, otherId, work);
        if (nav.linkTable().equals("sta_thing_location")) {
            long thing = type == EntityType.THING ? id : otherId;
            long location = type == EntityType.THING ? otherId : id;
            work.newThingLocations.computeIfAbsent(thing, k -> new LinkedHashSet<>()).add(location);
        }
    }

    /**
     * Notes for subscribers that two entities were linked through a link table: each joined the
     * other's collection ({@code Things(1)/Locations} and {@code Locations(2)/Things}). The entity an
     * update changes is left out: its own update announcement reaches that collection.
     */
    private void linked(EntityType type, long id, EntityType.Navigation nav, long otherId, Work work) {
        EntityType.Navigation back = inverse(type, nav).orElseThrow();
        work.changed.add(StaChanges.Change.added(type, id, MqttTopics.entityKey(nav.target(), otherId) + "/" + back.name()));
        if (!MqttTopics.entityKey(nav.target(), otherId).equals(work.updating)) {
            work.changed.add(StaChanges.Change.added(nav.target(), otherId,
                    MqttTopics.entityKey(type, id) + "/" + nav.name()));
        }
    }

    /** Records a HistoricalLocation for every Thing whose Locations changed in this request. */
    private void finish(Work work) {
        for (Map.Entry<Long, Set<Long>> e : work.newThingLocations.entrySet()) {
            long historical = store.insert(EntityType.HISTORICAL_LOCATION,
                    Map.of("time", TimeValue.instant(clock.instant())), Map.of("Thing", e.getKey()));
            work.changed.add(new StaChanges.Change(EntityType.HISTORICAL_LOCATION, historical, true, Set.of()));
            EntityType.Navigation locations = EntityType.HISTORICAL_LOCATION.navigation("Locations").orElseThrow();
            for (long location : e.getValue()) {
                store.link(locations, historical, location);
                linked(EntityType.HISTORICAL_LOCATION, historical, locations, location, work);
            }
        }
    }

    private void readMembers(EntityType type, ObjectNode node, String path, Map<String, Object> values,
                             Map<String, Long> links, Map<EntityType.Navigation, JsonNode> toMany, Work work,
                             boolean update) {
        for (Map.Entry<String, JsonNode> m : node.properties()) {
            String name = m.getKey();
            JsonNode value = m.getValue();
            if (IGNORED.contains(name) || name.endsWith("@iot.navigationLink") || name.equals("@iot.id")) {
                continue;
            }
            Optional<EntityType.Property> property = type.property(name);
            if (property.isPresent()) {
                if (!property.get().readOnly()) {
                    values.put(name, MemberValues.convert(property.get(), value, field(path, name)));
                }
                continue;
            }
            Optional<EntityType.Navigation> nav = type.navigation(name);
            if (nav.isEmpty()) {
                throw ProblemException.BadRequest.field(field(path, name),
                        "is not a property or relation of " + type.singular());
            }
            EntityType.Navigation n = nav.get();
            if (update) {
                requireLinksOnly(type, n, value, field(path, name));
            }
            if (n.toMany()) {
                toMany.put(n, value);
            } else if (value.isNull()) {
                throw ProblemException.BadRequest.field(field(path, name), "cannot be null");
            } else {
                links.put(n.name(), create(n.target(), value, field(path, name), null, work));
            }
        }
    }

    /**
     * Refuses related entities given inline in an update: the standard lets PATCH and PUT only
     * link existing entities ({@code {"@iot.id": 1}}), and only where this side holds the relation.
     */
    private static void requireLinksOnly(EntityType type, EntityType.Navigation n, JsonNode value, String field) {
        boolean ownsRelation = (!n.toMany() || n.storage() == EntityType.Storage.LINK_TABLE)
                // a MultiDatastream's ObservedProperties are fixed with its data types when it is created
                && !StaStore.MULTI_DATASTREAM_OBSERVED_PROPERTY.equals(n.linkTable());
        if (!ownsRelation) {
            throw ProblemException.BadRequest.field(field, "cannot be changed from the " + type.singular()
                    + "; update the " + n.targetName() + " instead");
        }
        List<JsonNode> items = new ArrayList<>();
        if (n.toMany() && value.isArray()) {
            value.forEach(items::add);
        } else {
            items.add(value);
        }
        for (JsonNode item : items) {
            if (!item.isObject() || !item.has("@iot.id") || item.size() != 1) {
                throw ProblemException.BadRequest.field(field, "an update links existing entities by "
                        + "{\"@iot.id\": id}; related entities cannot be created inline");
            }
        }
    }


    static String field(String path, String name) {
        return path.isEmpty() ? name : path + "/" + name;
    }

    // ------------------------------------------------------------------ integrity rules per type

    private void rules(EntityType type, Map<String, Object> values, Map<String, Long> links,
                       Map<EntityType.Navigation, JsonNode> toMany, String path, Parent parent) {
        for (EntityType.Navigation n : type.navigations()) {
            if (n.required() && !n.toMany() && !links.containsKey(n.name())) {
                throw ProblemException.BadRequest.field(field(path, n.name()),
                        "is required: a " + type.singular() + " needs a " + n.targetName());
            }
        }
        switch (type) {
            case THING -> thingProperties(values.get("properties"), path);
            case LOCATION -> geometry(values, "location", "encodingType", path);
            case FEATURE_OF_INTEREST -> geometry(values, "feature", "encodingType", path);
            case DATASTREAM -> {
                if (ObservationRules.COMPLEX.equals(values.get("observationType"))) {
                    throw ProblemException.BadRequest.field(field(path, "observationType"),
                            "OM_ComplexObservation belongs to a MultiDatastream, not a Datastream");
                }
                requireObject(values, "unitOfMeasurement", path);
                streamProperties(values.get("properties"), path, true);
            }
            case OBSERVED_PROPERTY -> streamProperties(values.get("properties"), path, false);
            case MULTI_DATASTREAM -> {
                multiDatastream(values, toMany, path, parent);
                streamProperties(values.get("properties"), path, true);
            }
            case OBSERVATION -> observation(values, links, path);
            default -> {
            }
        }
    }

    /** Checks the city's members of a Thing's properties: an existing department id and a type name. */
    private void thingProperties(Object properties, String path) {
        if (!(properties instanceof JsonNode p) || !p.isObject()) {
            return;
        }
        JsonNode department = p.get(SensorDirectory.DEPARTMENT);
        String field = field(path, "properties/" + SensorDirectory.DEPARTMENT);
        if (department != null && !department.isNull()) {
            if (!department.isIntegralNumber() || !department.canConvertToLong()) {
                throw ProblemException.BadRequest.field(field, "must be a department id (an integer)");
            }
            if (departments.find(department.asLong()).isEmpty()) {
                throw ProblemException.BadRequest.field(field, "no department with id " + department.asLong());
            }
        }
        JsonNode type = p.get(SensorDirectory.TYPE);
        if (type != null && !type.isNull() && (!type.isString() || type.asString().isBlank())) {
            throw ProblemException.BadRequest.field(field(path, "properties/" + SensorDirectory.TYPE),
                    "must be a non-blank string such as water-level");
        }
    }

    /**
     * Checks the city's members of a Datastream's or ObservedProperty's properties: the retention in
     * days and, on a Datastream, the expected reporting interval.
     */
    private static void streamProperties(Object properties, String path, boolean datastream) {
        if (!(properties instanceof JsonNode p) || !p.isObject()) {
            return;
        }
        String retention = RetentionPolicy.daysProblem(p.get(RetentionPolicy.RETENTION_DAYS));
        if (retention != null) {
            throw ProblemException.BadRequest.field(field(path, "properties/" + RetentionPolicy.RETENTION_DAYS), retention);
        }
        String interval = LivenessPolicy.intervalProblem(p.get(LivenessPolicy.EXPECTED_INTERVAL));
        if (datastream && interval != null) {
            throw ProblemException.BadRequest.field(field(path, "properties/" + LivenessPolicy.EXPECTED_INTERVAL),
                    interval);
        }
    }

    private static void requireObject(Map<String, Object> values, String name, String path) {
        Object v = values.get(name);
        if (!(v instanceof JsonNode n) || !n.isObject()) {
            throw ProblemException.BadRequest.field(field(path, name), "must be a JSON object");
        }
    }

    private static void geometry(Map<String, Object> values, String member, String encoding, String path) {
        String type = (String) values.get(encoding);
        if (type == null || !(type.equals("application/geo+json") || type.equals("application/vnd.geo+json"))) {
            return;
        }
        try {
            GeoJson.geometry((JsonNode) values.get(member));
        } catch (IllegalArgumentException e) {
            throw ProblemException.BadRequest.field(field(path, member), "is not valid GeoJSON: " + e.getMessage());
        }
    }

    private static void multiDatastream(Map<String, Object> values, Map<EntityType.Navigation, JsonNode> toMany,
                                        String path, Parent parent) {
        if (!ObservationRules.COMPLEX.equals(values.get("observationType"))) {
            throw ProblemException.BadRequest.field(field(path, "observationType"),
                    "must be " + ObservationRules.COMPLEX + " for a MultiDatastream");
        }
        JsonNode types = (JsonNode) values.get("multiObservationDataTypes");
        JsonNode units = (JsonNode) values.get("unitOfMeasurements");
        if (!types.isArray() || types.isEmpty()) {
            throw ProblemException.BadRequest.field(field(path, "multiObservationDataTypes"),
                    "must be a non-empty array of observation types");
        }
        for (JsonNode t : types) {
            if (!t.isString() || !ObservationRules.known(t.asString()) || t.asString().equals(ObservationRules.COMPLEX)) {
                throw ProblemException.BadRequest.field(field(path, "multiObservationDataTypes"),
                        "'" + t + "' is not an O&M observation type");
            }
        }
        if (!units.isArray() || units.size() != types.size()) {
            throw ProblemException.BadRequest.field(field(path, "unitOfMeasurements"),
                    "must be an array with one unit per multiObservationDataType (" + types.size() + ")");
        }
        JsonNode properties = toMany.entrySet().stream().filter(e -> e.getKey().name().equals("ObservedProperties"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        boolean fromParent = parent != null && parent.inverse().name().equals("ObservedProperties");
        int given = (properties != null && properties.isArray() ? properties.size() : 0) + (fromParent ? 1 : 0);
        if (given != types.size()) {
            throw ProblemException.BadRequest.field(field(path, "ObservedProperties"),
                    "must list one ObservedProperty per multiObservationDataType (" + types.size() + "), not " + given);
        }
    }

    private void observation(Map<String, Object> values, Map<String, Long> links, String path) {
        boolean single = links.containsKey("Datastream");
        boolean multi = links.containsKey("MultiDatastream");
        if (single == multi) {
            throw ProblemException.BadRequest.field(field(path, "Datastream"), single
                    ? "an Observation belongs to a Datastream or a MultiDatastream, not both"
                    : "is required: an Observation needs a Datastream (or a MultiDatastream)");
        }
        if (values.get("phenomenonTime") == null) {
            // the standard: when phenomenonTime is omitted the server uses the time of receipt
            values.put("phenomenonTime", TimeValue.instant(clock.instant()));
        }
        JsonNode result = (JsonNode) values.get("result");
        EntityType streamType = single ? EntityType.DATASTREAM : EntityType.MULTI_DATASTREAM;
        long streamId = single ? links.get("Datastream") : links.get("MultiDatastream");
        Entity stream = store.find(streamType, streamId).orElseThrow(() -> missing(path, streamType, streamId));
        String problem = single
                ? ObservationRules.resultProblem((String) stream.values().get("observationType"), result)
                : ObservationRules.multiResultProblem((JsonNode) stream.values().get("multiObservationDataTypes"), result);
        if (problem != null) {
            throw ProblemException.BadRequest.field(field(path, "result"), problem);
        }
        if (!links.containsKey("FeatureOfInterest")) {
            links.put("FeatureOfInterest", generatedFeature(stream, path));
        }
        lockParents(links, path);
        widen(stream, (TimeValue) values.get("phenomenonTime"), (TimeValue) values.get("resultTime"),
                links.get("FeatureOfInterest"));
    }

    /**
     * Locks the FeatureOfInterest, Datastream and MultiDatastream an Observation is linked to (of
     * those in {@code links}), features first, as every writer of observations does
     * ({@link ObservationParents}); 400 naming the relation when one no longer exists.
     */
    private void lockParents(Map<String, Long> links, String path) {
        for (EntityType type : List.of(EntityType.FEATURE_OF_INTEREST, EntityType.DATASTREAM,
                EntityType.MULTI_DATASTREAM)) {
            Long id = links.get(type.singular());
            if (id != null && !parents.lockForObservation(type, id)) {
                throw missing(path, type, id);
            }
        }
    }

    private static ProblemException missing(String path, EntityType type, long id) {
        return ProblemException.BadRequest.field(field(field(path, type.singular()), "@iot.id"),
                "no " + type.singular() + " with @iot.id " + id);
    }

    /**
     * Returns the feature of interest generated from the Location of the (multi-)datastream's Thing,
     * creating it in its own transaction the first time; 400 naming {@code FeatureOfInterest} when
     * the Thing has no Location.
     */
    long generatedFeature(EntityType streamType, long streamId) {
        return tx.execute(s -> generatedFeature(store.find(streamType, streamId).orElseThrow(() ->
                new ProblemException.NotFound("No " + streamType.singular() + " with @iot.id " + streamId)), ""));
    }

    /** Returns the feature of interest generated from the Thing's Location (creating it the first time). */
    private long generatedFeature(Entity stream, String path) {
        long thing = stream.links().get("Thing");
        EntityType.Navigation locations = EntityType.THING.navigation("Locations").orElseThrow();
        List<Entity> found = store.list(EntityType.LOCATION, new StaStore.Scope(EntityType.THING, thing, locations), 0, 1);
        if (found.isEmpty()) {
            throw ProblemException.BadRequest.field(field(path, "FeatureOfInterest"),
                    "is required: the Thing of the Datastream has no Location to generate it from");
        }
        Entity location = found.get(0);
        Optional<Long> existing = store.featureGeneratedFrom(location.id());
        if (existing.isPresent()) {
            return existing.get();
        }
        Map<String, Object> values = new HashMap<>();
        values.put("name", location.values().get("name"));
        values.put("description", location.values().get("description"));
        values.put("encodingType", location.values().get("encodingType"));
        values.put("feature", location.values().get("location"));
        long id = store.insert(EntityType.FEATURE_OF_INTEREST, values, Map.of());
        store.markGenerated(id, location.id());
        return id;
    }

    /**
     * Widens the (multi-)datastream's phenomenonTime and resultTime to cover a new observation,
     * and its observedArea to the bounding box of its features of interest.
     */
    private void widen(Entity stream, TimeValue phenomenon, TimeValue result, long featureId) {
        Map<String, Object> changes = new HashMap<>();
        JsonNode area = observedArea(stream, featureId);
        if (area != null) {
            changes.put("observedArea", area);
        }
        TimeValue p = TimeValue.union((TimeValue) stream.values().get("phenomenonTime"), phenomenon);
        TimeValue r = TimeValue.union((TimeValue) stream.values().get("resultTime"), result);
        if (!Objects.equals(p, stream.values().get("phenomenonTime"))) {
            changes.put("phenomenonTime", p);
        }
        if (!Objects.equals(r, stream.values().get("resultTime"))) {
            changes.put("resultTime", r);
        }
        if (!changes.isEmpty()) {
            store.update(stream.type(), stream.id(), changes, Map.of());
        }
    }

    /** Returns the observedArea grown to include the feature, or {@code null} when it does not change. */
    private JsonNode observedArea(Entity stream, long featureId) {
        Optional<Entity> feature = store.find(EntityType.FEATURE_OF_INTEREST, featureId);
        if (feature.isEmpty()) {
            return null;
        }
        Envelope box;
        try {
            box = GeoJson.geometry((JsonNode) feature.get().values().get("feature")).getEnvelopeInternal();
        } catch (IllegalArgumentException e) {
            // a feature in another encoding has no extent to add
            return null;
        }
        JsonNode current = (JsonNode) stream.values().get("observedArea");
        if (current != null && !current.isNull()) {
            try {
                box.expandToInclude(GeoJson.geometry(current).getEnvelopeInternal());
            } catch (IllegalArgumentException e) {
                // an observedArea a client wrote in another form is replaced by the computed box
            }
        }
        JsonNode next = GeoJson.box(box);
        return next.equals(current) ? null : next;
    }


    // ------------------------------------------------------------------ update

    /** Applies a PATCH (only the given members) or PUT (every writable member) to an entity. */
    void update(EntityType type, long id, JsonNode body, boolean replace) {
        if (body == null || !body.isObject()) {
            throw ProblemException.BadRequest.field("body", "must be a JSON object");
        }
        Work work = new Work();
        work.updating = MqttTopics.entityKey(type, id);
        tx.executeWithoutResult(s -> {
            Entity current = store.find(type, id).orElseThrow(() ->
                    new ProblemException.NotFound("No " + type.singular() + " with @iot.id " + id));
            if (body.has("@iot.id") && MemberValues.idOf(body.get("@iot.id"), "@iot.id") != id) {
                throw ProblemException.BadRequest.field("@iot.id", "cannot be changed");
            }
            Map<String, Object> values = new HashMap<>();
            Map<String, Long> links = new HashMap<>();
            Map<EntityType.Navigation, JsonNode> toMany = new LinkedHashMap<>();
            readMembers(type, (ObjectNode) body, "", values, links, toMany, work, true);
            if (replace && type == EntityType.MULTI_DATASTREAM) {
                values.putIfAbsent("observationType", ObservationRules.COMPLEX);
            }
            if (replace && type == EntityType.OBSERVATION && values.get("phenomenonTime") == null) {
                // as on create: an Observation without phenomenonTime was observed when received
                values.put("phenomenonTime", TimeValue.instant(clock.instant()));
            }
            if (replace) {
                for (EntityType.Property p : type.properties()) {
                    if (!p.readOnly() && !values.containsKey(p.name())) {
                        if (p.required()) {
                            throw ProblemException.BadRequest.field(p.name(), "is required: PUT replaces the whole "
                                    + type.singular());
                        }
                        values.put(p.name(), null);
                    }
                }
            }
            Map<String, Object> merged = new HashMap<>(current.values());
            merged.putAll(values);
            Map<String, Long> mergedLinks = new HashMap<>(current.links());
            mergedLinks.putAll(links);
            switch (type) {
                case THING -> thingProperties(merged.get("properties"), "");
                case LOCATION -> geometry(merged, "location", "encodingType", "");
                case FEATURE_OF_INTEREST -> geometry(merged, "feature", "encodingType", "");
                case OBSERVATION -> {
                    // the relations the update changes: locked like a new observation's
                    lockParents(links, "");
                    checkObservationUpdate(merged, mergedLinks);
                }
                case DATASTREAM -> {
                    if (ObservationRules.COMPLEX.equals(values.get("observationType"))) {
                        throw ProblemException.BadRequest.field("observationType",
                                "OM_ComplexObservation belongs to a MultiDatastream, not a Datastream");
                    }
                    requireObject(merged, "unitOfMeasurement", "");
                    streamProperties(merged.get("properties"), "", true);
                }
                case OBSERVED_PROPERTY -> streamProperties(merged.get("properties"), "", false);
                case MULTI_DATASTREAM -> {
                    multiDatastreamUpdate(id, merged);
                    streamProperties(merged.get("properties"), "", true);
                }
                default -> {
                }
            }
            store.update(type, id, values, links);
            for (Map.Entry<EntityType.Navigation, JsonNode> m : toMany.entrySet()) {
                EntityType.Navigation nav = m.getKey();
                if (type == EntityType.THING && nav.name().equals("Locations")) {
                    // a Thing's new Locations replace its current ones; the history keeps the old
                    store.unlinkAll(nav.linkTable(), nav.column(), id);
                }
                createChildren(type, id, nav, m.getValue(), nav.name(), work);
            }
            if (type == EntityType.OBSERVATION) {
                work.touchedDatastreams.add(mergedLinks.getOrDefault("Datastream", -1L));
                if (current.links().containsKey("Datastream")) {
                    work.touchedDatastreams.add(current.links().get("Datastream"));
                }
            }
            // the members the update changed: a property topic hears of a change, not of the same value again
            Set<String> members = new LinkedHashSet<>();
            values.forEach((name, value) -> {
                if (!Objects.equals(current.values().get(name), value)) {
                    members.add(name);
                }
            });
            links.forEach((name, target) -> {
                if (!Objects.equals(current.links().get(name), target)) {
                    members.add(name);
                }
            });
            toMany.keySet().forEach(n -> members.add(n.name()));
            work.changed.add(new StaChanges.Change(type, id, false, members));
            finish(work);
        });
        afterCommit(type, work);
    }

    /** Keeps a MultiDatastream's data types and units matching its ObservedProperties, which stay as created. */
    private void multiDatastreamUpdate(long id, Map<String, Object> merged) {
        if (!ObservationRules.COMPLEX.equals(merged.get("observationType"))) {
            throw ProblemException.BadRequest.field("observationType", "must be " + ObservationRules.COMPLEX
                    + " for a MultiDatastream");
        }
        int positions = store.multiDatastreamObservedProperties(id).size();
        for (String member : List.of("multiObservationDataTypes", "unitOfMeasurements")) {
            JsonNode list = (JsonNode) merged.get(member);
            if (list == null || !list.isArray() || list.size() != positions) {
                throw ProblemException.BadRequest.field(member, "must be an array with one entry per ObservedProperty ("
                        + positions + ")");
            }
        }
    }

    private void checkObservationUpdate(Map<String, Object> merged, Map<String, Long> links) {
        if (links.containsKey("Datastream") && links.containsKey("MultiDatastream")) {
            throw ProblemException.BadRequest.field("MultiDatastream",
                    "an Observation belongs to a Datastream or a MultiDatastream, not both");
        }
        Long ds = links.get("Datastream");
        if (ds == null) {
            return;
        }
        Entity stream = store.find(EntityType.DATASTREAM, ds).orElseThrow(() -> missing("", EntityType.DATASTREAM, ds));
        String problem = ObservationRules.resultProblem((String) stream.values().get("observationType"),
                (JsonNode) merged.get("result"));
        if (problem != null) {
            throw ProblemException.BadRequest.field("result", problem);
        }
    }

    // ------------------------------------------------------------------ delete

    /** Deletes the entity and what the standard deletes with it, in one transaction. */
    void delete(EntityType type, long id) {
        Work work = new Work();
        tx.executeWithoutResult(s -> {
            boolean exists = OBSERVATION_PARENTS.contains(type) ? parents.lockForDelete(type, id)
                    : store.exists(type, id);
            if (!exists) {
                throw new ProblemException.NotFound("No " + type.singular() + " with @iot.id " + id);
            }
            cascade(type, id, work);
        });
        afterCommit(type, work);
    }

    /** The entities observations refer to: deleting one locks it first ({@link ObservationParents}). */
    private static final Set<EntityType> OBSERVATION_PARENTS = Set.of(EntityType.DATASTREAM,
            EntityType.MULTI_DATASTREAM, EntityType.FEATURE_OF_INTEREST);

    /**
     * Deletes (multi-)datastreams with what belongs to them, in id order as the ingest locks them,
     * each locked first; one deleted meanwhile by another request is passed over.
     */
    private void cascadeStreams(EntityType type, List<Long> ids, Work work) {
        for (long d : new TreeSet<>(ids)) {
            if (parents.lockForDelete(type, d)) {
                cascade(type, d, work);
            }
        }
    }

    /**
     * Deletes what the standard deletes with the entity, then the entity. A (Multi)Datastream or
     * FeatureOfInterest must be locked ({@link ObservationParents#lockForDelete}) before: then no
     * observation of it is being written while its observations are deleted.
     */
    private void cascade(EntityType type, long id, Work work) {
        switch (type) {
            case THING -> {
                cascadeStreams(EntityType.DATASTREAM, store.idsWhere("sta_datastream", "id", "thing_id", id), work);
                cascadeStreams(EntityType.MULTI_DATASTREAM, store.idsWhere("sta_multi_datastream", "id", "thing_id", id),
                        work);
                for (long h : store.idsWhere("sta_historical_location", "id", "thing_id", id)) {
                    cascade(EntityType.HISTORICAL_LOCATION, h, work);
                }
                store.deleteWhere("sta_thing_location", "thing_id", id);
            }
            case LOCATION -> {
                List<Long> historical = store.idsWhere("sta_location_historical_location", "historical_location_id",
                        "location_id", id);
                store.deleteWhere("sta_location_historical_location", "location_id", id);
                for (long h : historical) {
                    if (store.idsWhere("sta_location_historical_location", "location_id", "historical_location_id", h)
                            .isEmpty()) {
                        store.delete(EntityType.HISTORICAL_LOCATION, h);
                    }
                }
                store.deleteWhere("sta_thing_location", "location_id", id);
                store.forgetGeneratedFrom(id);
            }
            case HISTORICAL_LOCATION -> store.deleteWhere("sta_location_historical_location", "historical_location_id", id);
            case DATASTREAM -> {
                store.deleteWhere("sta_observation", "datastream_id", id);
                work.touchedDatastreams.add(id);
            }
            case MULTI_DATASTREAM -> {
                store.deleteWhere("sta_observation", "multi_datastream_id", id);
                store.deleteWhere(StaStore.MULTI_DATASTREAM_OBSERVED_PROPERTY, "multi_datastream_id", id);
            }
            case SENSOR -> {
                cascadeStreams(EntityType.DATASTREAM, store.idsWhere("sta_datastream", "id", "sensor_id", id), work);
                cascadeStreams(EntityType.MULTI_DATASTREAM, store.idsWhere("sta_multi_datastream", "id", "sensor_id",
                        id), work);
            }
            case OBSERVED_PROPERTY -> {
                cascadeStreams(EntityType.DATASTREAM, store.idsWhere("sta_datastream", "id", "observed_property_id", id),
                        work);
                cascadeStreams(EntityType.MULTI_DATASTREAM, store.idsWhere(StaStore.MULTI_DATASTREAM_OBSERVED_PROPERTY,
                        "multi_datastream_id", "observed_property_id", id), work);
            }
            case OBSERVATION -> store.find(EntityType.OBSERVATION, id)
                    .map(o -> o.links().get("Datastream")).ifPresent(work.touchedDatastreams::add);
            case FEATURE_OF_INTEREST -> {
                store.idsWhere("sta_observation", "datastream_id", "feature_of_interest_id", id).stream()
                        .filter(Objects::nonNull).forEach(work.touchedDatastreams::add);
                store.deleteWhere("sta_observation", "feature_of_interest_id", id);
            }
        }
        store.delete(type, id);
    }
}
