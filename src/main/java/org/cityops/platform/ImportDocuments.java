package org.cityops.platform;

import java.util.List;
import java.util.Locale;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads an imported document (catalog, calendar, …) from JSON or YAML text into its record,
 * strictly (unknown properties and fractional integers refused), naming the failing place on error.
 */
public final class ImportDocuments {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT).build();
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT).build();

    private ImportDocuments() {
    }

    /** Returns whether the content type names YAML ({@code application/yaml}, {@code application/x-yaml}, {@code text/yaml}). */
    public static boolean isYaml(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("application/yaml") || type.startsWith("application/x-yaml") || type.startsWith("text/yaml");
    }

    /** Returns the document read from the text, YAML or JSON by content type; a malformed one is a bad request. */
    public static <T> T read(String text, String contentType, Class<T> type) {
        if (text == null || text.isBlank()) {
            throw ProblemException.BadRequest.field("body", "is required");
        }
        boolean yaml = isYaml(contentType);
        try {
            T document = (yaml ? YAML : JSON).readValue(text, type);
            if (document == null) {
                throw ProblemException.BadRequest.field("body", "is empty");
            }
            return document;
        } catch (JacksonException e) {
            String field = path(e);
            String message = (yaml ? "YAML" : "JSON") + " cannot be read here: " + e.getOriginalMessage();
            throw new ProblemException.BadRequest("Unreadable " + (yaml ? "YAML" : "JSON") + " at '" + field + "'",
                    List.of(new ProblemException.FieldError(field, message)));
        }
    }

    /** Returns where in the document a Jackson failure happened, as {@code a.b[2].c}, or {@code body}. */
    public static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}
