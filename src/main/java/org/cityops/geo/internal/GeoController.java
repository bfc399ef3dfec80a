package org.cityops.geo.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cityops.geo.DivisionLevel;
import org.cityops.geo.GeoImported;
import org.cityops.geo.GridLocation;
import org.cityops.geo.GridLookup;
import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.cityops.platform.Role;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

/** GeoJSON import, point lookup and GeoJSON export of the city model. */
@RestController
@RequestMapping("/api/v1/geo")
@Tag(name = "Geo", description = "City model: GeoJSON import, point → grid lookup, GeoJSON export")
class GeoController {

    static final String GEO_JSON = "application/geo+json";

    private final GeoImporter importer;
    private final GridLookup lookup;
    private final GeoStore store;
    private final GeoSettings settings;

    GeoController(GeoImporter importer, GridLookup lookup, GeoStore store, GeoSettings settings) {
        this.importer = importer;
        this.lookup = lookup;
        this.store = store;
        this.settings = settings;
    }

    @PostMapping(path = "/import", consumes = {MediaType.APPLICATION_JSON_VALUE, GEO_JSON})
    @Operation(summary = "Import a GeoJSON FeatureCollection of divisions, unit grids and duty grids (admin only)",
            description = "All or nothing: any failing feature rejects the whole file with 400 naming each feature. "
                    + "Stored codes are updated. Files over the request body limit go through the CLI: "
                    + "java -jar cityops-exec.jar import-geojson <file>")
    ImportResult importGeoJson(Actor actor, @RequestBody JsonNode document) {
        if (actor.role() != Role.ADMIN) {
            throw new ProblemException.Forbidden("only an administrator imports the city model");
        }
        GeoImported imported = importer.importFeatures(document);
        return new ImportResult(imported.counts(), imported.created(), imported.updated());
    }

    /** What an import wrote: features per kind, and how many were new or updated. */
    record ImportResult(Map<String, Integer> counts, int created, int updated) {
    }

    @GetMapping("/lookup")
    @Operation(summary = "Find the unit grid, community, street, district and city containing a WGS 84 point",
            description = "404 when the point lies outside every unit grid; 400 naming lon or lat when missing "
                    + "or out of range")
    Map<String, Object> locate(Actor actor, @RequestParam(required = false) Double lon,
                               @RequestParam(required = false) Double lat) {
        List<ProblemException.FieldError> errors = new ArrayList<>();
        if (lon == null || !Double.isFinite(lon) || lon < -180 || lon > 180) {
            errors.add(new ProblemException.FieldError("lon", lon == null ? "is required"
                    : "must be a longitude between -180 and 180"));
        }
        if (lat == null || !Double.isFinite(lat) || lat < -90 || lat > 90) {
            errors.add(new ProblemException.FieldError("lat", lat == null ? "is required"
                    : "must be a latitude between -90 and 90"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest("Invalid point: " + String.join("; ",
                    errors.stream().map(e -> e.field() + " " + e.message()).toList()), errors);
        }
        GridLocation found = lookup.locate(lon, lat).orElseThrow(() -> new ProblemException.NotFound(
                "the point (" + lon + ", " + lat + ") lies outside every unit grid"));
        Map<String, String> names = store.names(List.of(found.gridCode(), found.communityCode(), found.streetCode(),
                found.districtCode(), found.cityCode()).stream().filter(Objects::nonNull).toList());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lon", lon);
        body.put("lat", lat);
        body.put("grid", named(found.gridCode(), names));
        body.put("community", named(found.communityCode(), names));
        body.put("street", named(found.streetCode(), names));
        body.put("district", named(found.districtCode(), names));
        body.put("city", named(found.cityCode(), names));
        return body;
    }

    private static Map<String, String> named(String code, Map<String, String> names) {
        if (code == null) {
            return null;
        }
        Map<String, String> named = new LinkedHashMap<>();
        named.put("code", code);
        named.put("name", names.get(code));
        return named;
    }

    @GetMapping(path = "/features", produces = {GEO_JSON, MediaType.APPLICATION_JSON_VALUE})
    @Operation(summary = "Export the active unit grids (kind=grid) or divisions of a level (kind=community|street|district) "
            + "below a division as a GeoJSON FeatureCollection")
    ResponseEntity<Map<String, Object>> features(Actor actor, @RequestParam(required = false) String parent,
                                                 @RequestParam(defaultValue = "grid") String kind) {
        if (parent == null || parent.isBlank()) {
            throw ProblemException.BadRequest.field("parent", "is required: the code of a division");
        }
        if (store.division(parent).isEmpty()) {
            throw new ProblemException.NotFound("no division with code " + parent);
        }
        String prefix = DivisionCodes.subtreePrefix(parent);
        int limit = settings.maxExportFeatures() + 1;
        List<Map<String, Object>> features = new ArrayList<>();
        if ("grid".equals(kind)) {
            for (GeoStore.GridRow g : store.gridsUnder(prefix, limit)) {
                features.add(feature(g.boundaryWkt(), "grid", g.code(), g.name(), g.communityCode(),
                        Math.round(g.areaSquareMetres())));
            }
        } else {
            DivisionLevel level = FeatureKind.fromProperty(kind).flatMap(FeatureKind::level)
                    .filter(l -> l != DivisionLevel.CITY)
                    .orElseThrow(() -> ProblemException.BadRequest.field("kind",
                            "must be one of grid, community, street, district"));
            for (GeoStore.DivisionRow d : store.divisionsUnder(prefix, level, limit)) {
                features.add(feature(d.boundaryWkt(), kind, d.division().code(), d.division().name(),
                        d.division().parentCode(), null));
            }
        }
        if (features.size() > settings.maxExportFeatures()) {
            throw ProblemException.BadRequest.field("parent", "more than " + settings.maxExportFeatures()
                    + " features lie below " + parent + "; export a smaller division");
        }
        Map<String, Object> collection = new LinkedHashMap<>();
        collection.put("type", "FeatureCollection");
        collection.put("features", features);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(GEO_JSON)).body(collection);
    }

    /** Returns a feature whose properties follow the import schema, so an export can be re-imported. */
    private static Map<String, Object> feature(String wkt, String kind, String code, String name, String parent,
                                               Long areaSquareMetres) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("kind", kind);
        properties.put("code", code);
        properties.put("name", name);
        properties.put("parent", parent);
        if (areaSquareMetres != null) {
            properties.put("areaM2", areaSquareMetres);
        }
        Map<String, Object> feature = new LinkedHashMap<>();
        feature.put("type", "Feature");
        feature.put("geometry", GeoJsonGeometry.toGeoJson(GeoJsonGeometry.fromWkt(wkt)));
        feature.put("properties", properties);
        return feature;
    }
}
