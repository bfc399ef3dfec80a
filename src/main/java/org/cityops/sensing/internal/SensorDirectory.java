package org.cityops.sensing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cityops.geo.GridLocation;
import org.cityops.geo.GridLookup;
import org.cityops.platform.Actor;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

/**
 * The city's own view of its sensors: Things with where they are in the city (unit grid,
 * community, street, district from their Location), owning department, type, and the latest
 * value of each datastream. Department and type are the Thing's {@code properties} members
 * {@value #DEPARTMENT} and {@value #TYPE}.
 */
@RestController
@RequestMapping("/api/v1/sensors")
@Tag(name = "Sensors", description = "SensorThings Things tied to the city model, with their latest values")
class SensorDirectory {

    static final String DEPARTMENT = "cityops:department";
    static final String TYPE = "cityops:type";
    /** The Thing property listing its tags (an array of strings) that rules can watch. */
    static final String TAGS = "cityops:tags";

    private final StaStore store;
    private final LatestValues latest;
    private final GridLookup grids;
    private final SensingSettings settings;
    private final LivenessWatch liveness;

    SensorDirectory(StaStore store, LatestValues latest, GridLookup grids, SensingSettings settings,
                    LivenessWatch liveness) {
        this.liveness = liveness;
        this.store = store;
        this.latest = latest;
        this.grids = grids;
        this.settings = settings;
    }

    /**
     * One sensor Thing as the city sees it; {@code online} is {@code null} when none of its datastreams
     * declares an expected interval, {@code false} when any of those is offline.
     */
    record SensorView(long id, String name, String type, Long departmentId, Double longitude, Double latitude,
                      GridLocation location, Boolean online, List<StreamView> datastreams) {
    }

    /**
     * One datastream with its latest observation ({@code null} members when it has none yet) and
     * whether it reports in time ({@code null} when it declares no expected interval).
     */
    record StreamView(long id, String name, String observationType, Boolean online,
                      @Schema(implementation = Object.class, description = "the SensorThings unitOfMeasurement object")
                      JsonNode unitOfMeasurement,
                      String phenomenonTime,
                      @Schema(implementation = Object.class, description = "the latest result: any JSON value")
                      JsonNode result) {
    }

    @GetMapping
    @Operation(summary = "List sensor Things by region (any division code), grid, department and type, with latest values")
    @Transactional(readOnly = true)
    List<SensorView> list(@RequestParam(required = false) String region, @RequestParam(required = false) String grid,
                          @RequestParam(required = false) Long department, @RequestParam(required = false) String type,
                          Actor actor) {
        List<SensorView> out = new ArrayList<>();
        for (Entity thing : store.list(EntityType.THING, null, 0, settings.maxScan())) {
            SensorView view = view(thing);
            if (type != null && !type.equals(view.type())) {
                continue;
            }
            if (department != null && !department.equals(view.departmentId())) {
                continue;
            }
            if (grid != null && (view.location() == null || !grid.equals(view.location().gridCode()))) {
                continue;
            }
            if (region != null && !within(view.location(), region)) {
                continue;
            }
            if (!visible(actor, view)) {
                continue;
            }
            out.add(view);
        }
        return out;
    }

    private static boolean visible(Actor actor, SensorView view) {
        if (actor.unrestricted()) {
            return true;
        }
        if (actor.role().departmentScoped()) {
            return Objects.equals(actor.departmentId(), view.departmentId());
        }
        return within(view.location(), actor.regionCode());
    }

    private static boolean within(GridLocation l, String code) {
        return l != null && (code.equals(l.gridCode()) || code.equals(l.communityCode()) || code.equals(l.streetCode())
                || code.equals(l.districtCode()) || code.equals(l.cityCode()));
    }

    private SensorView view(Entity thing) {
        JsonNode properties = (JsonNode) thing.values().get("properties");
        String type = properties != null && properties.path(TYPE).isString() ? properties.get(TYPE).asString() : null;
        Long department = properties != null && properties.path(DEPARTMENT).canConvertToLong()
                && properties.path(DEPARTMENT).isIntegralNumber() ? properties.get(DEPARTMENT).asLong() : null;
        Double lon = null;
        Double lat = null;
        GridLocation where = null;
        Optional<Point> point = point(thing.id());
        if (point.isPresent()) {
            lon = point.get().getX();
            lat = point.get().getY();
            where = grids.locate(lon, lat).orElse(null);
        }
        List<StreamView> streams = new ArrayList<>();
        EntityType.Navigation nav = EntityType.THING.navigation("Datastreams").orElseThrow();
        for (Entity d : store.list(EntityType.DATASTREAM, new StaStore.Scope(EntityType.THING, thing.id(), nav), 0,
                settings.maxScan())) {
            Optional<Entity> last = latest.latest(d.id());
            streams.add(new StreamView(d.id(), (String) d.values().get("name"), (String) d.values().get("observationType"),
                    liveness.online(d.id(), (JsonNode) d.values().get("properties")),
                    (JsonNode) d.values().get("unitOfMeasurement"),
                    last.map(o -> o.values().get("phenomenonTime").toString()).orElse(null),
                    last.map(o -> (JsonNode) o.values().get("result")).orElse(null)));
        }
        List<Boolean> watched = new ArrayList<>(streams.stream().map(StreamView::online).filter(Objects::nonNull).toList());
        EntityType.Navigation multi = EntityType.THING.navigation("MultiDatastreams").orElseThrow();
        for (Entity m : store.list(EntityType.MULTI_DATASTREAM, new StaStore.Scope(EntityType.THING, thing.id(), multi), 0,
                settings.maxScan())) {
            Boolean on = liveness.onlineMulti(m.id(), (JsonNode) m.values().get("properties"));
            if (on != null) {
                watched.add(on);
            }
        }
        Boolean online = watched.stream().reduce(Boolean::logicalAnd).orElse(null);
        return new SensorView(thing.id(), (String) thing.values().get("name"), type, department, lon, lat, where,
                online, streams);
    }

    /** Returns a representative point of the Thing's first Location (its interior point for areas). */
    private Optional<Point> point(long thingId) {
        EntityType.Navigation nav = EntityType.THING.navigation("Locations").orElseThrow();
        for (Entity l : store.list(EntityType.LOCATION, new StaStore.Scope(EntityType.THING, thingId, nav), 0, 10)) {
            try {
                Geometry g = GeoJson.geometry((JsonNode) l.values().get("location"));
                if (!g.isEmpty()) {
                    return Optional.of(g instanceof Point p ? p : g.getInteriorPoint());
                }
            } catch (IllegalArgumentException e) {
                // a Location in another encoding has no point in the city model; try the next
            }
        }
        return Optional.empty();
    }
}
