package org.cityops.sensing.internal;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Reads GeoJSON geometries (and the geometry of a GeoJSON Feature) into JTS, in WGS 84 longitude/latitude. */
final class GeoJson {

    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private GeoJson() {
    }

    /** Returns the geometry of a GeoJSON geometry or Feature, or throws {@link IllegalArgumentException} saying why not. */
    static Geometry geometry(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a GeoJSON object");
        }
        String type = node.path("type").asString("");
        if (type.equals("Feature")) {
            return geometry(node.get("geometry"));
        }
        JsonNode c = node.get("coordinates");
        if (c == null && !type.equals("GeometryCollection")) {
            throw new IllegalArgumentException("GeoJSON " + type + " without coordinates");
        }
        return switch (type) {
            case "Point" -> point(c);
            case "LineString" -> FACTORY.createLineString(coordinates(c));
            case "Polygon" -> polygon(c);
            case "MultiPoint" -> {
                Point[] points = new Point[c.size()];
                for (int i = 0; i < c.size(); i++) {
                    points[i] = point(c.get(i));
                }
                yield FACTORY.createMultiPoint(points);
            }
            case "MultiLineString" -> {
                LineString[] lines = new LineString[c.size()];
                for (int i = 0; i < c.size(); i++) {
                    lines[i] = FACTORY.createLineString(coordinates(c.get(i)));
                }
                yield FACTORY.createMultiLineString(lines);
            }
            case "MultiPolygon" -> {
                Polygon[] polygons = new Polygon[c.size()];
                for (int i = 0; i < c.size(); i++) {
                    polygons[i] = polygon(c.get(i));
                }
                yield FACTORY.createMultiPolygon(polygons);
            }
            case "GeometryCollection" -> {
                JsonNode members = node.path("geometries");
                Geometry[] parts = new Geometry[members.size()];
                for (int i = 0; i < members.size(); i++) {
                    parts[i] = geometry(members.get(i));
                }
                yield FACTORY.createGeometryCollection(parts);
            }
            default -> throw new IllegalArgumentException("unknown GeoJSON type '" + type + "'");
        };
    }

    /** Returns a bounding box as GeoJSON: a Point or LineString when it has no area, else a Polygon. */
    static JsonNode box(Envelope e) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (e.getWidth() == 0 && e.getHeight() == 0) {
            out.put("type", "Point");
            position(out.putArray("coordinates"), e.getMinX(), e.getMinY());
            return out;
        }
        if (e.getWidth() == 0 || e.getHeight() == 0) {
            out.put("type", "LineString");
            ArrayNode line = out.putArray("coordinates");
            position(line.addArray(), e.getMinX(), e.getMinY());
            position(line.addArray(), e.getMaxX(), e.getMaxY());
            return out;
        }
        out.put("type", "Polygon");
        ArrayNode ring = out.putArray("coordinates").addArray();
        position(ring.addArray(), e.getMinX(), e.getMinY());
        position(ring.addArray(), e.getMaxX(), e.getMinY());
        position(ring.addArray(), e.getMaxX(), e.getMaxY());
        position(ring.addArray(), e.getMinX(), e.getMaxY());
        position(ring.addArray(), e.getMinX(), e.getMinY());
        return out;
    }

    private static void position(ArrayNode into, double x, double y) {
        into.add(x);
        into.add(y);
    }

    private static Point point(JsonNode c) {
        return FACTORY.createPoint(coordinate(c));
    }

    private static Polygon polygon(JsonNode rings) {
        if (rings.isEmpty()) {
            return FACTORY.createPolygon();
        }
        LinearRing shell = FACTORY.createLinearRing(coordinates(rings.get(0)));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = FACTORY.createLinearRing(coordinates(rings.get(i)));
        }
        return FACTORY.createPolygon(shell, holes);
    }

    private static Coordinate[] coordinates(JsonNode list) {
        Coordinate[] out = new Coordinate[list.size()];
        for (int i = 0; i < list.size(); i++) {
            out[i] = coordinate(list.get(i));
        }
        return out;
    }

    private static Coordinate coordinate(JsonNode c) {
        if (c == null || !c.isArray() || c.size() < 2 || !c.get(0).isNumber() || !c.get(1).isNumber()) {
            throw new IllegalArgumentException("a position must be [longitude, latitude]");
        }
        return new Coordinate(c.get(0).asDouble(), c.get(1).asDouble());
    }
}
