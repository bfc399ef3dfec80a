package org.cityops.sensing.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityops.platform.ProblemException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one object of the Data Array extension ({@code Datastream}, {@code components},
 * {@code dataArray}) into one Observation document per row.
 */
final class DataArray {

    private static final Set<String> COMPONENTS = Set.of("id", "phenomenonTime", "result", "resultTime",
            "resultQuality", "validTime", "parameters", "FeatureOfInterest/id");
    private static final Set<String> MEMBERS = Set.of("Datastream", "MultiDatastream", "components", "dataArray",
            "dataArray@iot.count");

    /** The components of observations read in the Data Array format, in this order. */
    static final List<String> READ_COMPONENTS = List.of("id", "phenomenonTime", "result", "resultTime",
            "resultQuality", "validTime", "parameters");

    private DataArray() {
    }

    /** Adds one Data Array object per (multi-)datastream of the observations to the {@code value} array. */
    static void write(List<Entity> observations, String base, ArrayNode value) {
        Map<String, List<Entity>> byStream = new LinkedHashMap<>();
        for (Entity o : observations) {
            String link = o.links().containsKey("Datastream")
                    ? "Datastream@iot.navigationLink\t" + base + "/Datastreams(" + o.links().get("Datastream") + ")"
                    : "MultiDatastream@iot.navigationLink\t" + base + "/MultiDatastreams(" + o.links().get("MultiDatastream") + ")";
            byStream.computeIfAbsent(link, k -> new ArrayList<>()).add(o);
        }
        for (Map.Entry<String, List<Entity>> group : byStream.entrySet()) {
            String[] link = group.getKey().split("\t", 2);
            ObjectNode item = value.addObject();
            item.put(link[0], link[1]);
            ArrayNode components = item.putArray("components");
            READ_COMPONENTS.forEach(components::add);
            item.put("dataArray@iot.count", group.getValue().size());
            ArrayNode rows = item.putArray("dataArray");
            for (Entity o : group.getValue()) {
                ArrayNode row = rows.addArray();
                row.add(o.id());
                for (String c : READ_COMPONENTS.subList(1, READ_COMPONENTS.size())) {
                    row.add(StaReads.json(o.values().get(c)));
                }
            }
        }
    }

    /** Returns the observations of the document's rows; a malformed document (not a row) is refused as a whole. */
    static List<ObjectNode> rows(JsonNode doc, String path) {
        // rows that do not match the components come back as null
        if (doc == null || !doc.isObject()) {
            throw ProblemException.BadRequest.field(path, "must be a Data Array object");
        }
        for (String name : doc.propertyNames()) {
            if (!MEMBERS.contains(name)) {
                throw ProblemException.BadRequest.field(path + "/" + name, "is not a member of a Data Array object");
            }
        }
        boolean single = doc.has("Datastream");
        if (single == doc.has("MultiDatastream")) {
            throw ProblemException.BadRequest.field(path + "/Datastream",
                    "exactly one of Datastream or MultiDatastream is required");
        }
        String streamName = single ? "Datastream" : "MultiDatastream";
        JsonNode stream = doc.get(streamName);
        if (!stream.isObject() || !stream.has("@iot.id")) {
            throw ProblemException.BadRequest.field(path + "/" + streamName, "must be {\"@iot.id\": id}");
        }
        JsonNode components = doc.get("components");
        if (components == null || !components.isArray() || components.isEmpty()) {
            throw ProblemException.BadRequest.field(path + "/components", "must be a non-empty array of names");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode c : components) {
            if (!c.isString() || !COMPONENTS.contains(c.asString())) {
                throw ProblemException.BadRequest.field(path + "/components", "'" + c + "' is not one of " + COMPONENTS);
            }
            names.add(c.asString());
        }
        JsonNode data = doc.get("dataArray");
        if (data == null || !data.isArray()) {
            throw ProblemException.BadRequest.field(path + "/dataArray", "must be an array of rows");
        }
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode row : data) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.set(streamName, stream);
            if (!row.isArray() || row.size() != names.size()) {
                // a malformed row still gets its own "error" entry in the response
                out.add(null);
                continue;
            }
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                if (name.equals("FeatureOfInterest/id")) {
                    o.putObject("FeatureOfInterest").set("@iot.id", row.get(i));
                } else if (!name.equals("id")) {
                    o.set(name, row.get(i));
                }
            }
            out.add(o);
        }
        return out;
    }
}
