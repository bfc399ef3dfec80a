package org.cityops.sensing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes SensorThings entities, table by table, as the {@link EntityType} model
 * describes them. JSON members are stored as text and parsed here.
 */
@Repository
class StaStore {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    StaStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Where a collection is reached from: a parent entity and the relation followed, or nowhere (the whole set). */
    record Scope(EntityType parentType, long parentId, EntityType.Navigation navigation) {
    }

    /** Returns the entity, if it exists. */
    Optional<Entity> find(EntityType type, long id) {
        return jdbc.sql("select * from " + type.table() + " where id = ?").param(id)
                .query((rs, n) -> map(type, rs)).optional();
    }

    /** Returns whether the entity exists. */
    boolean exists(EntityType type, long id) {
        return jdbc.sql("select count(*) from " + type.table() + " where id = ?").param(id)
                .query(Long.class).single() > 0;
    }

    /**
     * Returns the entities in scope ordered by id (a MultiDatastream's ObservedProperties in their
     * position order, repeats included), at most {@code limit} from {@code offset} on.
     */
    List<Entity> list(EntityType type, Scope scope, long offset, long limit) {
        if (linked(scope)) {
            EntityType.Navigation nav = scope.navigation();
            return jdbc.sql("select t.* from " + type.table() + " t join " + nav.linkTable() + " l on t.id = l."
                            + nav.linkColumn() + " where l." + nav.column() + " = ? order by " + linkOrder(nav)
                            + " offset ? rows fetch next ? rows only")
                    .param(scope.parentId()).param(offset).param(limit)
                    .query((rs, n) -> map(type, rs)).list();
        }
        Where w = where(scope);
        return jdbc.sql("select * from " + type.table() + w.sql() + " order by id offset ? rows fetch next ? rows only")
                .params(w.params()).param(offset).param(limit)
                .query((rs, n) -> map(type, rs)).list();
    }

    /**
     * Returns the entities in scope that meet a translated condition, in its order, at most
     * {@code limit} from {@code offset} on. Not for link-table scopes.
     */
    List<Entity> list(EntityType type, Scope scope, SqlTranslation.Plan plan, long offset, long limit) {
        Where w = where(scope);
        String sql = "select * from " + type.table() + (w.sql().isEmpty() ? " where " : w.sql() + " and ")
                + plan.where() + " order by " + plan.orderBy() + " offset ? rows fetch next ? rows only";
        List<Object> params = new ArrayList<>(w.params());
        params.addAll(plan.params());
        params.add(offset);
        params.add(limit);
        return jdbc.sql(sql).params(params).query((rs, n) -> map(type, rs)).list();
    }

    /** Returns how many entities in scope meet a translated condition. Not for link-table scopes. */
    long count(EntityType type, Scope scope, SqlTranslation.Plan plan) {
        Where w = where(scope);
        List<Object> params = new ArrayList<>(w.params());
        params.addAll(plan.params());
        return jdbc.sql("select count(*) from " + type.table() + (w.sql().isEmpty() ? " where " : w.sql() + " and ")
                + plan.where()).params(params).query(Long.class).single();
    }

    /** Returns how many entities are in scope. */
    long count(EntityType type, Scope scope) {
        if (linked(scope)) {
            EntityType.Navigation nav = scope.navigation();
            return jdbc.sql("select count(*) from " + nav.linkTable() + " where " + nav.column() + " = ?")
                    .param(scope.parentId()).query(Long.class).single();
        }
        Where w = where(scope);
        return jdbc.sql("select count(*) from " + type.table() + w.sql()).params(w.params())
                .query(Long.class).single();
    }

    /** Returns whether the entity with the id is among those in scope. */
    boolean inScope(EntityType type, Scope scope, long id) {
        if (linked(scope)) {
            EntityType.Navigation nav = scope.navigation();
            return jdbc.sql("select count(*) from " + nav.linkTable() + " where " + nav.column() + " = ? and "
                    + nav.linkColumn() + " = ?").param(scope.parentId()).param(id).query(Long.class).single() > 0;
        }
        Where w = where(scope);
        String sql = "select count(*) from " + type.table() + w.sql() + (w.sql().isEmpty() ? " where" : " and") + " id = ?";
        return jdbc.sql(sql).params(w.params()).param(id).query(Long.class).single() > 0;
    }

    /** Returns whether a scope is a link table's (where translated conditions do not apply). */
    static boolean linked(Scope scope) {
        return scope != null && scope.navigation().storage() == EntityType.Storage.LINK_TABLE;
    }

    private static String linkOrder(EntityType.Navigation nav) {
        return nav.linkTable().equals(MULTI_DATASTREAM_OBSERVED_PROPERTY) ? "l.list_index, t.id" : "t.id";
    }

    /** The link table that keeps a MultiDatastream's ObservedProperties in order. */
    static final String MULTI_DATASTREAM_OBSERVED_PROPERTY = "sta_multi_datastream_observed_property";

    private record Where(String sql, List<Object> params) {
    }

    private static Where where(Scope scope) {
        if (scope == null) {
            return new Where("", List.of());
        }
        EntityType.Navigation nav = scope.navigation();
        return switch (nav.storage()) {
            case OWN_COLUMN -> new Where(" where id = (select " + nav.column() + " from " + scope.parentType().table()
                    + " where id = ?)", List.of(scope.parentId()));
            case TARGET_COLUMN -> new Where(" where " + nav.column() + " = ?", List.of(scope.parentId()));
            case LINK_TABLE -> new Where(" where id in (select " + nav.linkColumn() + " from " + nav.linkTable()
                    + " where " + nav.column() + " = ?)", List.of(scope.parentId()));
        };
    }

    /** Inserts an entity and returns its new id. */
    long insert(EntityType type, Map<String, Object> values, Map<String, Long> links) {
        Map<String, Object> columns = columns(type, values, links);
        String sql = "insert into " + type.table() + " (" + String.join(", ", columns.keySet()) + ") values ("
                + String.join(", ", columns.keySet().stream().map(c -> "?").toList()) + ")";
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql(sql).params(new ArrayList<>(columns.values())).update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Updates the given properties and to-one links of an entity. */
    void update(EntityType type, long id, Map<String, Object> values, Map<String, Long> links) {
        Map<String, Object> columns = columns(type, values, links);
        if (columns.isEmpty()) {
            return;
        }
        String sql = "update " + type.table() + " set "
                + String.join(", ", columns.keySet().stream().map(c -> c + " = ?").toList()) + " where id = ?";
        List<Object> params = new ArrayList<>(columns.values());
        params.add(id);
        jdbc.sql(sql).params(params).update();
    }

    /** Deletes one row of a table by id. */
    void delete(EntityType type, long id) {
        jdbc.sql("delete from " + type.table() + " where id = ?").param(id).update();
    }

    /** Deletes the rows of a link table naming the id in the column. */
    void unlinkAll(String linkTable, String column, long id) {
        jdbc.sql("delete from " + linkTable + " where " + column + " = ?").param(id).update();
    }

    /** Links two entities through a link table (unless already linked; a MultiDatastream's positions always add). */
    void link(EntityType.Navigation nav, long from, long to) {
        if (nav.linkTable().equals(MULTI_DATASTREAM_OBSERVED_PROPERTY)) {
            // positions of a MultiDatastream in the order linked; the same ObservedProperty may stand twice
            boolean fromStream = nav.column().equals("multi_datastream_id");
            long stream = fromStream ? from : to;
            long property = fromStream ? to : from;
            long position = jdbc.sql("select count(*) from " + MULTI_DATASTREAM_OBSERVED_PROPERTY
                    + " where multi_datastream_id = ?").param(stream).query(Long.class).single();
            jdbc.sql("insert into " + MULTI_DATASTREAM_OBSERVED_PROPERTY
                            + " (multi_datastream_id, observed_property_id, list_index) values (?, ?, ?)")
                    .param(stream).param(property).param(position).update();
            return;
        }
        long already = jdbc.sql("select count(*) from " + nav.linkTable() + " where " + nav.column() + " = ? and "
                + nav.linkColumn() + " = ?").param(from).param(to).query(Long.class).single();
        if (already > 0) {
            return;
        }
        jdbc.sql("insert into " + nav.linkTable() + " (" + nav.column() + ", " + nav.linkColumn() + ") values (?, ?)")
                .param(from).param(to).update();
    }

    /** Returns the ids of the observed properties of a multi-datastream in their order. */
    List<Long> multiDatastreamObservedProperties(long multiDatastreamId) {
        return jdbc.sql("select observed_property_id from sta_multi_datastream_observed_property"
                        + " where multi_datastream_id = ? order by list_index").param(multiDatastreamId)
                .query(Long.class).list();
    }

    /** Returns the feature of interest generated from the location earlier, if any. */
    Optional<Long> featureGeneratedFrom(long locationId) {
        return jdbc.sql("select id from sta_feature_of_interest where generated_from_location = ? order by id")
                .param(locationId).query(Long.class).list().stream().findFirst();
    }

    /** Records that a feature of interest was generated from a location. */
    void markGenerated(long featureId, long locationId) {
        jdbc.sql("update sta_feature_of_interest set generated_from_location = ? where id = ?")
                .param(locationId).param(featureId).update();
    }

    /** Clears the mark of features generated from a location that is being deleted (the features stay). */
    void forgetGeneratedFrom(long locationId) {
        jdbc.sql("update sta_feature_of_interest set generated_from_location = null where generated_from_location = ?")
                .param(locationId).update();
    }

    /** Returns the ids in a column of the rows of a table where another column has the value. */
    List<Long> idsWhere(String table, String idColumn, String column, long value) {
        return jdbc.sql("select " + idColumn + " from " + table + " where " + column + " = ?").param(value)
                .query(Long.class).list();
    }

    /** Deletes the rows of a table whose column has the value. */
    int deleteWhere(String table, String column, long value) {
        return jdbc.sql("delete from " + table + " where " + column + " = ?").param(value).update();
    }

    /** Returns the datastream's most recent observation by phenomenon time, if it has any. */
    Optional<Entity> latestObservation(long datastreamId) {
        return jdbc.sql("select * from sta_observation where datastream_id = ?"
                        + " order by phenomenon_time_start desc, id desc fetch first 1 rows only").param(datastreamId)
                .query((rs, n) -> map(EntityType.OBSERVATION, rs)).list().stream().findFirst();
    }

    /** Returns each datastream's most recent observation (by phenomenon time), for rebuilding the latest values. */
    List<Entity> latestObservations() {
        return jdbc.sql("""
                        select o.* from sta_observation o
                        join (select datastream_id, max(phenomenon_time_start) t from sta_observation
                              where datastream_id is not null group by datastream_id) m
                          on m.datastream_id = o.datastream_id and m.t = o.phenomenon_time_start
                        """)
                .query((rs, n) -> map(EntityType.OBSERVATION, rs)).list();
    }

    // ------------------------------------------------------------------ mapping

    private Map<String, Object> columns(EntityType type, Map<String, Object> values, Map<String, Long> links) {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (EntityType.Property p : type.properties()) {
            if (!values.containsKey(p.name())) {
                continue;
            }
            Object v = values.get(p.name());
            switch (p.kind()) {
                case TEXT -> columns.put(p.column(), v);
                case JSON -> columns.put(p.column(), v == null ? null : JSON.writeValueAsString(v));
                case INSTANT -> columns.put(p.column(), v == null ? null : utc(((TimeValue) v).start()));
                case TIME -> {
                    TimeValue t = (TimeValue) v;
                    columns.put(p.column() + "_start", t == null ? null : utc(t.start()));
                    columns.put(p.column() + "_end", t == null || t.end() == null ? null : utc(t.end()));
                }
            }
        }
        for (EntityType.Navigation n : type.navigations()) {
            if (n.storage() == EntityType.Storage.OWN_COLUMN && links.containsKey(n.name())) {
                columns.put(n.column(), links.get(n.name()));
            }
        }
        return columns;
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static Entity map(EntityType type, ResultSet rs) throws SQLException {
        Map<String, Object> values = new HashMap<>();
        for (EntityType.Property p : type.properties()) {
            switch (p.kind()) {
                case TEXT -> values.put(p.name(), rs.getString(p.column()));
                case JSON -> {
                    String text = rs.getString(p.column());
                    values.put(p.name(), text == null ? null : JSON.readTree(text));
                }
                case INSTANT -> {
                    OffsetDateTime t = rs.getObject(p.column(), OffsetDateTime.class);
                    values.put(p.name(), t == null ? null : TimeValue.instant(t.toInstant()));
                }
                case TIME -> {
                    OffsetDateTime s = rs.getObject(p.column() + "_start", OffsetDateTime.class);
                    OffsetDateTime e = rs.getObject(p.column() + "_end", OffsetDateTime.class);
                    values.put(p.name(), s == null ? null
                            : new TimeValue(s.toInstant(), e == null ? null : e.toInstant()));
                }
            }
        }
        Map<String, Long> links = new HashMap<>();
        for (EntityType.Navigation n : type.navigations()) {
            if (n.storage() == EntityType.Storage.OWN_COLUMN) {
                long v = rs.getLong(n.column());
                if (!rs.wasNull()) {
                    links.put(n.name(), v);
                }
            }
        }
        return new Entity(type, rs.getLong("id"), values, links);
    }

    /** Returns a JSON value as a tree. */
    static JsonNode tree(Object v) {
        return JSON.valueToTree(v);
    }
}
