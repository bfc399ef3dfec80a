package org.cityops.sensing.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.cityops.platform.ProblemException;

import tools.jackson.databind.JsonNode;

/**
 * Reads an Observation document that only links existing entities ({@code {"@iot.id": n}}) into
 * the values to store, checking its shape, members, JSON types and times without the database.
 * Whether the linked entities exist and the result fits the datastream is checked by the caller.
 */
final class ObservationInput {

    /**
     * An observation read from its document.
     *
     * @param values       every Observation property (absent ones {@code null}), converted to its kind
     * @param streamType   {@link EntityType#DATASTREAM} or {@link EntityType#MULTI_DATASTREAM}
     * @param streamId     the (multi-)datastream's id
     * @param featureId    the linked FeatureOfInterest, {@code null} when it is to be generated
     */
    record Draft(Map<String, Object> values, EntityType streamType, long streamId, Long featureId) {
    }

    private ObservationInput() {
    }

    /**
     * Returns whether the document can take the ingest path: it is not an object (refused there
     * with 400), or every relation it gives links an existing entity by {@code @iot.id}. A document
     * creating related entities inline (deep insert) takes the transactional path instead.
     */
    static boolean linksOnly(JsonNode body) {
        if (body == null || !body.isObject()) {
            return true;
        }
        if (body.has("@iot.id")) {
            return false;
        }
        for (String relation : new String[] {"Datastream", "MultiDatastream", "FeatureOfInterest"}) {
            JsonNode v = body.get(relation);
            if (v != null && v.isObject() && !v.has("@iot.id")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the observation the document describes, posted under {@code parent} (or
     * {@code null}), with {@code now} as phenomenonTime when none is given; 400 naming the failing member.
     */
    static Draft read(JsonNode body, StaWrites.Parent parent, Instant now) {
        if (body == null || !body.isObject()) {
            throw ProblemException.BadRequest.field("body", "must be a JSON object describing an Observation");
        }
        Map<String, Object> values = new HashMap<>();
        for (EntityType.Property p : EntityType.OBSERVATION.properties()) {
            values.put(p.name(), null);
        }
        Map<String, Long> links = new HashMap<>();
        if (parent != null && parent.inverse().storage() == EntityType.Storage.OWN_COLUMN) {
            links.put(parent.inverse().name(), parent.parentId());
        }
        for (Map.Entry<String, JsonNode> m : body.properties()) {
            String name = m.getKey();
            JsonNode v = m.getValue();
            if (name.equals("@iot.selfLink") || name.endsWith("@iot.navigationLink")) {
                continue;
            }
            Optional<EntityType.Property> property = EntityType.OBSERVATION.property(name);
            if (property.isPresent()) {
                values.put(name, MemberValues.convert(property.get(), v, name));
                continue;
            }
            Optional<EntityType.Navigation> nav = EntityType.OBSERVATION.navigation(name);
            if (nav.isEmpty()) {
                throw ProblemException.BadRequest.field(name, "is not a property or relation of Observation");
            }
            if (v.isNull()) {
                throw ProblemException.BadRequest.field(name, "cannot be null");
            }
            if (!v.isObject() || !v.has("@iot.id")) {
                throw ProblemException.BadRequest.field(name, "must link an existing " + nav.get().targetName()
                        + " by {\"@iot.id\": id}");
            }
            links.put(name, MemberValues.idOf(v.get("@iot.id"), name + "/@iot.id"));
        }
        if (values.get("result") == null) {
            throw ProblemException.BadRequest.field("result", "is required for a Observation");
        }
        boolean single = links.containsKey("Datastream");
        boolean multi = links.containsKey("MultiDatastream");
        if (single == multi) {
            throw ProblemException.BadRequest.field("Datastream", single
                    ? "an Observation belongs to a Datastream or a MultiDatastream, not both"
                    : "is required: an Observation needs a Datastream (or a MultiDatastream)");
        }
        if (values.get("phenomenonTime") == null) {
            // the standard: when phenomenonTime is omitted the server uses the time of receipt
            values.put("phenomenonTime", TimeValue.instant(now));
        }
        EntityType streamType = single ? EntityType.DATASTREAM : EntityType.MULTI_DATASTREAM;
        long streamId = links.get(single ? "Datastream" : "MultiDatastream");
        return new Draft(values, streamType, streamId, links.get("FeatureOfInterest"));
    }
}
