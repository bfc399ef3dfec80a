package org.cityops.sensing.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.cityops.platform.ProblemException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A batch request in the JSON format of OData 4.01 (JSON Format §19), which SensorThings 1.1 servers
 * such as FROST-Server accept next to the multipart format of 18-088 chapter 11:
 * {@code {"requests": [{"id", "method", "url", "headers", "body", "atomicityGroup", "dependsOn"}]}}.
 * Adjacent requests with the same {@code atomicityGroup} become one part run atomically (a change
 * set of the multipart format), the others single parts, so both formats share one executor. The
 * whole document is read and checked before anything runs; every problem names where it is
 * ({@code requests/2/dependsOn}).
 */
final class JsonBatchDocument {

    /** The members a request object may have (OData 4.01 JSON Format §19.1; {@code if} is not served). */
    static final Set<String> MEMBERS = Set.of("id", "method", "url", "headers", "body", "atomicityGroup", "dependsOn");

    private static final String ID_CHARACTERS = "[A-Za-z0-9_.:,;-]+";

    private JsonBatchDocument() {
    }

    /**
     * A read JSON batch.
     *
     * @param parts     the parts in document order: an atomicity group or a single request
     * @param groups    for each part (same index), its atomicity group, {@code null} for a single request
     * @param dependsOn for each request id, the ids and atomicity groups it depends on (empty when none)
     */
    record Batch(List<BatchDocument.Part> parts, List<String> groups, Map<String, List<String>> dependsOn) {
    }

    /** Returns the batch the body holds, or throws 400 naming the first thing wrong with it. */
    static Batch parse(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : StaStore.JSON.readTree(body);
        } catch (JacksonException e) {
            throw new ProblemException.BadRequest("Malformed JSON batch: " + e.getOriginalMessage(),
                    List.of(new ProblemException.FieldError("body", "is not well-formed JSON")));
        }
        if (root == null || !root.isObject()) {
            throw ProblemException.BadRequest.field("body", "a JSON batch is an object {\"requests\": [...]}");
        }
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (!e.getKey().equals("requests")) {
                throw ProblemException.BadRequest.field(e.getKey(), "is not a member of a JSON batch (only requests)");
            }
        }
        JsonNode requests = root.get("requests");
        if (requests == null || !requests.isArray() || requests.isEmpty()) {
            throw ProblemException.BadRequest.field("requests", "a JSON batch needs an array of at least one request");
        }
        Set<String> ids = new HashSet<>();
        Set<String> groups = new HashSet<>();
        Map<String, List<String>> dependsOn = new HashMap<>();
        List<BatchDocument.Part> parts = new ArrayList<>();
        List<String> partGroups = new ArrayList<>();
        List<BatchDocument.Request> open = new ArrayList<>();
        String openGroup = null;
        for (int i = 0; i < requests.size(); i++) {
            String field = "requests/" + i;
            JsonNode json = requests.get(i);
            if (!json.isObject()) {
                throw ProblemException.BadRequest.field(field, "a request is a JSON object");
            }
            for (Map.Entry<String, JsonNode> e : json.properties()) {
                if (!MEMBERS.contains(e.getKey())) {
                    throw ProblemException.BadRequest.field(field + "/" + e.getKey(), "is not a member of a batch "
                            + "request (" + String.join(", ", MEMBERS.stream().sorted().toList()) + ")");
                }
            }
            String id = text(json, "id", field, true);
            if (!id.matches(ID_CHARACTERS)) {
                throw ProblemException.BadRequest.field(field + "/id", "may hold letters, digits and _.:,;- only");
            }
            if (ids.contains(id) || groups.contains(id)) {
                throw ProblemException.BadRequest.field(field + "/id", "'" + id + "' is used twice in this batch");
            }
            String method = text(json, "method", field, true).toUpperCase(Locale.ROOT);
            if (!BatchDocument.METHODS.contains(method)) {
                throw ProblemException.BadRequest.field(field + "/method", "'" + json.get("method").asString()
                        + "' is not one of " + String.join(", ", BatchDocument.METHODS.stream().sorted().toList()));
            }
            String url = text(json, "url", field, true);
            Map<String, String> headers = headers(json.get("headers"), field);
            String group = text(json, "atomicityGroup", field, false);
            if (group != null) {
                if (!group.matches(ID_CHARACTERS)) {
                    throw ProblemException.BadRequest.field(field + "/atomicityGroup",
                            "may hold letters, digits and _.:,;- only");
                }
                if (ids.contains(group) || id.equals(group)) {
                    throw ProblemException.BadRequest.field(field + "/atomicityGroup",
                            "'" + group + "' is the id of a request");
                }
                if (!group.equals(openGroup) && groups.contains(group)) {
                    throw ProblemException.BadRequest.field(field + "/atomicityGroup", "the requests of atomicity "
                            + "group '" + group + "' must be adjacent");
                }
                if (method.equals("GET")) {
                    throw ProblemException.BadRequest.field(field + "/method",
                            "an atomicity group holds changes only: send GET outside it");
                }
            }
            dependsOn.put(id, dependencies(json.get("dependsOn"), field, ids, groups, group));
            String text = body(json.get("body"), headers);
            BatchDocument.Request request = new BatchDocument.Request(method, url, headers, text, id, field);
            if (openGroup != null && !openGroup.equals(group)) {
                parts.add(new BatchDocument.Part(List.copyOf(open), true, "requests/" + (i - open.size())));
                partGroups.add(openGroup);
                open.clear();
                openGroup = null;
            }
            if (group == null) {
                parts.add(new BatchDocument.Part(List.of(request), false, field));
                partGroups.add(null);
            } else {
                open.add(request);
                openGroup = group;
                groups.add(group);
            }
            ids.add(id);
        }
        if (openGroup != null) {
            parts.add(new BatchDocument.Part(List.copyOf(open), true, "requests/" + (requests.size() - open.size())));
            partGroups.add(openGroup);
        }
        return new Batch(List.copyOf(parts), Collections.unmodifiableList(partGroups), Map.copyOf(dependsOn));
    }

    private static String text(JsonNode request, String member, String field, boolean required) {
        JsonNode v = request.get(member);
        if (v == null || v.isNull()) {
            if (required) {
                throw ProblemException.BadRequest.field(field + "/" + member, "is required");
            }
            return null;
        }
        if (!v.isString() || v.asString().isBlank()) {
            throw ProblemException.BadRequest.field(field + "/" + member, "must be a non-empty string");
        }
        return v.asString();
    }

    /** Returns the request's headers with lower-case names, as the multipart reader gives them. */
    private static Map<String, String> headers(JsonNode json, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        if (json == null || json.isNull()) {
            return out;
        }
        if (!json.isObject()) {
            throw ProblemException.BadRequest.field(field + "/headers", "must be an object of header names and values");
        }
        for (Map.Entry<String, JsonNode> e : json.properties()) {
            if (!e.getValue().isString()) {
                throw ProblemException.BadRequest.field(field + "/headers/" + e.getKey(), "must be a string");
            }
            out.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asString());
        }
        return out;
    }

    /**
     * Returns the ids and atomicity groups the request depends on: each must name a request or group
     * before it (OData forbids forward references), never the request's own group.
     */
    private static List<String> dependencies(JsonNode json, String field, Set<String> ids, Set<String> groups,
                                             String ownGroup) {
        if (json == null || json.isNull()) {
            return List.of();
        }
        if (!json.isArray()) {
            throw ProblemException.BadRequest.field(field + "/dependsOn", "must be an array of request ids or "
                    + "atomicity groups");
        }
        List<String> out = new ArrayList<>();
        for (int j = 0; j < json.size(); j++) {
            JsonNode d = json.get(j);
            if (!d.isString()) {
                throw ProblemException.BadRequest.field(field + "/dependsOn/" + j, "must be a string");
            }
            String name = d.asString();
            if (name.equals(ownGroup)) {
                throw ProblemException.BadRequest.field(field + "/dependsOn/" + j,
                        "a request cannot depend on its own atomicity group '" + name + "'");
            }
            if (!ids.contains(name) && !groups.contains(name)) {
                throw ProblemException.BadRequest.field(field + "/dependsOn/" + j, "'" + name
                        + "' names no earlier request or atomicity group of this batch");
            }
            out.add(name);
        }
        return List.copyOf(out);
    }

    /**
     * Returns the request body as text: a JSON value as JSON; a string under a non-JSON content type
     * as the string itself (OData: the body of a {@code text/*} request is a string).
     */
    private static String body(JsonNode json, Map<String, String> headers) {
        if (json == null || json.isNull()) {
            return null;
        }
        String type = headers.get("content-type");
        if (json.isString() && type != null && !type.toLowerCase(Locale.ROOT).contains("json")) {
            return json.asString();
        }
        if (type == null) {
            headers.put("content-type", "application/json");
        }
        return json.toString();
    }

    /**
     * One answer of the JSON response.
     *
     * @param answer the answer as the executor gave it
     * @param group  the atomicity group of its request, {@code null} for a single request
     */
    record Response(BatchDocument.Answer answer, String group) {
    }

    /** Returns the response body {@code {"responses": [{"id", "atomicityGroup", "status", "headers", "body"}]}}. */
    static String write(List<Response> responses) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        var array = root.putArray("responses");
        for (Response r : responses) {
            ObjectNode out = array.addObject();
            BatchDocument.Answer a = r.answer();
            if (a.contentId() != null) {
                out.put("id", a.contentId());
            }
            if (r.group() != null) {
                out.put("atomicityGroup", r.group());
            }
            out.put("status", a.status());
            if (!a.headers().isEmpty()) {
                ObjectNode headers = out.putObject("headers");
                a.headers().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
            }
            if (a.body() != null) {
                String type = a.headers().getOrDefault("Content-Type", "").toLowerCase(Locale.ROOT);
                out.set("body", type.contains("json") ? json(a.body()) : JsonNodeFactory.instance.stringNode(a.body()));
            }
        }
        return root.toString();
    }

    private static JsonNode json(String text) {
        try {
            return StaStore.JSON.readTree(text);
        } catch (JacksonException e) {
            return JsonNodeFactory.instance.stringNode(text);
        }
    }
}
