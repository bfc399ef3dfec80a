package org.cityops.intake.webhook;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.cityops.platform.ProblemException;
import org.cityops.platform.ProblemException.FieldError;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and checks a webhook body and its headers. Range and catalog checks of location and
 * category are the case entry's; these rules check what only a webhook has.
 */
final class WebhookRules {

    static final Set<String> FIELDS = Set.of("eventType", "categoryCode", "longitude", "latitude", "description",
            "address", "occurredAt", "mediaRefs", "externalId");
    private static final Pattern EVENT_TYPE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Pattern SOURCE_CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WebhookRules() {
    }

    /** Returns the idempotency key, or throws a 400 naming the header when it is missing or too long. */
    static String idempotencyKey(String header) {
        if (header == null || header.isBlank()) {
            throw ProblemException.BadRequest.field("Idempotency-Key", "header is required");
        }
        String key = header.strip();
        if (key.length() > 128) {
            throw ProblemException.BadRequest.field("Idempotency-Key", "is longer than 128 characters");
        }
        return key;
    }

    /** Throws a 400 naming {@code code} unless it is lower-case letters, digits and hyphens (at most 64). */
    static void checkSourceCode(String code) {
        if (code == null || !SOURCE_CODE.matcher(code).matches()) {
            throw ProblemException.BadRequest.field("code",
                    "must be 1–64 lower-case letters, digits or hyphens, starting with a letter or digit");
        }
    }

    /** Returns the event the body holds, or throws a 400 listing every failing field. */
    static WebhookEvent parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw ProblemException.BadRequest.field("body", "is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw ProblemException.BadRequest.field("body", "must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        for (String name : root.propertyNames()) {
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "is not a known property"));
            }
        }
        String eventType = text(root, "eventType", 64, errors);
        if (eventType == null) {
            errors.add(new FieldError("eventType", "is required"));
        } else if (!EVENT_TYPE.matcher(eventType).matches()) {
            errors.add(new FieldError("eventType", "must be upper-case letters, digits and underscores"));
        }
        String categoryCode = text(root, "categoryCode", 16, errors);
        if (categoryCode == null) {
            errors.add(new FieldError("categoryCode", "is required"));
        }
        double longitude = number(root, "longitude", errors);
        double latitude = number(root, "latitude", errors);
        String description = text(root, "description", 4000, errors);
        String address = text(root, "address", 500, errors);
        String externalId = text(root, "externalId", 100, errors);
        Instant occurredAt = null;
        String occurred = text(root, "occurredAt", 64, errors);
        if (occurred != null) {
            try {
                occurredAt = OffsetDateTime.parse(occurred).toInstant();
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("occurredAt", "must be an ISO 8601 date-time with offset"));
            }
        }
        List<String> mediaRefs = new ArrayList<>();
        JsonNode media = root.get("mediaRefs");
        if (media != null && !media.isNull()) {
            if (!media.isArray()) {
                errors.add(new FieldError("mediaRefs", "must be an array of strings"));
            } else {
                media.forEach(m -> {
                    if (m.isString() && !m.asString().isBlank()) {
                        mediaRefs.add(m.asString().strip());
                    } else {
                        errors.add(new FieldError("mediaRefs", "must hold non-blank strings"));
                    }
                });
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest("Invalid webhook event: " + errors.get(0).field() + " "
                    + errors.get(0).message(), errors);
        }
        return new WebhookEvent(eventType, categoryCode, longitude, latitude, description, address, occurredAt,
                mediaRefs, externalId);
    }

    /** Returns the case description: the sender's, or its event type and time when it sent none. */
    static String description(WebhookEvent event, String sourceName) {
        if (event.description() != null) {
            return event.description();
        }
        return sourceName + ": " + event.eventType() + (event.occurredAt() == null ? "" : " @ " + event.occurredAt());
    }

    private static String text(JsonNode root, String field, int max, List<FieldError> errors) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        String s = node.asString().strip();
        if (s.isEmpty()) {
            return null;
        }
        if (s.length() > max) {
            errors.add(new FieldError(field, "is longer than " + max + " characters"));
            return null;
        }
        return s;
    }

    private static double number(JsonNode root, String field, List<FieldError> errors) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            errors.add(new FieldError(field, "is required"));
            return Double.NaN;
        }
        if (!node.isNumber()) {
            errors.add(new FieldError(field, "must be a number"));
            return Double.NaN;
        }
        return node.asDouble();
    }
}
