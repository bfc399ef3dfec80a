package org.cityops.geo.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.WKTWriter;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

import tools.jackson.databind.JsonNode;

/**
 * Reads GeoJSON Polygon and MultiPolygon geometries into JTS (WGS 84, lon/lat), naming every
 * defect instead of failing on the first; writes them back as GeoJSON and as WKT for storage.
 */
final class GeoJsonGeometry {

    /** The factory of every geometry of the city model: floating precision, SRID 4326. */
    static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private static final double EARTH_RADIUS_M = 6_371_008.8;

    private GeoJsonGeometry() {
    }

    /**
     * Returns the polygonal geometry the GeoJSON describes, or empty after adding to
     * {@code problems} why it cannot be used (wrong type, malformed or out-of-range
     * coordinates, unclosed or short rings, invalid topology such as self-intersection).
     */
    static Optional<Geometry> read(JsonNode geometry, List<String> problems) {
        if (geometry == null || !geometry.isObject()) {
            problems.add("geometry must be a GeoJSON object");
            return Optional.empty();
        }
        JsonNode type = geometry.get("type");
        String typeName = type != null && type.isString() ? type.stringValue() : String.valueOf(type);
        JsonNode coordinates = geometry.get("coordinates");
        int before = problems.size();
        Geometry result = switch (typeName) {
            case "Polygon" -> polygon(coordinates, "coordinates", problems);
            case "MultiPolygon" -> multiPolygon(coordinates, problems);
            default -> {
                problems.add("wrong geometry type " + typeName + "; expected Polygon or MultiPolygon");
                yield null;
            }
        };
        if (result == null || problems.size() > before) {
            return Optional.empty();
        }
        TopologyValidationError error = new IsValidOp(result).getValidationError();
        if (error != null) {
            Coordinate at = error.getCoordinate();
            problems.add("invalid polygon: " + error.getMessage()
                    + (at == null ? "" : " at (" + at.x + ", " + at.y + ")"));
            return Optional.empty();
        }
        return Optional.of(result);
    }

    private static MultiPolygon multiPolygon(JsonNode coordinates, List<String> problems) {
        if (coordinates == null || !coordinates.isArray() || coordinates.isEmpty()) {
            problems.add("coordinates of a MultiPolygon must be a non-empty array of polygons");
            return null;
        }
        int before = problems.size();
        Polygon[] polygons = new Polygon[coordinates.size()];
        for (int i = 0; i < polygons.length; i++) {
            polygons[i] = polygon(coordinates.get(i), "polygon " + i, problems);
        }
        return problems.size() == before ? FACTORY.createMultiPolygon(polygons) : null;
    }

    private static Polygon polygon(JsonNode rings, String where, List<String> problems) {
        if (rings == null || !rings.isArray() || rings.isEmpty()) {
            problems.add(where + " must be a non-empty array of linear rings");
            return null;
        }
        LinearRing[] parsed = new LinearRing[rings.size()];
        boolean ok = true;
        for (int r = 0; r < parsed.length; r++) {
            parsed[r] = ring(rings.get(r), where + ", ring " + r, problems);
            ok &= parsed[r] != null;
        }
        if (!ok) {
            return null;
        }
        LinearRing[] holes = new LinearRing[parsed.length - 1];
        System.arraycopy(parsed, 1, holes, 0, holes.length);
        return FACTORY.createPolygon(parsed[0], holes);
    }

    private static LinearRing ring(JsonNode positions, String where, List<String> problems) {
        if (positions == null || !positions.isArray()) {
            problems.add(where + " must be an array of positions");
            return null;
        }
        Coordinate[] coordinates = new Coordinate[positions.size()];
        for (int p = 0; p < coordinates.length; p++) {
            JsonNode position = positions.get(p);
            if (!position.isArray() || position.size() < 2 || !position.get(0).isNumber() || !position.get(1).isNumber()) {
                problems.add(where + ", position " + p + " is not a [longitude, latitude] pair of numbers");
                return null;
            }
            double lon = position.get(0).doubleValue();
            double lat = position.get(1).doubleValue();
            if (!Double.isFinite(lon) || !Double.isFinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90) {
                problems.add(where + ", position " + p + " (" + lon + ", " + lat + ") is outside the WGS 84 range");
                return null;
            }
            coordinates[p] = new Coordinate(lon, lat);
        }
        if (coordinates.length < 4) {
            problems.add(where + " has " + coordinates.length + " positions; a linear ring needs at least 4");
            return null;
        }
        if (!coordinates[0].equals2D(coordinates[coordinates.length - 1])) {
            problems.add(where + " is not closed: its first and last positions differ");
            return null;
        }
        return FACTORY.createLinearRing(coordinates);
    }

    /** Returns the geometry as a GeoJSON geometry object (maps and lists, ready for Jackson). */
    static Map<String, Object> toGeoJson(Geometry geometry) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (geometry instanceof Polygon polygon) {
            json.put("type", "Polygon");
            json.put("coordinates", rings(polygon));
        } else if (geometry instanceof MultiPolygon multi) {
            json.put("type", "MultiPolygon");
            List<Object> polygons = new ArrayList<>();
            for (int i = 0; i < multi.getNumGeometries(); i++) {
                polygons.add(rings((Polygon) multi.getGeometryN(i)));
            }
            json.put("coordinates", polygons);
        } else {
            throw new IllegalArgumentException("not polygonal: " + geometry.getGeometryType());
        }
        return json;
    }

    private static List<Object> rings(Polygon polygon) {
        List<Object> rings = new ArrayList<>();
        rings.add(positions(polygon.getExteriorRing().getCoordinates()));
        for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
            rings.add(positions(polygon.getInteriorRingN(i).getCoordinates()));
        }
        return rings;
    }

    private static List<double[]> positions(Coordinate[] coordinates) {
        List<double[]> positions = new ArrayList<>(coordinates.length);
        for (Coordinate c : coordinates) {
            positions.add(new double[] {c.x, c.y});
        }
        return positions;
    }

    /** Returns the geometry as WKT with full precision, the storage form. */
    static String toWkt(Geometry geometry) {
        return new WKTWriter().write(geometry);
    }

    /** Returns the geometry stored as WKT. */
    static Geometry fromWkt(String wkt) {
        try {
            return new WKTReader(FACTORY).read(wkt);
        } catch (ParseException e) {
            throw new IllegalStateException("stored boundary is not WKT: " + e.getMessage(), e);
        }
    }

    /**
     * Returns the area in square metres, projecting onto a plane tangent at the geometry's
     * centre (equirectangular): accurate to well under 1 % for grids and streets.
     */
    static double areaSquareMetres(Geometry geometry) {
        double lat0 = Math.toRadians(geometry.getEnvelopeInternal().centre().y);
        double metresPerDegree = Math.toRadians(1) * EARTH_RADIUS_M;
        double xScale = metresPerDegree * Math.cos(lat0);
        Geometry projected = geometry.copy();
        projected.apply((CoordinateFilter) c -> {
            c.x = c.x * xScale;
            c.y = c.y * metresPerDegree;
        });
        projected.geometryChanged();
        return projected.getArea();
    }
}
