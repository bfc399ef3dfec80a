package org.cityops.sensing.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.cityops.platform.ProblemException;

/**
 * The topics of the SensorThings MQTT extension (OGC 15-078 §14 / 18-088 §14): where an
 * Observation may be created by PUBLISH, and what a SUBSCRIBE may ask for. A topic starts with
 * the version ({@code v1.0/} or {@code v1.1/}) followed by a resource path as in the HTTP API.
 */
final class MqttTopics {

    /** The entity sets under which a PUBLISH creates an Observation (besides {@code Observations} itself). */
    private static final Set<EntityType> CREATE_PARENTS = Set.of(EntityType.DATASTREAM, EntityType.MULTI_DATASTREAM,
            EntityType.FEATURE_OF_INTEREST);

    /** Topics already read, as each device publishes to the same few topics again and again. */
    private static final Map<String, Create> CREATES = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_CREATES = 100_000;

    private MqttTopics() {
    }

    /**
     * Where a PUBLISH creates an Observation.
     *
     * @param version the API version named by the topic
     * @param parent  the Datastream, MultiDatastream or FeatureOfInterest of the topic, {@code null} for
     *                {@code Observations}
     */
    record Create(Version version, StaWrites.Parent parent) {
    }

    /**
     * What a SUBSCRIBE asks for: an entity set (possibly through a relation, e.g.
     * {@code Datastreams(1)/Observations}), one entity, or one property of an entity.
     *
     * @param topic   the topic as the client subscribed to it (messages are published to it)
     * @param version the API version, which decides the self links rendered
     * @param path    the resource path
     * @param options {@code $select} for entity sets, otherwise none
     * @param key     what changes are matched against: {@code Things}, {@code Things(1)}, {@code Things(1)/name},
     *                {@code Datastreams(1)/Observations} (a deeper path is keyed by its last entity)
     */
    record Subscription(String topic, Version version, ResourcePath path, QueryOptions options, String key) {

        /** Returns whether the topic names a collection (created and changed members are sent). */
        boolean entitySet() {
            return path.property() == null && path.last().id() == null;
        }
    }

    /**
     * Returns where a PUBLISH to the topic creates an Observation, or throws
     * {@link IllegalArgumentException} saying why the topic creates nothing.
     */
    static Create create(String topic) {
        Create known = CREATES.get(topic);
        if (known != null) {
            return known;
        }
        Create parsed = parseCreate(topic);
        if (CREATES.size() >= MAX_CACHED_CREATES) {
            CREATES.clear();
        }
        CREATES.put(topic, parsed);
        return parsed;
    }

    private static Create parseCreate(String topic) {
        Version version = version(topic);
        ResourcePath path = path(topic.substring(version.segment().length() + 1));
        if (path.property() != null || path.ref() || path.value() || path.last().type() != EntityType.OBSERVATION
                || path.last().id() != null) {
            throw new IllegalArgumentException("only Observations are created over MQTT: publish to "
                    + "Observations, Datastreams(id)/Observations, MultiDatastreams(id)/Observations or "
                    + "FeaturesOfInterest(id)/Observations");
        }
        if (path.segments().size() == 1) {
            return new Create(version, null);
        }
        ResourcePath.Segment owner = path.segments().get(0);
        if (path.segments().size() != 2 || owner.id() == null || !CREATE_PARENTS.contains(owner.type())) {
            throw new IllegalArgumentException("Observations are created under a Datastream(id), "
                    + "MultiDatastream(id) or FeatureOfInterest(id), not under " + path.text());
        }
        EntityType.Navigation inverse = StaWrites.inverse(owner.type(), path.last().navigation()).orElseThrow();
        return new Create(version, new StaWrites.Parent(inverse, owner.id()));
    }

    /**
     * Returns the subscription a topic filter asks for, or throws {@link IllegalArgumentException}
     * saying why it is not one the extension defines (wildcards, {@code $ref}, options other than
     * {@code $select} on an entity set).
     */
    static Subscription subscription(String topic) {
        if (topic.contains("#") || topic.contains("+")) {
            throw new IllegalArgumentException("wildcards are not SensorThings topics: subscribe to an entity set, "
                    + "an entity or a property");
        }
        Version version = version(topic);
        String rest = topic.substring(version.segment().length() + 1);
        int q = rest.indexOf('?');
        String query = q < 0 ? null : rest.substring(q + 1);
        ResourcePath path = path(q < 0 ? rest : rest.substring(0, q));
        if (path.ref() || path.value()) {
            throw new IllegalArgumentException("$ref and $value are not SensorThings MQTT topics");
        }
        ResourcePath.Segment last = path.last();
        boolean set = path.property() == null && last.id() == null;
        if (last.id() == null && last.navigation() != null && !last.navigation().toMany()) {
            throw new IllegalArgumentException("address one entity by its id (" + last.type().plural()
                    + "(id)), not through the relation " + last.navigation().name());
        }
        String key;
        if (!set) {
            key = entityKey(last.type(), last.id()) + (path.property() == null ? "" : "/" + path.property());
        } else if (path.segments().size() == 1) {
            key = last.type().plural();
        } else {
            ResourcePath.Segment owner = path.segments().get(path.segments().size() - 2);
            if (owner.id() == null) {
                throw new IllegalArgumentException("name the entity whose " + last.navigation().name()
                        + " to follow by its id");
            }
            key = entityKey(owner.type(), owner.id()) + "/" + last.navigation().name();
        }
        QueryOptions options = QueryOptions.NONE;
        if (query != null) {
            if (!set) {
                throw new IllegalArgumentException("$select applies to entity sets only");
            }
            if (!query.startsWith("$select=") || query.contains("&")) {
                throw new IllegalArgumentException("the only option of a SensorThings topic is $select");
            }
            try {
                options = QueryOptions.parse(Map.of("$select", query.substring("$select=".length())));
                StaReads.check(path.last().type(), options);
            } catch (ProblemException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        return new Subscription(topic, version, path, options, key);
    }

    /** Returns the key of one entity ({@code Things(1)}), which entity and property subscriptions are matched on. */
    static String entityKey(EntityType type, long id) {
        return type.plural() + "(" + id + ")";
    }

    private static Version version(String topic) {
        int slash = topic.indexOf('/');
        Optional<Version> v = slash < 0 ? Optional.empty() : Version.of(topic.substring(0, slash));
        return v.orElseThrow(() -> new IllegalArgumentException("a SensorThings topic starts with v1.0/ or v1.1/"));
    }

    private static ResourcePath path(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the topic names no entity set");
        }
        try {
            return ResourcePath.parse(text);
        } catch (ProblemException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
