package org.cityops.sensing.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.cityops.platform.ProblemException;
import org.cityops.platform.ProblemException.FieldError;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Keeps a device to its own datastreams: an Observation a device writes must belong to a
 * Datastream or MultiDatastream of one of its Things. The owner of each stream is cached and
 * forgotten whenever a Datastream or MultiDatastream changes.
 */
@Component
class DeviceWriteGuard {

    private final StaStore store;
    private final Map<String, Long> owners = new ConcurrentHashMap<>();

    DeviceWriteGuard(StaStore store, StaChanges changes) {
        this.store = store;
        changes.subscribe(list -> {
            if (list.stream().anyMatch(c -> c.type() == EntityType.DATASTREAM || c.type() == EntityType.MULTI_DATASTREAM)) {
                owners.clear();
            }
        });
    }

    /**
     * Throws 403 naming the stream when the device may not write the Observation; returns quietly
     * when it may, or when the body names no existing stream (the ingest then refuses it with 400 or 404).
     *
     * @param body   the Observation JSON
     * @param parent the Datastream, MultiDatastream or FeatureOfInterest it was sent under, or {@code null}
     * @param field  the prefix of the field paths in the problem ({@code ""}, or {@code "/0"} for a Data Array row)
     */
    void check(Device device, JsonNode body, StaWrites.Parent parent, String field) {
        check(device, body, parent, field, false);
    }

    /** As {@link #check(Device, JsonNode, StaWrites.Parent, String)}; with {@code cachedOnly} {@link NotCached} when the owner is not in memory. */
    void check(Device device, JsonNode body, StaWrites.Parent parent, String field, boolean cachedOnly) {
        EntityType type = null;
        Long id = null;
        String where = "path";
        if (parent != null && !parent.inverse().name().equals("FeatureOfInterest")) {
            type = parent.inverse().target();
            id = parent.parentId();
        } else if (body != null && body.isObject()) {
            for (String nav : List.of("Datastream", "MultiDatastream")) {
                JsonNode link = body.get(nav);
                if (link == null || link.isNull()) {
                    continue;
                }
                where = field.isEmpty() ? nav + "/@iot.id" : field.substring(1) + "/" + nav + "/@iot.id";
                if (!link.isObject() || !link.path("@iot.id").isIntegralNumber()) {
                    throw new ProblemException.Forbidden("A device writes Observations to its own existing "
                            + "datastreams only, linked by @iot.id", List.of(new FieldError(where,
                            "must link an existing " + nav + " of this device by @iot.id")));
                }
                type = nav.equals("Datastream") ? EntityType.DATASTREAM : EntityType.MULTI_DATASTREAM;
                id = link.get("@iot.id").asLong();
                break;
            }
        }
        if (type == null) {
            return;
        }
        Optional<Long> thing = owner(type, id, cachedOnly);
        if (thing.isPresent() && !device.owns(thing.get())) {
            String stream = type.plural() + "(" + id + ")";
            throw new ProblemException.Forbidden(stream + " belongs to a Thing that device credential '" + device.name()
                    + "' does not write for", List.of(new FieldError(where, stream + " is not one of this device's "
                    + "datastreams")));
        }
    }

    /** Returns the Thing of a Datastream or MultiDatastream; empty when it does not exist. */
    Optional<Long> owner(EntityType type, long id, boolean cachedOnly) {
        String key = type.plural() + id;
        Long cached = owners.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (cachedOnly) {
            throw NotCached.INSTANCE;
        }
        Optional<Long> found = store.find(type, id).map(e -> e.links().get("Thing"));
        found.ifPresent(t -> owners.put(key, t));
        return found;
    }
}
