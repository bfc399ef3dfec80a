package org.cityops.catalog.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.cityops.catalog.CategoryKind;
import org.cityops.catalog.Subclass;
import org.cityops.catalog.TimeLimit;
import org.cityops.catalog.Urgency;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores main classes and subclasses; imports create or update, never delete. */
@Repository
class CatalogStore {

    private final JdbcClient jdbc;

    CatalogStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns whether no subclass is stored. */
    boolean isEmpty() {
        return jdbc.sql("select count(*) from catalog_subclass").query(Long.class).single() == 0;
    }

    /** Returns every main class by code. */
    Map<String, MainClass> mainClasses() {
        return jdbc.sql("select code, kind, name, active from catalog_main_class order by code")
                .query((rs, n) -> new MainClass(rs.getString(1), CategoryKind.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getBoolean(4)))
                .list().stream()
                .collect(Collectors.toMap(MainClass::code, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
    }

    /** Returns every subclass with its main class name, ordered by code. */
    List<CatalogEntry> subclasses() {
        return jdbc.sql("""
                        select s.code, s.name, s.kind, s.main_class_code, m.name, s.register_condition, s.close_condition,
                               s.normal_amount, s.normal_unit, s.urgent_amount, s.urgent_unit,
                               s.critical_amount, s.critical_unit, s.active
                        from catalog_subclass s join catalog_main_class m on m.code = s.main_class_code
                        order by s.code""")
                .query((rs, n) -> new CatalogEntry(new Subclass(rs.getString(1), rs.getString(2),
                        CategoryKind.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), limits(rs)), rs.getBoolean(14)))
                .list();
    }

    private static Map<Urgency, TimeLimit> limits(ResultSet rs) throws SQLException {
        Map<Urgency, TimeLimit> limits = new EnumMap<>(Urgency.class);
        limits.put(Urgency.NORMAL, new TimeLimit(rs.getInt(8), TimeLimit.Unit.valueOf(rs.getString(9))));
        if (rs.getString(11) != null) {
            limits.put(Urgency.URGENT, new TimeLimit(rs.getInt(10), TimeLimit.Unit.valueOf(rs.getString(11))));
        }
        if (rs.getString(13) != null) {
            limits.put(Urgency.CRITICAL, new TimeLimit(rs.getInt(12), TimeLimit.Unit.valueOf(rs.getString(13))));
        }
        return limits;
    }

    /** Counts of what a save created and updated. */
    record Saved(int created, int updated) {
    }

    /** Creates the main classes that are new and updates those that exist. */
    /** Returns the catalog's revision, raised by every import ({@link #raiseRevision}). */
    long revision() {
        return jdbc.sql("select revision from catalog_revision where id = 1").query(Long.class).single();
    }

    /** Raises the revision in the caller's (the import's) transaction. */
    void raiseRevision() {
        jdbc.sql("update catalog_revision set revision = revision + 1 where id = 1").update();
    }

    Saved saveMainClasses(List<MainClass> mainClasses, Instant at) {
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        Set<String> existing = new HashSet<>(jdbc.sql("select code from catalog_main_class").query(String.class).list());
        int created = 0;
        for (MainClass main : mainClasses) {
            if (existing.contains(main.code())) {
                jdbc.sql("update catalog_main_class set kind = ?, name = ?, active = ?, updated_at = ? where code = ?")
                        .params(main.kind().name(), main.name(), main.active(), when, main.code()).update();
            } else {
                jdbc.sql("insert into catalog_main_class (code, kind, name, active, created_at, updated_at) values (?, ?, ?, ?, ?, ?)")
                        .params(main.code(), main.kind().name(), main.name(), main.active(), when, when).update();
                created++;
            }
        }
        return new Saved(created, mainClasses.size() - created);
    }

    /** Creates the subclasses that are new and updates those that exist. */
    Saved saveSubclasses(List<CatalogEntry> entries, Instant at) {
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        Set<String> existing = new HashSet<>(jdbc.sql("select code from catalog_subclass").query(String.class).list());
        int created = 0;
        for (CatalogEntry entry : entries) {
            Subclass s = entry.subclass();
            TimeLimit normal = s.handlingLimits().get(Urgency.NORMAL);
            TimeLimit urgent = s.handlingLimits().get(Urgency.URGENT);
            TimeLimit critical = s.handlingLimits().get(Urgency.CRITICAL);
            Object[] limits = {normal.amount(), normal.unit().name(),
                    urgent == null ? null : urgent.amount(), urgent == null ? null : urgent.unit().name(),
                    critical == null ? null : critical.amount(), critical == null ? null : critical.unit().name()};
            if (existing.contains(s.code())) {
                jdbc.sql("""
                                update catalog_subclass set kind = ?, main_class_code = ?, name = ?, register_condition = ?,
                                    close_condition = ?, normal_amount = ?, normal_unit = ?, urgent_amount = ?, urgent_unit = ?,
                                    critical_amount = ?, critical_unit = ?, active = ?, updated_at = ?
                                where code = ?""")
                        .params(s.kind().name(), s.mainClassCode(), s.name(), s.registerCondition(), s.closeCondition(),
                                limits[0], limits[1], limits[2], limits[3], limits[4], limits[5], entry.active(), when, s.code())
                        .update();
            } else {
                jdbc.sql("""
                                insert into catalog_subclass (code, kind, main_class_code, name, register_condition,
                                    close_condition, normal_amount, normal_unit, urgent_amount, urgent_unit,
                                    critical_amount, critical_unit, active, created_at, updated_at)
                                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(s.code(), s.kind().name(), s.mainClassCode(), s.name(), s.registerCondition(),
                                s.closeCondition(), limits[0], limits[1], limits[2], limits[3], limits[4], limits[5],
                                entry.active(), when, when)
                        .update();
                created++;
            }
        }
        return new Saved(created, entries.size() - created);
    }
}
