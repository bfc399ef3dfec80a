package org.cityops.intake.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The two response formats of GeoReport v2, chosen by the path's extension. Documents are plain
 * maps and lists; XML is written by hand because the spec's documents are flat and small.
 */
enum Open311Format {
    JSON("application/json;charset=UTF-8"),
    XML("application/xml;charset=UTF-8");

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    /** The element name of one item of each list the spec defines. */
    private static final Map<String, String> ITEM = Map.of("services", "service", "service_requests", "request",
            "errors", "error", "attributes", "attribute", "values", "value");

    private final String contentType;

    Open311Format(String contentType) {
        this.contentType = contentType;
    }

    /** Returns the format named by a path extension, or throws a 400 naming {@code format}. */
    static Open311Format of(String extension) {
        return switch (extension) {
            case "json" -> JSON;
            case "xml" -> XML;
            default -> throw Open311Error.badRequest("format", "must be json or xml, was '" + extension + "'");
        };
    }

    /** Returns the format a request path asks for, JSON unless it ends in {@code .xml}. */
    static Open311Format ofPath(String path) {
        return path != null && path.endsWith(".xml") ? XML : JSON;
    }

    String contentType() {
        return contentType;
    }

    /**
     * Returns the document as text: in JSON the body itself (a list or an object), in XML an
     * element named {@code root} around it.
     */
    String write(String root, Object body) {
        if (this == JSON) {
            return MAPPER.writeValueAsString(body);
        }
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        element(xml, root, body);
        return xml.toString();
    }

    private static void element(StringBuilder xml, String name, Object value) {
        if (value == null) {
            xml.append('<').append(name).append("/>");
            return;
        }
        xml.append('<').append(name).append('>');
        if (value instanceof List<?> items) {
            String item = ITEM.getOrDefault(name, "item");
            items.forEach(i -> element(xml, item, i));
        } else if (value instanceof Map<?, ?> fields) {
            fields.forEach((k, v) -> element(xml, k.toString(), v));
        } else if (value instanceof Double d) {
            xml.append(BigDecimal.valueOf(d).stripTrailingZeros().toPlainString());
        } else {
            escape(xml, value.toString());
        }
        xml.append("</").append(name).append('>');
    }

    /** Escapes markup and drops characters XML 1.0 cannot carry at all (most control characters). */
    static void escape(StringBuilder xml, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '&' -> xml.append("&amp;");
                case '"' -> xml.append("&quot;");
                case '\'' -> xml.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        if (c != 0xFFFE && c != 0xFFFF) {
                            xml.append(c);
                        }
                    }
                }
            }
        }
    }
}
