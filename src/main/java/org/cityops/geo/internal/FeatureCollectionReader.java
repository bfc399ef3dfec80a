package org.cityops.geo.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.cityops.platform.ProblemException.FieldError;
import org.locationtech.jts.geom.Geometry;

import tools.jackson.databind.JsonNode;

/**
 * Reads a GeoJSON FeatureCollection of the city model, checking each feature on its own
 * (kind, code format, name, geometry). The property schema is documented in
 * {@code docs/geo-import.md}.
 */
final class FeatureCollectionReader {

    /** Features that could be read, and the problems of those that could not. */
    record Result(List<ImportFeature> features, List<FieldError> errors) {
    }

    private FeatureCollectionReader() {
    }

    /** Returns the features read from the document and every problem found in it. */
    static Result read(JsonNode document) {
        List<FieldError> errors = new ArrayList<>();
        List<ImportFeature> features = new ArrayList<>();
        if (document == null || !document.isObject() || !"FeatureCollection".equals(text(document.get("type")))) {
            errors.add(new FieldError("type", "the document must be a GeoJSON FeatureCollection"));
            return new Result(features, errors);
        }
        JsonNode array = document.get("features");
        if (array == null || !array.isArray()) {
            errors.add(new FieldError("features", "must be an array of features"));
            return new Result(features, errors);
        }
        for (int i = 0; i < array.size(); i++) {
            feature(i, array.get(i), errors).ifPresent(features::add);
        }
        return new Result(features, errors);
    }

    private static Optional<ImportFeature> feature(int index, JsonNode feature, List<FieldError> errors) {
        String at = "features[" + index + "]";
        if (!feature.isObject() || !"Feature".equals(text(feature.get("type")))) {
            errors.add(new FieldError(at, "is not a GeoJSON Feature"));
            return Optional.empty();
        }
        JsonNode properties = feature.get("properties");
        if (properties == null || !properties.isObject()) {
            errors.add(new FieldError(at + ".properties", "must be an object with kind, code and name"));
            return Optional.empty();
        }
        String code = text(properties.get("code"));
        String label = code == null ? "" : code + ": ";
        int before = errors.size();
        if (code == null || code.isBlank()) {
            errors.add(new FieldError(at + ".properties.code", properties.hasNonNull("code")
                    ? "must be a string of digits (was " + properties.get("code") + ")" : "is required"));
        }
        String kindName = text(properties.get("kind"));
        Optional<FeatureKind> kind = FeatureKind.fromProperty(kindName);
        if (kind.isEmpty()) {
            errors.add(new FieldError(at + ".properties.kind", label
                    + "must be one of city, district, street, community, grid, duty_grid (was " + kindName + ")"));
        } else if (code != null && !code.isBlank()) {
            DivisionCodes.formatProblem(kind.get(), code)
                    .ifPresent(p -> errors.add(new FieldError(at + ".properties.code", label + p)));
        }
        String name = text(properties.get("name"));
        if (name == null || name.isBlank()) {
            errors.add(new FieldError(at + ".properties.name", label + "is required"));
        } else if (name.length() > 200) {
            errors.add(new FieldError(at + ".properties.name", label + "is longer than 200 characters"));
        }
        String parent = text(properties.get("parent"));
        if (kind.isPresent() && kind.get() == FeatureKind.CITY && parent != null) {
            errors.add(new FieldError(at + ".properties.parent", label + "a city has no parent"));
        } else if (kind.isPresent() && kind.get() != FeatureKind.CITY && (parent == null || parent.isBlank())) {
            errors.add(new FieldError(at + ".properties.parent", label + "is required for a " + kind.get().property()));
        }
        List<String> grids = new ArrayList<>();
        JsonNode gridsNode = properties.get("grids");
        if (gridsNode != null && !gridsNode.isNull()) {
            if (kind.isPresent() && kind.get() != FeatureKind.DUTY_GRID) {
                errors.add(new FieldError(at + ".properties.grids", label + "only a duty_grid lists grids"));
            } else if (!gridsNode.isArray()) {
                errors.add(new FieldError(at + ".properties.grids", label + "must be an array of unit grid codes"));
            } else {
                for (JsonNode g : gridsNode) {
                    String grid = text(g);
                    if (grid == null || DivisionCodes.formatProblem(FeatureKind.GRID, grid).isPresent()) {
                        errors.add(new FieldError(at + ".properties.grids", label + "'" + g + "' is not a unit grid code"));
                    } else {
                        grids.add(grid);
                    }
                }
            }
        }
        String inspector = text(properties.get("inspector"));
        if (inspector != null && (inspector.isBlank() || inspector.length() > 100)) {
            errors.add(new FieldError(at + ".properties.inspector", label + "must be a username of 1 to 100 characters"));
        }
        JsonNode activeNode = properties.get("active");
        if (activeNode != null && !activeNode.isNull() && !activeNode.isBoolean()) {
            errors.add(new FieldError(at + ".properties.active", label + "must be true or false"));
        }
        boolean active = activeNode == null || activeNode.isNull() || activeNode.booleanValue();
        JsonNode geometryNode = feature.get("geometry");
        Geometry geometry = null;
        boolean optionalGeometry = kind.isPresent() && kind.get() == FeatureKind.DUTY_GRID;
        if (geometryNode == null || geometryNode.isNull()) {
            if (!optionalGeometry) {
                errors.add(new FieldError(at + ".geometry", label + "a Polygon or MultiPolygon is required"));
            }
        } else {
            List<String> problems = new ArrayList<>();
            geometry = GeoJsonGeometry.read(geometryNode, problems).orElse(null);
            problems.forEach(p -> errors.add(new FieldError(at + ".geometry", label + p)));
        }
        if (errors.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new ImportFeature(index, kind.orElseThrow(), code, name.strip(), parent, geometry, grids,
                inspector, active));
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }
}
