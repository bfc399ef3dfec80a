package org.cityops.geo.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.cityops.geo.Division;
import org.cityops.geo.DivisionLevel;
import org.cityops.geo.GridLocation;
import org.locationtech.jts.geom.Geometry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores and reads divisions, unit grids and duty grids with plain SQL. */
@Repository
class GeoStore {

    private static final int CHUNK = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    GeoStore(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** A stored division with its boundary. */
    record DivisionRow(Division division, boolean active, String boundaryWkt) {
    }

    /** A stored unit grid. */
    record GridRow(String code, String name, String communityCode, double areaSquareMetres, boolean active,
                   String boundaryWkt) {
    }

    /** A stored duty grid and its active member grids. */
    record DutyGridRow(String code, String name, String streetCode, String inspector, boolean active,
                       String boundaryWkt, List<String> grids) {
    }

    /** Returns the stored kind of each of the codes that exists. */
    Map<String, FeatureKind> kinds(Collection<String> codes) {
        Map<String, FeatureKind> kinds = new HashMap<>();
        List<String> all = List.copyOf(Set.copyOf(codes));
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            jdbc.sql("SELECT code, division_level FROM divisions WHERE code IN (:codes)").param("codes", chunk)
                    .query((rs, n) -> kinds.put(rs.getString(1), FeatureKind.of(DivisionLevel.valueOf(rs.getString(2)))))
                    .list();
            jdbc.sql("SELECT code FROM unit_grids WHERE code IN (:codes)").param("codes", chunk)
                    .query((rs, n) -> kinds.put(rs.getString(1), FeatureKind.GRID)).list();
            jdbc.sql("SELECT code FROM duty_grids WHERE code IN (:codes)").param("codes", chunk)
                    .query((rs, n) -> kinds.put(rs.getString(1), FeatureKind.DUTY_GRID)).list();
        }
        return kinds;
    }

    /** Writes the features of one kind: updates those in {@code existing}, inserts the others. */
    void write(FeatureKind kind, List<ImportFeature> features, Set<String> existing, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        for (ImportFeature f : features) {
            String wkt = f.geometry() == null ? null : GeoJsonGeometry.toWkt(f.geometry());
            Object[] row = switch (kind) {
                case CITY, DISTRICT, STREET, COMMUNITY ->
                        new Object[] {f.name(), kind.level().orElseThrow().name(), f.parent(), wkt, f.active(), at, f.code()};
                case GRID -> new Object[] {f.name(), f.parent(), wkt, GeoJsonGeometry.areaSquareMetres(f.geometry()),
                        f.active(), at, f.code()};
                case DUTY_GRID -> new Object[] {f.name(), f.parent(), f.inspector(), wkt, f.active(), at, f.code()};
            };
            (existing.contains(f.code()) ? updates : inserts).add(row);
        }
        String update;
        String insert;
        switch (kind) {
            case GRID -> {
                update = "UPDATE unit_grids SET name = ?, community_code = ?, boundary = ?, area_m2 = ?, active = ?, updated_at = ? WHERE code = ?";
                insert = "INSERT INTO unit_grids (name, community_code, boundary, area_m2, active, updated_at, code) VALUES (?, ?, ?, ?, ?, ?, ?)";
            }
            case DUTY_GRID -> {
                update = "UPDATE duty_grids SET name = ?, street_code = ?, inspector = ?, boundary = ?, active = ?, updated_at = ? WHERE code = ?";
                insert = "INSERT INTO duty_grids (name, street_code, inspector, boundary, active, updated_at, code) VALUES (?, ?, ?, ?, ?, ?, ?)";
            }
            default -> {
                update = "UPDATE divisions SET name = ?, division_level = ?, parent_code = ?, boundary = ?, active = ?, updated_at = ? WHERE code = ?";
                insert = "INSERT INTO divisions (name, division_level, parent_code, boundary, active, updated_at, code) VALUES (?, ?, ?, ?, ?, ?, ?)";
            }
        }
        if (!updates.isEmpty()) {
            batch.batchUpdate(update, updates);
        }
        if (!inserts.isEmpty()) {
            batch.batchUpdate(insert, inserts);
        }
        if (kind == FeatureKind.DUTY_GRID) {
            for (ImportFeature f : features) {
                writeMembers(f.code(), f.grids());
            }
        }
    }

    private void writeMembers(String dutyGrid, List<String> grids) {
        jdbc.sql("UPDATE duty_grid_members SET active = FALSE WHERE duty_grid_code = ?").param(dutyGrid).update();
        List<Object[]> rows = grids.stream().map(g -> new Object[] {dutyGrid, g}).toList();
        if (!rows.isEmpty()) {
            batch.batchUpdate("INSERT INTO duty_grid_members (duty_grid_code, grid_code, active) VALUES (?, ?, TRUE) "
                    + "ON CONFLICT DO NOTHING", rows);
            batch.batchUpdate("UPDATE duty_grid_members SET active = TRUE WHERE duty_grid_code = ? AND grid_code = ?", rows);
        }
    }

    /** Returns the boundary and location of every active unit grid whose divisions are complete. */
    List<Map.Entry<Geometry, GridLocation>> activeGrids() {
        return jdbc.sql("""
                SELECT g.code, g.boundary, c.code, s.code, d.code, d.parent_code
                FROM unit_grids g
                JOIN divisions c ON c.code = g.community_code
                JOIN divisions s ON s.code = c.parent_code
                JOIN divisions d ON d.code = s.parent_code
                WHERE g.active = TRUE
                """).query((rs, n) -> Map.entry(GeoJsonGeometry.fromWkt(rs.getString(2)),
                        new GridLocation(rs.getString(1), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6))))
                .list();
    }

    /** Returns the names of the unit grids with these codes, by code. */
    Map<String, String> gridNames(Collection<String> codes) {
        Map<String, String> names = new HashMap<>();
        List<String> all = List.copyOf(codes);
        for (int i = 0; i < all.size(); i += 500) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + 500));
            jdbc.sql("SELECT code, name FROM unit_grids WHERE code IN (" + String.join(",", Collections.nCopies(chunk.size(), "?"))
                    + ")").params(chunk).query((rs, n) -> names.put(rs.getString(1), rs.getString(2))).list();
        }
        return names;
    }

    /** Returns the location of the active unit grid with the code, if its divisions are complete. */
    Optional<GridLocation> activeGrid(String code) {
        return jdbc.sql("""
                SELECT g.code, c.code, s.code, d.code, d.parent_code
                FROM unit_grids g
                JOIN divisions c ON c.code = g.community_code
                JOIN divisions s ON s.code = c.parent_code
                JOIN divisions d ON d.code = s.parent_code
                WHERE g.code = ? AND g.active = TRUE
                """).param(code).query((rs, n) -> new GridLocation(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5))).optional();
    }

    /**
     * Returns the new revision of the city model after incrementing it; the row lock it takes
     * makes concurrent imports wait for each other until commit.
     */
    long nextRevision() {
        jdbc.sql("UPDATE geo_revision SET revision = revision + 1 WHERE id = 1").update();
        return revision();
    }

    /** Returns the revision of the city model: how many imports have been committed. */
    long revision() {
        return jdbc.sql("SELECT revision FROM geo_revision WHERE id = 1").query(Long.class).single();
    }

    /** Returns the division with the code. */
    Optional<DivisionRow> division(String code) {
        return jdbc.sql("SELECT code, name, division_level, parent_code, active, boundary FROM divisions WHERE code = ?")
                .param(code).query(GeoStore::divisionRow).optional();
    }

    /** Returns a page of divisions, filtered by parent and level when given, ordered by code. */
    List<DivisionRow> divisions(String parent, DivisionLevel level, long offset, int limit) {
        return jdbc.sql("""
                SELECT code, name, division_level, parent_code, active, NULL FROM divisions
                WHERE (CAST(:parent AS varchar(12)) IS NULL OR parent_code = :parent)
                  AND (CAST(:lvl AS varchar(16)) IS NULL OR division_level = :lvl)
                ORDER BY code LIMIT :lim OFFSET :off
                """).param("parent", parent).param("lvl", level == null ? null : level.name())
                .param("lim", limit).param("off", offset).query(GeoStore::divisionRow).list();
    }

    /** Returns how many divisions match the filters of {@link #divisions}. */
    long countDivisions(String parent, DivisionLevel level) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM divisions
                WHERE (CAST(:parent AS varchar(12)) IS NULL OR parent_code = :parent)
                  AND (CAST(:lvl AS varchar(16)) IS NULL OR division_level = :lvl)
                """).param("parent", parent).param("lvl", level == null ? null : level.name())
                .query(Long.class).single();
    }

    /** Returns the divisions whose code starts with the prefix, at the level, ordered by code. */
    List<DivisionRow> divisionsUnder(String prefix, DivisionLevel level, int limit) {
        return jdbc.sql("SELECT code, name, division_level, parent_code, active, boundary FROM divisions "
                        + "WHERE code LIKE :prefix AND division_level = :lvl AND active = TRUE ORDER BY code LIMIT :lim")
                .param("prefix", prefix + "%").param("lvl", level.name()).param("lim", limit)
                .query(GeoStore::divisionRow).list();
    }

    /** Returns the unit grid with the code. */
    Optional<GridRow> grid(String code) {
        return jdbc.sql("SELECT code, name, community_code, area_m2, active, boundary FROM unit_grids WHERE code = ?")
                .param(code).query(GeoStore::gridRow).optional();
    }

    /** Returns a page of unit grids, of one community when given, ordered by code. */
    List<GridRow> grids(String community, long offset, int limit) {
        return jdbc.sql("""
                SELECT code, name, community_code, area_m2, active, NULL FROM unit_grids
                WHERE (CAST(:community AS varchar(12)) IS NULL OR community_code = :community)
                ORDER BY code LIMIT :lim OFFSET :off
                """).param("community", community).param("lim", limit).param("off", offset)
                .query(GeoStore::gridRow).list();
    }

    /** Returns how many unit grids {@link #grids} pages through. */
    long countGrids(String community) {
        return jdbc.sql("SELECT COUNT(*) FROM unit_grids WHERE (CAST(:community AS varchar(12)) IS NULL OR community_code = :community)")
                .param("community", community).query(Long.class).single();
    }

    /** Returns the active unit grids whose code starts with the prefix, with boundaries, ordered by code. */
    List<GridRow> gridsUnder(String prefix, int limit) {
        return jdbc.sql("SELECT code, name, community_code, area_m2, active, boundary FROM unit_grids "
                        + "WHERE code LIKE :prefix AND active = TRUE ORDER BY code LIMIT :lim")
                .param("prefix", prefix + "%").param("lim", limit).query(GeoStore::gridRow).list();
    }

    /** Returns the codes of the active duty grids the unit grid belongs to. */
    List<String> dutyGridsOf(String gridCode) {
        return jdbc.sql("SELECT duty_grid_code FROM duty_grid_members WHERE grid_code = ? AND active = TRUE ORDER BY duty_grid_code")
                .param(gridCode).query(String.class).list();
    }

    /** Returns a page of duty grids, of one street when given, ordered by code, with their active members. */
    List<DutyGridRow> dutyGrids(String street, long offset, int limit) {
        List<DutyGridRow> rows = jdbc.sql("""
                SELECT code, name, street_code, inspector, active, boundary FROM duty_grids
                WHERE (CAST(:street AS varchar(12)) IS NULL OR street_code = :street)
                ORDER BY code LIMIT :lim OFFSET :off
                """).param("street", street).param("lim", limit).param("off", offset)
                .query((rs, n) -> new DutyGridRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getString(6), List.of()))
                .list();
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, List<String>> members = new HashMap<>();
        jdbc.sql("SELECT duty_grid_code, grid_code FROM duty_grid_members WHERE active = TRUE AND duty_grid_code IN (:codes) "
                        + "ORDER BY grid_code")
                .param("codes", rows.stream().map(DutyGridRow::code).toList())
                .query((rs, n) -> members.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)))
                .list();
        return rows.stream().map(r -> new DutyGridRow(r.code(), r.name(), r.streetCode(), r.inspector(), r.active(),
                r.boundaryWkt(), members.getOrDefault(r.code(), List.of()))).toList();
    }

    /** Returns how many duty grids {@link #dutyGrids} pages through. */
    long countDutyGrids(String street) {
        return jdbc.sql("SELECT COUNT(*) FROM duty_grids WHERE (CAST(:street AS varchar(12)) IS NULL OR street_code = :street)")
                .param("street", street).query(Long.class).single();
    }

    /** Returns the names of the divisions and unit grids with the codes. */
    Map<String, String> names(Collection<String> codes) {
        Map<String, String> names = new HashMap<>();
        jdbc.sql("SELECT code, name FROM divisions WHERE code IN (:codes) UNION ALL SELECT code, name FROM unit_grids WHERE code IN (:codes)")
                .param("codes", List.copyOf(codes)).query((rs, n) -> names.put(rs.getString(1), rs.getString(2))).list();
        return names;
    }

    private static DivisionRow divisionRow(ResultSet rs, int n) throws SQLException {
        return new DivisionRow(new Division(rs.getString(1), rs.getString(2), DivisionLevel.valueOf(rs.getString(3)),
                rs.getString(4)), rs.getBoolean(5), rs.getString(6));
    }

    private static GridRow gridRow(ResultSet rs, int n) throws SQLException {
        return new GridRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getBoolean(5),
                rs.getString(6));
    }
}
