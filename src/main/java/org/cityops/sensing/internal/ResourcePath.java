package org.cityops.sensing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cityops.platform.ProblemException;

/**
 * A SensorThings resource path after the version, such as {@code Things(1)/Datastreams},
 * {@code Datastreams(2)/Thing/name/$value} or {@code Things(1)/Locations/$ref}.
 *
 * @param segments the entity set and the relations followed, each with the type reached
 * @param property the property addressed at the end, or {@code null}
 * @param value    whether {@code $value} follows the property
 * @param ref      whether the path ends in {@code $ref}
 */
record ResourcePath(List<Segment> segments, String property, boolean value, boolean ref) {

    /**
     * One step: the entity set (navigation {@code null}) or a relation, and an optional id.
     *
     * @param type       the type reached
     * @param navigation the relation followed, {@code null} for the entity set
     * @param id         the id in parentheses, or {@code null}
     */
    record Segment(EntityType type, EntityType.Navigation navigation, Long id) {
        String text() {
            String name = navigation == null ? type.plural() : navigation.name();
            return id == null ? name : name + "(" + id + ")";
        }
    }

    private static final Pattern STEP = Pattern.compile("([A-Za-z]+)(?:\\('?(\\d+)'?\\))?");

    /** Returns the parsed path or throws 404 naming the segment that leads nowhere. */
    static ResourcePath parse(String text) {
        String[] parts = text.split("/");
        List<Segment> segments = new ArrayList<>();
        String property = null;
        boolean value = false;
        boolean ref = false;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty() && i == parts.length - 1 && i > 0) {
                break;
            }
            if (ref || value) {
                throw notFound(part, "nothing follows $ref or $value");
            }
            if (part.equals("$ref")) {
                if (segments.isEmpty() || property != null) {
                    throw notFound(part, "$ref follows an entity or collection");
                }
                ref = true;
                continue;
            }
            if (part.equals("$value")) {
                if (property == null) {
                    throw notFound(part, "$value follows a property");
                }
                value = true;
                continue;
            }
            if (property != null) {
                throw notFound(part, "a property has no members in a path");
            }
            Matcher m = STEP.matcher(part);
            if (!m.matches()) {
                if (part.matches("[A-Za-z]+\\(.*\\)")) {
                    throw ProblemException.BadRequest.field("path", "'" + part + "': ids are integers");
                }
                throw notFound(part, "not a SensorThings resource");
            }
            String name = m.group(1);
            Long id = m.group(2) == null ? null : id(part, m.group(2));
            if (segments.isEmpty()) {
                EntityType type = EntityType.byPlural(name).orElseThrow(() -> notFound(part, "no such entity set"));
                segments.add(new Segment(type, null, id));
                continue;
            }
            Segment last = segments.get(segments.size() - 1);
            var nav = last.type().navigation(name);
            if (nav.isPresent()) {
                if (id != null && !nav.get().toMany()) {
                    throw notFound(part, nav.get().name() + " leads to one entity; it takes no id");
                }
                segments.add(new Segment(nav.get().target(), nav.get(), id));
                continue;
            }
            boolean single = last.id() != null || (last.navigation() != null && !last.navigation().toMany());
            if (last.type().property(name).isPresent() || name.equals("id")) {
                if (!single || id != null) {
                    throw notFound(part, "properties are read from one entity");
                }
                property = name;
                continue;
            }
            throw notFound(part, last.type().singular() + " has no property or relation '" + name + "'");
        }
        if (segments.isEmpty()) {
            throw notFound(text, "no entity set");
        }
        return new ResourcePath(List.copyOf(segments), property, value, ref);
    }

    private static long id(String part, String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            // larger than any id this server hands out
            throw notFound(part, "no entity with that id");
        }
    }

    private static ProblemException.NotFound notFound(String part, String why) {
        return new ProblemException.NotFound("No resource at '" + part + "': " + why);
    }

    /** Returns the last segment. */
    Segment last() {
        return segments.get(segments.size() - 1);
    }

    /** Returns the path without its last segment (and without property, $value, $ref). */
    ResourcePath parentPath() {
        return new ResourcePath(segments.subList(0, segments.size() - 1), null, false, false);
    }

    /** Returns the path's text (segments only). */
    String text() {
        return String.join("/", segments.stream().map(Segment::text).toList());
    }
}
