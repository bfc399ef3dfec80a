package org.cityops.sensing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.cityops.sensing.ObservationHistory;
import org.cityops.sensing.SensedObservation;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Reads observations of single-value datastreams back from the SensorThings tables. */
@Component
class StoredObservationHistory implements ObservationHistory {

    private final JdbcClient jdbc;
    private final ObservationFeedHub hub;
    private final StaStore store;
    private final ObjectMapper json;

    StoredObservationHistory(JdbcClient jdbc, ObservationFeedHub hub, StaStore store, ObjectMapper json) {
        this.jdbc = jdbc;
        this.hub = hub;
        this.store = store;
        this.json = json;
    }

    private record Row(long id, long datastreamId, Instant time, String result) {
    }

    @Override
    public List<SensedObservation> observations(String observedProperty, String propertyDefinition, Instant from,
                                                Instant to, int limit) {
        if (observedProperty == null && propertyDefinition == null) {
            throw new IllegalArgumentException("name or definition of the observed property needed");
        }
        List<Row> rows = jdbc.sql("""
                        select o.id, o.datastream_id, coalesce(o.phenomenon_time_end, o.phenomenon_time_start) t, o.result
                        from sta_observation o
                        join sta_datastream d on d.id = o.datastream_id
                        join sta_observed_property p on p.id = d.observed_property_id
                        where (p.name = ? or p.definition = ?)
                          and o.phenomenon_time_start >= ? and o.phenomenon_time_start < ?
                        order by o.phenomenon_time_start, o.id
                        limit ?""")
                .param(observedProperty).param(propertyDefinition).param(utc(from)).param(utc(to)).param(limit)
                .query(StoredObservationHistory::row).list();
        List<SensedObservation> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            hub.context(r.datastreamId()).ifPresent(c -> out.add(hub.sensed(r.id(), c, r.time(),
                    r.result() == null ? null : json.readTree(r.result()))));
        }
        return out;
    }

    @Override
    public List<SensedObservation> latest(String observedProperty, String propertyDefinition, int limit) {
        if (observedProperty == null && propertyDefinition == null) {
            throw new IllegalArgumentException("name or definition of the observed property needed");
        }
        List<Long> datastreams = jdbc.sql("""
                        select d.id from sta_datastream d
                        join sta_observed_property p on p.id = d.observed_property_id
                        where p.name = ? or p.definition = ?
                        order by d.id
                        limit ?""")
                .param(observedProperty).param(propertyDefinition).param(limit).query(Long.class).list();
        List<SensedObservation> out = new ArrayList<>(datastreams.size());
        for (long id : datastreams) {
            store.latestObservation(id).ifPresent(o -> hub.context(id).ifPresent(c -> {
                TimeValue time = (TimeValue) o.values().get("phenomenonTime");
                Instant at = time == null ? null : time.end() != null ? time.end() : time.start();
                out.add(hub.sensed(o.id(), c, at, (JsonNode) o.values().get("result")));
            }));
        }
        return out;
    }

    @Override
    public Optional<Position> position(long thingId) {
        EntityType.Navigation nav = EntityType.THING.navigation("Locations").orElseThrow();
        for (Entity l : store.list(EntityType.LOCATION, new StaStore.Scope(EntityType.THING, thingId, nav), 0, 10)) {
            try {
                Geometry g = GeoJson.geometry((JsonNode) l.values().get("location"));
                if (!g.isEmpty()) {
                    Point pt = g instanceof Point x ? x : g.getInteriorPoint();
                    return Optional.of(new Position(pt.getX(), pt.getY()));
                }
            } catch (IllegalArgumentException e) {
                // a Location in another encoding has no place on the map; try the next
            }
        }
        return Optional.empty();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong(1), rs.getLong(2), rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4));
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
