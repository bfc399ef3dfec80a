package org.cityops.sensing.internal;

import org.cityops.platform.ProblemException;

import tools.jackson.databind.JsonNode;

/** Reads members of SensorThings documents: property values by their kind, and {@code @iot.id}s. */
final class MemberValues {

    private MemberValues() {
    }

    /** Returns the JSON value converted to the property's kind, or refuses it with 400 naming the field. */
    static Object convert(EntityType.Property p, JsonNode v, String field) {
        if (v.isNull()) {
            if (p.required()) {
                throw ProblemException.BadRequest.field(field, "cannot be null");
            }
            return null;
        }
        return switch (p.kind()) {
            case TEXT -> {
                if (!v.isString()) {
                    throw ProblemException.BadRequest.field(field, "must be a string, not " + v.getNodeType());
                }
                yield v.asString();
            }
            case JSON -> v;
            case INSTANT, TIME -> {
                if (!v.isString()) {
                    throw ProblemException.BadRequest.field(field, "must be an ISO 8601 time string, not " + v);
                }
                TimeValue t;
                try {
                    t = TimeValue.parse(v.asString());
                } catch (IllegalArgumentException e) {
                    throw ProblemException.BadRequest.field(field, e.getMessage());
                }
                if (p.kind() == EntityType.Kind.INSTANT && t.interval()) {
                    throw ProblemException.BadRequest.field(field, "must be an instant, not an interval");
                }
                yield t;
            }
        };
    }

    /** Returns the {@code @iot.id} the JSON value gives, or refuses it with 400 naming the field. */
    static long idOf(JsonNode v, String field) {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        if (v.isString() && v.asString().matches("\\d{1,18}")) {
            return Long.parseLong(v.asString());
        }
        throw ProblemException.BadRequest.field(field, "must be an integer id, not " + v);
    }
}
