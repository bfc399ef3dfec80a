package org.cityops.sensing.internal;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.cityops.platform.ProblemException;
import org.cityops.platform.ProblemException.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SensorThings batch requests ({@code POST /sta/v1.x/$batch}, 15-078r6 and 18-088 chapter 11): the
 * document is read whole first ({@link BatchDocument}; a malformed one is 400 and runs nothing), then
 * its parts run in order, each request answered as it would be alone. A change set runs in one
 * transaction: every request succeeds or nothing is kept, and its requests may address entities
 * created before them in it as {@code $<Content-ID>}, in the URL ({@code $1/Datastreams}) and as
 * {@code "@iot.id": "$1"} in a body. As OData 4.0 (8.2.8.3) asks, processing stops at the first
 * failed request or change set unless the batch carries {@code Prefer: odata.continue-on-error}.
 * Each request is authorised as if sent alone, with the batch's own credentials: reads are open,
 * writes need a bearer token (or anonymous writes switched on), and with {@code X-Api-Key} a
 * device may only create Observations in its own datastreams. In v1.1 the same executor also serves
 * OData 4.01's JSON batch format ({@link JsonBatchDocument}), whose atomicity groups run as change sets.
 */
@RestController
@RequestMapping("/sta")
@Tag(name = "SensorThings", description = "OGC SensorThings API Part 1: Sensing (v1.0 and v1.1)")
class StaBatch {

    private static final Logger log = LoggerFactory.getLogger(StaBatch.class);
    private static final Pattern SELF = Pattern.compile(".*/([A-Za-z]+\\(\\d+\\))$");
    private static final Pattern REFERENCE = Pattern.compile("\\$([A-Za-z0-9_.:,;-]+)(/.*)?");

    private final StaController sta;
    private final StaWrites writes;
    private final StaReads reads;
    private final TransactionTemplate tx;
    private final DeviceCredentials credentials;
    private final DeviceWriteGuard guard;
    private final Environment environment;

    StaBatch(StaController sta, StaWrites writes, StaReads reads, TransactionTemplate tx,
             DeviceCredentials credentials, DeviceWriteGuard guard, Environment environment) {
        this.sta = sta;
        this.writes = writes;
        this.reads = reads;
        this.tx = tx;
        this.credentials = credentials;
        this.guard = guard;
        this.environment = environment;
    }

    @PostMapping("/{version}/$batch")
    @Operation(summary = "Batch request: several requests and atomic change sets in one multipart/mixed document "
            + "(v1.0 and v1.1) or, in v1.1, one OData 4.01 JSON batch")
    ResponseEntity<String> batch(@PathVariable String version, HttpServletRequest request) {
        Version v = Version.of(version).orElseThrow(() ->
                new ProblemException.NotFound("No SensorThings API version '" + version + "': use v1.0 or v1.1"));
        String contentType = (String) request.getAttribute(StaBatchBody.CONTENT_TYPE);
        String body = (String) request.getAttribute(StaBatchBody.BODY);
        if (contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith("application/json")) {
            if (v == Version.V1_0) {
                throw ProblemException.BadRequest.field("Content-Type", "a v1.0 batch request is multipart/mixed "
                        + "with a boundary (15-078r6 chapter 11); the JSON batch format is served at v1.1");
            }
            return jsonBatch(JsonBatchDocument.parse(body), v, request);
        }
        List<BatchDocument.Part> parts = BatchDocument.parse(contentType, body);
        check(parts, v);
        boolean continueOnError = continueOnError(request);
        Caller caller = caller(request);
        List<BatchDocument.AnswerPart> answers = new ArrayList<>();
        for (BatchDocument.Part p : parts) {
            BatchDocument.AnswerPart a = p.changeSet() ? changeSet(p, v, request, caller, new HashMap<>(), "change set")
                    : new BatchDocument.AnswerPart(List.of(run(p.requests().get(0), v, request, caller, Map.of(),
                            false, "change set")), false);
            answers.add(a);
            boolean failed = a.answers().stream().anyMatch(x -> x.status() >= 400);
            if (failed && !continueOnError) {
                break;
            }
        }
        String boundary = "batchresponse_" + UUID.randomUUID();
        ResponseEntity.BodyBuilder out = ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("multipart/mixed; boundary=" + boundary));
        if (continueOnError) {
            out.header("Preference-Applied", "odata.continue-on-error");
        }
        return out.body(BatchDocument.write(answers, boundary, "changesetresponse_" + UUID.randomUUID()));
    }

    /**
     * Runs a JSON batch (OData 4.01 JSON Format §19) with the executor of the multipart format: an
     * atomicity group runs as a change set, {@code $<id>} names an entity created or returned by any
     * earlier successful request of the batch (kept only once its group committed), and a request whose
     * {@code dependsOn} names a failed request or group is not run but answered 424 Failed Dependency.
     * A failed atomicity group answers its failing request with its problem and each other request
     * with 424 (rolled back or not run), so every request id gets an answer.
     */
    private ResponseEntity<String> jsonBatch(JsonBatchDocument.Batch batch, Version v, HttpServletRequest request) {
        check(batch.parts(), v);
        boolean continueOnError = continueOnError(request);
        Caller caller = caller(request);
        Map<String, String> created = new HashMap<>();
        Set<String> failed = new HashSet<>();
        List<JsonBatchDocument.Response> responses = new ArrayList<>();
        for (int i = 0; i < batch.parts().size(); i++) {
            BatchDocument.Part p = batch.parts().get(i);
            String group = batch.groups().get(i);
            String unmet = unmetDependency(p, batch, failed);
            List<BatchDocument.Answer> answers;
            if (unmet != null) {
                answers = p.requests().stream().map(r -> problem(424, "Failed Dependency",
                        "Not run: '" + unmet + "', which this request depends on, failed",
                        List.of(new FieldError(r.field() + "/dependsOn", "'" + unmet + "' failed")), null,
                        r.contentId())).toList();
            } else if (p.changeSet()) {
                BatchDocument.AnswerPart a = changeSet(p, v, request, caller, created, "batch");
                answers = a.changeSet() ? a.answers() : groupFailure(p, group, a.answers().get(0));
            } else {
                BatchDocument.Request r = p.requests().get(0);
                BatchDocument.Answer a = run(r, v, request, caller, created, false, "batch");
                entity(a).ifPresent(e -> created.put(r.contentId(), e));
                answers = List.of(a);
            }
            answers.forEach(a -> responses.add(new JsonBatchDocument.Response(a, group)));
            boolean partFailed = answers.stream().anyMatch(a -> a.status() >= 400);
            if (partFailed) {
                p.requests().forEach(r -> failed.add(r.contentId()));
                if (group != null) {
                    failed.add(group);
                }
                if (!continueOnError) {
                    break;
                }
            }
        }
        ResponseEntity.BodyBuilder out = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
        if (continueOnError) {
            out.header("Preference-Applied", "odata.continue-on-error");
        }
        return out.body(JsonBatchDocument.write(responses));
    }

    /** Returns the first failed request or group the part's requests depend on, {@code null} when none failed. */
    private static String unmetDependency(BatchDocument.Part part, JsonBatchDocument.Batch batch, Set<String> failed) {
        for (BatchDocument.Request r : part.requests()) {
            for (String d : batch.dependsOn().getOrDefault(r.contentId(), List.of())) {
                if (failed.contains(d)) {
                    return d;
                }
            }
        }
        return null;
    }

    /** Returns the answers of a rolled-back atomicity group: its failure, and 424 for each of its other requests. */
    private static List<BatchDocument.Answer> groupFailure(BatchDocument.Part part, String group,
                                                           BatchDocument.Answer failure) {
        List<BatchDocument.Answer> out = new ArrayList<>();
        for (BatchDocument.Request r : part.requests()) {
            out.add(r.contentId().equals(failure.contentId()) ? failure : problem(424, "Failed Dependency",
                    "Rolled back or not run: request '" + failure.contentId() + "' of atomicity group '" + group
                            + "' failed", List.of(new FieldError(r.field() + "/atomicityGroup",
                            "request '" + failure.contentId() + "' of the group failed")), null, r.contentId()));
        }
        return out;
    }

    /**
     * Checks every URL before anything runs: a batch for another version runs nothing, and
     * CreateObservations, which keeps good rows next to bad ones, is refused in a change set.
     */
    private static void check(List<BatchDocument.Part> parts, Version v) {
        for (BatchDocument.Part p : parts) {
            for (BatchDocument.Request r : p.requests()) {
                String target = target(r, v);
                if (p.changeSet() && target.startsWith("CreateObservations")) {
                    throw ProblemException.BadRequest.field(r.field(), "CreateObservations keeps good rows next to "
                            + "bad ones and cannot be part of a change set or atomicity group: send it outside one");
                }
            }
        }
    }

    private static boolean continueOnError(HttpServletRequest request) {
        String prefer = String.join(",", Collections.list(headers(request, "Prefer"))).toLowerCase(Locale.ROOT);
        return prefer.contains("continue-on-error");
    }

    /** Returns the entity an answer created ({@code Location}) or returned ({@code @iot.selfLink}), as {@code Things(1)}. */
    private static Optional<String> entity(BatchDocument.Answer a) {
        if (a.status() >= 300) {
            return Optional.empty();
        }
        String link = a.headers().get("Location");
        if (link == null && a.body() != null && a.body().startsWith("{")) {
            JsonNode json = json(a.body());
            JsonNode self = json == null ? null : json.get("@iot.selfLink");
            link = self != null && self.isString() ? self.asString() : null;
        }
        if (link == null) {
            return Optional.empty();
        }
        Matcher m = SELF.matcher(link);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Who sent the batch: a device (by its key), a signed-in caller, or nobody. */
    private record Caller(String apiKey, boolean authenticated) {
    }

    private Caller caller(HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        boolean signedIn = auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken);
        return new Caller(request.getHeader(DeviceKeyAccess.HEADER), signedIn);
    }

    /**
     * Runs a change set in one transaction; returns its answers, or its one failure when it was rolled
     * back. Its requests see the entities in {@code visible} and those created before them in it; once
     * it committed, what it created is added to {@code visible}.
     */
    private BatchDocument.AnswerPart changeSet(BatchDocument.Part part, Version v, HttpServletRequest outer,
                                               Caller caller, Map<String, String> visible, String scope) {
        Map<String, String> created = new HashMap<>(visible);
        List<BatchDocument.Answer> answers = new ArrayList<>();
        BatchDocument.Answer[] failure = new BatchDocument.Answer[1];
        tx.executeWithoutResult(status -> {
            for (BatchDocument.Request r : part.requests()) {
                BatchDocument.Answer a = run(r, v, outer, caller, created, true, scope);
                if (a.status() >= 400) {
                    failure[0] = a;
                    status.setRollbackOnly();
                    return;
                }
                answers.add(a);
                entity(a).ifPresent(e -> created.put(r.contentId(), e));
            }
        });
        if (failure[0] == null) {
            visible.putAll(created);
        }
        return failure[0] != null ? new BatchDocument.AnswerPart(List.of(failure[0]), false)
                : new BatchDocument.AnswerPart(List.copyOf(answers), true);
    }

    /** Runs one request and returns its answer; refusals become problem answers. */
    private BatchDocument.Answer run(BatchDocument.Request r, Version v, HttpServletRequest outer, Caller caller,
                                     Map<String, String> created, boolean inChangeSet, String scope) {
        try {
            String target = resolve(target(r, v), created, r, scope);
            String body = r.body() == null ? null : references(r.body(), created, r, scope);
            authorise(r.method(), target, body, v, caller);
            Inner inner = new Inner(outer, r, v, target, body);
            ResponseEntity<?> response;
            if (inChangeSet && r.method().equals("POST") && createsObservation(target)) {
                response = createObservation(inner.path(), body, v);
            } else {
                response = switch (r.method()) {
                    case "GET" -> sta.get(v.segment(), inner);
                    case "POST" -> sta.post(v.segment(), body, inner);
                    case "PATCH" -> sta.patch(v.segment(), body, inner);
                    case "PUT" -> sta.put(v.segment(), body, inner);
                    case "DELETE" -> sta.delete(v.segment(), inner);
                    default -> throw new IllegalStateException("method checked by BatchDocument: " + r.method());
                };
            }
            Map<String, String> headers = new LinkedHashMap<>();
            if (response.getHeaders().getContentType() != null) {
                headers.put("Content-Type", response.getHeaders().getContentType().toString());
            }
            if (response.getHeaders().getLocation() != null) {
                headers.put("Location", response.getHeaders().getLocation().toString());
            }
            Object b = response.getBody();
            return new BatchDocument.Answer(response.getStatusCode().value(), headers, b == null ? null : b.toString(),
                    r.contentId());
        } catch (ProblemException e) {
            return problem(e.status(), e.title(), e.getMessage(), e.errors(), e, r.contentId());
        } catch (Unauthorized e) {
            return problem(401, "Unauthorized", e.getMessage(), e.errors, null, r.contentId());
        } catch (RuntimeException e) {
            log.error("a request of a batch failed unexpectedly: {} {}", r.method(), r.url(), e);
            ObjectNode p = JsonNodeFactory.instance.objectNode();
            p.put("type", "about:blank").put("title", "Internal Server Error").put("status", 500)
                    .put("detail", "Internal error; the server log has the details");
            return new BatchDocument.Answer(500, Map.of("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE),
                    p.toString(), r.contentId());
        }
    }

    /** Returns the problem as the platform would answer it alone (RFC 9457 with {@code errors}). */
    private static BatchDocument.Answer problem(int status, String title, String detail, List<FieldError> fields,
                                                ProblemException e, String contentId) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("type", "about:blank").put("title", title).put("status", status).put("detail", detail);
        if (!fields.isEmpty()) {
            ArrayNode errors = p.putArray("errors");
            for (FieldError f : fields) {
                errors.addObject().put("field", f.field()).put("message", f.message());
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (e instanceof ProblemException.ServiceUnavailable busy) {
            headers.put("Retry-After", String.valueOf(busy.retryAfterSeconds()));
        }
        return new BatchDocument.Answer(status, headers, p.toString(), contentId);
    }

    /**
     * Returns the request's URL relative to the service root: an absolute URL or absolute path must
     * lead through this batch's version ({@code …/v1.1/Things}); a relative one is taken as it is.
     */
    private static String target(BatchDocument.Request r, Version v) {
        String url = r.url();
        int scheme = url.indexOf("://");
        if (scheme > 0) {
            int slash = url.indexOf('/', scheme + 3);
            url = slash < 0 ? "/" : url.substring(slash);
        }
        if (!url.startsWith("/")) {
            return url;
        }
        String marker = "/" + v.segment() + "/";
        int at = url.indexOf(marker);
        if (at < 0) {
            for (Version other : Version.values()) {
                if (other != v && url.contains("/" + other.segment() + "/")) {
                    throw ProblemException.BadRequest.field(r.field() + "/url",
                            "addresses " + other.segment() + " in a " + v.segment() + " batch");
                }
            }
            throw ProblemException.BadRequest.field(r.field() + "/url",
                    "'" + r.url() + "' is not under the service root " + v.segment());
        }
        return url.substring(at + marker.length());
    }

    /**
     * Replaces a leading {@code $<Content-ID>} (multipart change set) or {@code $<id>} (JSON batch) by
     * the entity created under it earlier in the scope named for problems ({@code change set}, {@code batch}).
     */
    private static String resolve(String target, Map<String, String> created, BatchDocument.Request r, String scope) {
        Matcher m = REFERENCE.matcher(target.contains("?") ? target.substring(0, target.indexOf('?')) : target);
        if (!target.startsWith("$") || !m.matches()) {
            return target;
        }
        String entity = created.get(m.group(1));
        if (entity == null) {
            throw ProblemException.BadRequest.field(r.field() + "/url", "'$" + m.group(1)
                    + "' names no entity created earlier in this " + scope);
        }
        return entity + target.substring(1 + m.group(1).length());
    }

    /**
     * Returns the body with every {@code "@iot.id": "$<Content-ID>"} (in a JSON batch {@code "$<id>"})
     * replaced by the id created under it.
     */
    private static String references(String body, Map<String, String> created, BatchDocument.Request r,
                                     String scope) {
        if (created.isEmpty() || !body.contains("\"$")) {
            return body;
        }
        JsonNode json;
        try {
            json = StaStore.JSON.readTree(body);
        } catch (JacksonException e) {
            // the controller answers a malformed body as it would alone
            return body;
        }
        replace(json, created, r, scope);
        return json.toString();
    }

    private static void replace(JsonNode node, Map<String, String> created, BatchDocument.Request r, String scope) {
        if (node instanceof ObjectNode o) {
            JsonNode id = o.get("@iot.id");
            if (id != null && id.isString() && id.asString().startsWith("$")) {
                String entity = created.get(id.asString().substring(1));
                if (entity == null) {
                    throw ProblemException.BadRequest.field(r.field() + "/body", "'" + id.asString()
                            + "' names no entity created earlier in this " + scope);
                }
                o.set("@iot.id", LongNode.valueOf(Long.parseLong(entity.substring(entity.indexOf('(') + 1,
                        entity.length() - 1))));
            }
            o.properties().forEach(e -> replace(e.getValue(), created, r, scope));
        } else if (node instanceof ArrayNode a) {
            a.forEach(x -> replace(x, created, r, scope));
        }
    }

    /**
     * Refuses the request as it would be refused alone: writes need a signed-in caller (unless
     * anonymous writes are on); a device key only creates Observations in the device's own datastreams.
     */
    private void authorise(String method, String target, String body, Version v, Caller caller) {
        if (method.equals("GET")) {
            return;
        }
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        if (caller.apiKey() != null) {
            Optional<Device> device = credentials.byApiKey(caller.apiKey());
            if (device.isEmpty()) {
                throw new Unauthorized("X-Api-Key is not an active device key",
                        List.of(new FieldError(DeviceKeyAccess.HEADER, "is not an active device key")));
            }
            String topic = v.segment() + "/" + path;
            if (!method.equals("POST")) {
                throw new ProblemException.Forbidden("A device key only creates Observations",
                        List.of(new FieldError("path", "a device may not " + method + " " + topic)));
            }
            JsonNode json = json(body);
            if (path.equals("CreateObservations")) {
                if (json != null && json.isArray()) {
                    for (int i = 0; i < json.size(); i++) {
                        guard.check(device.get(), json.get(i), null, "/" + i);
                    }
                }
                return;
            }
            MqttTopics.Create create;
            try {
                create = MqttTopics.create(topic);
            } catch (IllegalArgumentException e) {
                throw new ProblemException.Forbidden("A device key only creates Observations",
                        List.of(new FieldError("path", e.getMessage())));
            }
            guard.check(device.get(), json, create.parent(), "");
            return;
        }
        if (!caller.authenticated() && !environment.getProperty("cityops.sta-anonymous-writes", Boolean.class, false)) {
            throw new Unauthorized("Authentication required: send a valid bearer token", List.of());
        }
    }

    private static JsonNode json(String body) {
        try {
            return body == null ? null : StaStore.JSON.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Returns whether a POST to the path creates an Observation (a set of Observations, not CreateObservations). */
    private static boolean createsObservation(String target) {
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        if (path.equals("CreateObservations")) {
            return false;
        }
        ResourcePath p = ResourcePath.parse(path);
        return p.last().type() == EntityType.OBSERVATION && p.last().id() == null && p.property() == null && !p.ref();
    }

    /**
     * Creates an Observation inside the change set's transaction, through {@link StaWrites} rather
     * than the group-committing ingest, so a later failure in the change set takes it back too.
     */
    private ResponseEntity<String> createObservation(String rest, String body, Version v) {
        ResourcePath path = ResourcePath.parse(rest);
        JsonNode json = StaController.parse(body);
        StaWrites.Parent parent = null;
        if (path.segments().size() == 2 && path.segments().get(0).id() != null) {
            ResourcePath.Segment owner = path.segments().get(0);
            reads.require(owner.type(), owner.id());
            parent = new StaWrites.Parent(StaWrites.inverse(owner.type(), path.last().navigation()).orElseThrow(),
                    owner.id());
        } else if (path.segments().size() != 1) {
            throw ProblemException.BadRequest.field("path", "in a change set, Observations are created in "
                    + "Observations or in one (Multi)Datastream's or FeatureOfInterest's Observations");
        }
        long id = writes.create(EntityType.OBSERVATION, json, parent);
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().path("/sta/" + v.segment()).build()
                .toUriString();
        ObjectNode out = reads.render(reads.require(EntityType.OBSERVATION, id), base, v, QueryOptions.NONE);
        return ResponseEntity.created(URI.create(base + "/Observations(" + id + ")"))
                .contentType(MediaType.APPLICATION_JSON).body(out.toString());
    }

    private static Enumeration<String> headers(HttpServletRequest request, String name) {
        Enumeration<String> e = request.getHeaders(name);
        return e == null ? Collections.emptyEnumeration() : e;
    }

    /** A 401 for one request of a batch (the batch itself is open; its requests are not). */
    private static final class Unauthorized extends RuntimeException {
        private final List<FieldError> errors;

        Unauthorized(String detail, List<FieldError> errors) {
            super(detail);
            this.errors = errors;
        }
    }

    /** One request of the batch, seen by {@link StaController} as if it had come alone. */
    private static final class Inner extends HttpServletRequestWrapper {
        private final BatchDocument.Request request;
        private final String uri;
        private final String path;
        private final String query;
        private final Map<String, String[]> parameters;
        private final byte[] body;

        Inner(HttpServletRequest outer, BatchDocument.Request request, Version v, String target, String body) {
            super(outer);
            this.request = request;
            int q = target.indexOf('?');
            this.path = q < 0 ? target : target.substring(0, q);
            this.query = q < 0 ? null : target.substring(q + 1);
            this.uri = outer.getContextPath() + "/sta/" + v.segment() + "/" + path;
            this.parameters = parameters(query);
            this.body = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        }

        String path() {
            return UriUtils.decode(path, StandardCharsets.UTF_8);
        }

        private static Map<String, String[]> parameters(String query) {
            Map<String, List<String>> collected = new LinkedHashMap<>();
            if (query != null) {
                for (String pair : query.split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    String k = UriUtils.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String val = eq < 0 ? "" : UriUtils.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    collected.computeIfAbsent(k, x -> new ArrayList<>()).add(val);
                }
            }
            Map<String, String[]> out = new LinkedHashMap<>();
            collected.forEach((k, list) -> out.put(k, list.toArray(String[]::new)));
            return out;
        }

        @Override public String getMethod() { return request.method(); }
        @Override public String getRequestURI() { return uri; }
        @Override public String getServletPath() { return uri.substring(getContextPath().length()); }
        @Override public String getPathInfo() { return null; }
        @Override public String getQueryString() { return query; }
        @Override public Map<String, String[]> getParameterMap() { return parameters; }
        @Override public String getParameter(String name) {
            String[] v = parameters.get(name);
            return v == null ? null : v[0];
        }
        @Override public String[] getParameterValues(String name) { return parameters.get(name); }
        @Override public Enumeration<String> getParameterNames() { return Collections.enumeration(parameters.keySet()); }
        @Override public String getContentType() { return request.headers().get("content-type"); }
        @Override public int getContentLength() { return body.length; }
        @Override public long getContentLengthLong() { return body.length; }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override public boolean isFinished() { return in.available() == 0; }
                @Override public boolean isReady() { return true; }
                @Override public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("a batch request's body is read synchronously");
                }
                @Override public int read() { return in.read(); }
                @Override public int read(byte[] b, int off, int len) { return in.read(b, off, len); }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
