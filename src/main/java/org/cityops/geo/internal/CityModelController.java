package org.cityops.geo.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cityops.geo.DivisionLevel;
import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads divisions, unit grids and duty grids. Reference data: every signed-in role may read it. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "City model", description = "Administrative divisions, unit grids (单元网格) and duty grids (责任网格)")
class CityModelController {

    private final GeoStore store;
    private final GeoSettings settings;

    CityModelController(GeoStore store, GeoSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /** One page of a list: its items, where it starts, and how many there are in all. */
    record Page<T>(List<T> items, int page, int size, long total) {
    }

    @GetMapping("/divisions")
    @Operation(summary = "List divisions, optionally of one parent and/or level, ordered by code (paged)")
    Page<Map<String, Object>> divisions(Actor actor, @RequestParam(required = false) String parent,
                                        @RequestParam(required = false) DivisionLevel level,
                                        @RequestParam(defaultValue = "0") int page,
                                        @RequestParam(defaultValue = "100") int size) {
        checkPage(page, size);
        List<Map<String, Object>> items = store.divisions(parent, level, (long) page * size, size).stream()
                .map(CityModelController::summary).toList();
        return new Page<>(items, page, size, store.countDivisions(parent, level));
    }

    @GetMapping("/divisions/{code}")
    @Operation(summary = "Read a division with its boundary (GeoJSON geometry) and its children")
    Map<String, Object> division(Actor actor, @PathVariable String code) {
        GeoStore.DivisionRow row = store.division(code)
                .orElseThrow(() -> new ProblemException.NotFound("no division with code " + code));
        Map<String, Object> body = summary(row);
        body.put("boundary", GeoJsonGeometry.toGeoJson(GeoJsonGeometry.fromWkt(row.boundaryWkt())));
        if (row.division().level() == DivisionLevel.COMMUNITY) {
            body.put("children", store.grids(code, 0, settings.maxExportFeatures()).stream()
                    .map(CityModelController::gridSummary).toList());
        } else {
            body.put("children", store.divisions(code, null, 0, settings.maxExportFeatures()).stream()
                    .map(CityModelController::summary).toList());
        }
        return body;
    }

    @GetMapping("/grids")
    @Operation(summary = "List unit grids, optionally of one community, ordered by code (paged)")
    Page<Map<String, Object>> grids(Actor actor, @RequestParam(required = false) String community,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "100") int size) {
        checkPage(page, size);
        return new Page<>(store.grids(community, (long) page * size, size).stream().map(CityModelController::gridSummary).toList(),
                page, size, store.countGrids(community));
    }

    @GetMapping("/grids/{code}")
    @Operation(summary = "Read a unit grid with its boundary (GeoJSON geometry) and the duty grids it belongs to")
    Map<String, Object> grid(Actor actor, @PathVariable String code) {
        GeoStore.GridRow row = store.grid(code)
                .orElseThrow(() -> new ProblemException.NotFound("no unit grid with code " + code));
        Map<String, Object> body = gridSummary(row);
        body.put("dutyGrids", store.dutyGridsOf(code));
        body.put("boundary", GeoJsonGeometry.toGeoJson(GeoJsonGeometry.fromWkt(row.boundaryWkt())));
        return body;
    }

    @GetMapping("/duty-grids")
    @Operation(summary = "List duty grids with their inspector and unit grids, optionally of one street (paged)")
    Page<Map<String, Object>> dutyGrids(Actor actor, @RequestParam(required = false) String street,
                                        @RequestParam(defaultValue = "0") int page,
                                        @RequestParam(defaultValue = "100") int size) {
        checkPage(page, size);
        Function<GeoStore.DutyGridRow, Map<String, Object>> toJson = d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", d.code());
            m.put("name", d.name());
            m.put("streetCode", d.streetCode());
            m.put("inspector", d.inspector());
            m.put("active", d.active());
            m.put("grids", d.grids());
            m.put("boundary", d.boundaryWkt() == null ? null : GeoJsonGeometry.toGeoJson(GeoJsonGeometry.fromWkt(d.boundaryWkt())));
            return m;
        };
        return new Page<>(store.dutyGrids(street, (long) page * size, size).stream().map(toJson).toList(), page, size,
                store.countDutyGrids(street));
    }

    private void checkPage(int page, int size) {
        if (page < 0) {
            throw ProblemException.BadRequest.field("page", "must be 0 or more");
        }
        if (size < 1 || size > settings.maxPageSize()) {
            throw ProblemException.BadRequest.field("size", "must be between 1 and " + settings.maxPageSize());
        }
    }

    private static Map<String, Object> summary(GeoStore.DivisionRow row) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", row.division().code());
        m.put("name", row.division().name());
        m.put("level", row.division().level());
        m.put("parentCode", row.division().parentCode());
        m.put("active", row.active());
        return m;
    }

    private static Map<String, Object> gridSummary(GeoStore.GridRow row) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", row.code());
        m.put("name", row.name());
        m.put("communityCode", row.communityCode());
        m.put("areaM2", Math.round(row.areaSquareMetres() * 10) / 10.0);
        m.put("active", row.active());
        return m;
    }
}
