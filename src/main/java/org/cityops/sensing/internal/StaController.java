package org.cityops.sensing.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.cityops.platform.ProblemException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OGC SensorThings API at {@code /sta/v1.0} and {@code /sta/v1.1}: resource paths are
 * parsed here, reads go to {@link StaReads}, observations to {@link GroupCommitIngest}, other writes to
 * {@link StaWrites}. Open without a token
 * (see docs/sensorthings.md): device credentials for writes come with the ingest work.
 */
@RestController
@RequestMapping("/sta")
@Tag(name = "SensorThings", description = "OGC SensorThings API Part 1: Sensing (v1.0 and v1.1)")
class StaController {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/iot_sensing/1.1/req/core",
            "http://www.opengis.net/spec/iot_sensing/1.1/req/datamodel",
            "http://www.opengis.net/spec/iot_sensing/1.1/req/resource-path/resource-path-to-entities",
            "http://www.opengis.net/spec/iot_sensing/1.1/req/request-data",
            "http://www.opengis.net/spec/iot_sensing/1.1/req/create-update-delete",
            "http://www.opengis.net/spec/iot_sensing/1.1/req/data-array",
            "http://www.opengis.net/spec/iot_sensing/1.1/req/batch-request",
            "http://www.opengis.net/spec/iot_sensing/1.1/req/multi-datastream");

    /** The MQTT conformance classes (18-088 §14), listed with the broker's endpoint while it runs. */
    private static final String MQTT_CREATE =
            "http://www.opengis.net/spec/iot_sensing/1.1/req/create-observations-via-mqtt/observations-creation";
    private static final String MQTT_RECEIVE =
            "http://www.opengis.net/spec/iot_sensing/1.1/req/receive-updates-via-mqtt/receive-updates";

    private final StaReads reads;
    private final StaWrites writes;
    private final GroupCommitIngest ingest;
    private final MqttBroker broker;

    StaController(StaReads reads, StaWrites writes, GroupCommitIngest ingest, MqttBroker broker) {
        this.reads = reads;
        this.writes = writes;
        this.ingest = ingest;
        this.broker = broker;
    }

    @GetMapping({"/{version}", "/{version}/"})
    @Operation(summary = "Service root: the entity sets (and for v1.1 the server settings with conformance classes)")
    ResponseEntity<String> root(@PathVariable String version) {
        Version v = version(version);
        String base = base(v);
        ObjectNode out = NODES.objectNode();
        if (v == Version.V1_1) {
            ObjectNode settings = out.putObject("serverSettings");
            ArrayNode conformance = settings.putArray("conformance");
            CONFORMANCE.forEach(conformance::add);
            if (broker.port() > 0) {
                conformance.add(MQTT_CREATE).add(MQTT_RECEIVE);
                String host = ServletUriComponentsBuilder.fromCurrentContextPath().build().getHost();
                List<String> endpoints = new ArrayList<>(List.of("mqtt://" + host + ":" + broker.port()));
                if (broker.tlsPort() > 0) {
                    endpoints.add("mqtts://" + host + ":" + broker.tlsPort());
                }
                if (broker.webSocketPort() > 0) {
                    endpoints.add((broker.webSocketTls() ? "wss://" : "ws://") + host + ":" + broker.webSocketPort()
                            + "/mqtt");
                }
                ArrayNode create = settings.putObject(MQTT_CREATE).putArray("endpoints");
                ArrayNode receive = settings.putObject(MQTT_RECEIVE).putArray("endpoints");
                endpoints.forEach(e -> {
                    create.add(e);
                    receive.add(e);
                });
            }
        }
        ArrayNode value = out.putArray("value");
        for (EntityType t : EntityType.values()) {
            value.addObject().put("name", t.plural()).put("url", base + "/" + t.plural());
        }
        return json(200, out);
    }

    @GetMapping("/{version}/**")
    @Operation(summary = "Read an entity set, entity, navigation, property, $value or $ref with the query options")
    ResponseEntity<String> get(@PathVariable String version, HttpServletRequest request) {
        Version v = version(version);
        String base = base(v);
        ResourcePath path = ResourcePath.parse(rest(request, v));
        QueryOptions options = QueryOptions.parse(parameters(request));
        Target target = resolve(path);
        if (target.property() != null) {
            Entity e = target.entity();
            Object value = target.property().equals("id") ? (Object) e.id() : e.values().get(target.property());
            if (path.value()) {
                JsonNode json = StaReads.json(value);
                String text = json.isString() ? json.asString() : json.toString();
                return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(text);
            }
            ObjectNode out = NODES.objectNode();
            out.set(target.property(), StaReads.json(value));
            return json(200, out);
        }
        if (target.single()) {
            if (target.entity() == null) {
                throw new ProblemException.NotFound("No " + target.type().singular() + " at " + path.text());
            }
            if (path.ref()) {
                ObjectNode ref = NODES.objectNode();
                ref.put("@iot.selfLink", base + "/" + target.type().plural() + "(" + target.entity().id() + ")");
                return json(200, ref);
            }
            StaReads.check(target.type(), options);
            return json(200, reads.render(target.entity(), base, v, options));
        }
        if (options.dataArray() && (target.type() != EntityType.OBSERVATION || path.ref())) {
            throw ProblemException.BadRequest.field("$resultFormat", "dataArray applies to Observations only");
        }
        StaReads.Page page = reads.page(target.type(), target.scope(), options);
        ObjectNode out = NODES.objectNode();
        if (page.count() != null) {
            out.put("@iot.count", page.count());
        }
        ArrayNode value = out.putArray("value");
        if (options.dataArray()) {
            DataArray.write(page.entities(), base, value);
        }
        for (Entity e : options.dataArray() ? List.<Entity>of() : page.entities()) {
            if (path.ref()) {
                value.addObject().put("@iot.selfLink", base + "/" + e.type().plural() + "(" + e.id() + ")");
            } else {
                value.add(reads.render(e, base, v, options));
            }
        }
        if (page.more()) {
            out.put("@iot.nextLink", nextLink(base + "/" + path.text(), request, page));
        }
        return json(200, out);
    }

    @PostMapping("/{version}/**")
    @Operation(summary = "Create an entity (deep insert, links by @iot.id), or Observations in bulk via CreateObservations")
    ResponseEntity<String> post(@PathVariable String version, @RequestBody(required = false) String body,
                           HttpServletRequest request) {
        Version v = version(version);
        String base = base(v);
        String rest = rest(request, v);
        JsonNode json = parse(body);
        if (rest.equals("CreateObservations")) {
            return json(201, ingest.await(ingest.createObservations(json, base)));
        }
        ResourcePath path = ResourcePath.parse(rest);
        if (path.property() != null || path.ref() || path.value()) {
            throw ProblemException.BadRequest.field("path", "entities are created by POST to an entity set");
        }
        StaWrites.Parent parent = null;
        EntityType type;
        if (path.segments().size() == 1) {
            if (path.last().id() != null) {
                throw ProblemException.BadRequest.field("path", "POST to an entity set, not to one entity");
            }
            type = path.last().type();
        } else if (observationsOf(path)) {
            // Datastreams(1)/Observations: the ingest checks the parent against its cache (404), no SELECT here
            ResourcePath.Segment owner = path.segments().get(0);
            EntityType.Navigation nav = path.last().navigation();
            parent = new StaWrites.Parent(StaWrites.inverse(owner.type(), nav).orElseThrow(), owner.id());
            type = EntityType.OBSERVATION;
        } else {
            Target owner = resolve(path.parentPath());
            if (!owner.single() || owner.entity() == null) {
                throw new ProblemException.NotFound("No entity at " + path.parentPath().text());
            }
            EntityType.Navigation nav = path.last().navigation();
            if (!nav.toMany() || path.last().id() != null) {
                throw ProblemException.BadRequest.field("path", "entities are created in a collection");
            }
            EntityType.Navigation inverse = StaWrites.inverse(owner.type(), nav).orElseThrow();
            parent = new StaWrites.Parent(inverse, owner.entity().id());
            type = nav.target();
        }
        Entity created = type == EntityType.OBSERVATION ? ingest.await(ingest.ingest(json, parent))
                : reads.require(type, writes.create(type, json, parent));
        long id = created.id();
        ObjectNode out = reads.render(created, base, v, QueryOptions.NONE);
        return ResponseEntity.created(URI.create(base + "/" + type.plural() + "(" + id + ")"))
                .contentType(MediaType.APPLICATION_JSON).body(out.toString());
    }

    /** Returns whether the path is a collection of Observations right under one entity, such as {@code Datastreams(1)/Observations}. */
    private static boolean observationsOf(ResourcePath path) {
        return path.segments().size() == 2 && path.segments().get(0).id() != null && path.last().id() == null
                && path.last().navigation().toMany() && path.last().navigation().target() == EntityType.OBSERVATION;
    }

    @PatchMapping("/{version}/**")
    @Operation(summary = "Update the given members of an entity")
    ResponseEntity<String> patch(@PathVariable String version, @RequestBody(required = false) String body,
                     HttpServletRequest request) {
        return update(version, body, request, false);
    }

    @PutMapping("/{version}/**")
    @Operation(summary = "Replace an entity: members not given are reset (relations stay)")
    ResponseEntity<String> put(@PathVariable String version, @RequestBody(required = false) String body,
                   HttpServletRequest request) {
        return update(version, body, request, true);
    }

    @DeleteMapping("/{version}/**")
    @Operation(summary = "Delete an entity and what the standard deletes with it")
    ResponseEntity<Void> delete(@PathVariable String version, HttpServletRequest request) {
        Version v = version(version);
        Target target = entityTarget(ResourcePath.parse(rest(request, v)));
        writes.delete(target.type(), target.entity().id());
        return ResponseEntity.ok().build();
    }

    private ResponseEntity<String> update(String version, String body, HttpServletRequest request, boolean replace) {
        Version v = version(version);
        ResourcePath path = ResourcePath.parse(rest(request, v));
        Target target = entityTarget(path);
        writes.update(target.type(), target.entity().id(), parse(body), replace);
        return json(200, reads.render(reads.require(target.type(), target.entity().id()), base(v), v, QueryOptions.NONE));
    }

    /** Returns the JSON as the response body, written here so the document is exactly what was built. */
    private static ResponseEntity<String> json(int status, JsonNode body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body.toString());
    }

    private Target entityTarget(ResourcePath path) {
        if (path.property() != null || path.ref() || path.value()) {
            throw ProblemException.BadRequest.field("path", "address one entity, e.g. Things(1)");
        }
        Target target = resolve(path);
        if (!target.single()) {
            throw ProblemException.BadRequest.field("path", "address one entity, e.g. Things(1)");
        }
        if (target.entity() == null) {
            throw new ProblemException.NotFound("No " + target.type().singular() + " at " + path.text());
        }
        return target;
    }

    /** What a resource path leads to: one entity (possibly absent), or a collection in a scope; maybe a property. */
    private record Target(EntityType type, boolean single, Entity entity, StaStore.Scope scope, String property) {
    }

    private Target resolve(ResourcePath path) {
        Target t = null;
        for (ResourcePath.Segment s : path.segments()) {
            if (t == null) {
                if (s.id() == null) {
                    t = new Target(s.type(), false, null, null, null);
                } else {
                    t = new Target(s.type(), true, reads.require(s.type(), s.id()), null, null);
                }
                continue;
            }
            if (!t.single() || t.entity() == null) {
                throw ProblemException.BadRequest.field("path", "a relation can only be followed from one entity");
            }
            EntityType.Navigation nav = s.navigation();
            if (!nav.toMany()) {
                Long id = t.entity().links().get(nav.name());
                Entity e = id == null ? null : reads.require(nav.target(), id);
                if (e == null) {
                    throw new ProblemException.NotFound("No " + nav.targetName() + " at " + path.text());
                }
                t = new Target(nav.target(), true, e, null, null);
            } else if (s.id() != null) {
                Entity e = reads.require(nav.target(), s.id());
                StaStore.Scope scope = new StaStore.Scope(t.type(), t.entity().id(), nav);
                if (!reads.inScope(nav.target(), scope, s.id())) {
                    throw new ProblemException.NotFound("No " + nav.targetName() + " with @iot.id " + s.id()
                            + " at " + path.text());
                }
                t = new Target(nav.target(), true, e, null, null);
            } else {
                t = new Target(nav.target(), false, null, new StaStore.Scope(t.type(), t.entity().id(), nav), null);
            }
        }
        if (path.property() != null) {
            if (!t.single()) {
                throw ProblemException.BadRequest.field("path", "a property is read from one entity");
            }
            return new Target(t.type(), true, t.entity(), null, path.property());
        }
        return t;
    }

    private static Version version(String segment) {
        return Version.of(segment).orElseThrow(() ->
                new ProblemException.NotFound("No SensorThings API version '" + segment + "': use v1.0 or v1.1"));
    }

    private static String base(Version v) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/sta/" + v.segment()).build().toUriString();
    }

    private static String rest(HttpServletRequest request, Version v) {
        String uri = request.getRequestURI().substring(request.getContextPath().length());
        String prefix = "/sta/" + v.segment() + "/";
        String rest = uri.length() > prefix.length() ? uri.substring(prefix.length()) : "";
        return UriUtils.decode(rest, StandardCharsets.UTF_8);
    }

    private static Map<String, String> parameters(HttpServletRequest request) {
        Map<String, String> out = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> {
            if (v.length > 1 && k.startsWith("$")) {
                throw ProblemException.BadRequest.field(k, "is given more than once");
            }
            out.put(k, v[0]);
        });
        return out;
    }

    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.BadRequest.field("body", "is required");
        }
        try {
            return StaStore.JSON.readTree(body);
        } catch (JacksonException e) {
            throw new ProblemException.BadRequest("Malformed JSON: " + e.getOriginalMessage(),
                    List.of(new ProblemException.FieldError("body", "is not well-formed JSON")));
        }
    }

    private static String nextLink(String url, HttpServletRequest request, StaReads.Page page) {
        List<String> parts = new ArrayList<>();
        request.getParameterMap().forEach((k, v) -> {
            if (!k.equals("$top") && !k.equals("$skip")) {
                parts.add(encode(k) + "=" + encode(v[0]));
            }
        });
        parts.add("$top=" + page.top());
        parts.add("$skip=" + (page.skip() + page.top()));
        return url + "?" + String.join("&", parts);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%24", "$");
    }
}
