package org.cityops.org.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.cityops.catalog.CategoryKind;
import org.cityops.geo.GridLocation;
import org.cityops.org.Routing;
import org.cityops.platform.ProblemException;
import org.cityops.platform.ProblemException.FieldError;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The responsibility matrix (责任矩阵) and the {@link Routing} bean over it. Routing reads an
 * in-memory snapshot of the active entries of active departments, rebuilt after every change
 * committed here and, for changes made on other nodes, when older than the refresh interval.
 */
@Service
class ResponsibilityMatrix implements Routing {

    private static final String COLUMNS =
            "id, category_code, region_code, department_id, basis, active, version FROM org_matrix_entry";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Clock clock;
    private final DepartmentDirectory departments;
    private final OrgSettings settings;
    private final ReferenceData references;
    private volatile Snapshot snapshot;
    /** Counts committed changes, so a load that raced with a change is not kept. */
    private final AtomicLong changes = new AtomicLong();

    ResponsibilityMatrix(JdbcClient jdbc, JdbcTemplate batch, Clock clock, DepartmentDirectory departments,
                         OrgSettings settings, ReferenceData references) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.clock = clock;
        this.departments = departments;
        this.settings = settings;
        this.references = references;
    }

    /** An entry to add, as submitted. */
    record NewEntry(String categoryCode, String regionCode, Long departmentId, Basis basis) {
    }

    private record Snapshot(RoutingPolicy policy, Instant loadedAt) {
    }

    @Override
    public Optional<RoutingDecision> route(String subclassCode, CategoryKind kind, GridLocation location,
                                           Long ownerDepartmentId) {
        Long owner = ownerDepartmentId != null && departments.isActive(ownerDepartmentId) ? ownerDepartmentId : null;
        return policy().route(subclassCode, kind, location, owner);
    }

    List<MatrixEntry> list(String categoryCode, String regionCode, Long departmentId, Basis basis, Boolean active) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (categoryCode != null && !categoryCode.isBlank()) {
            sql.append(" AND category_code = ?");
            params.add(categoryCode);
        }
        if (regionCode != null && !regionCode.isBlank()) {
            sql.append(" AND region_code = ?");
            params.add(regionCode);
        }
        if (departmentId != null) {
            sql.append(" AND department_id = ?");
            params.add(departmentId);
        }
        if (basis != null) {
            sql.append(" AND basis = ?");
            params.add(basis.name());
        }
        if (active != null) {
            sql.append(" AND active = ?");
            params.add(active);
        }
        sql.append(" ORDER BY category_code, region_code, basis, id");
        return jdbc.sql(sql.toString()).params(params).query(ResponsibilityMatrix::map).list();
    }

    MatrixEntry require(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE id = ?").param(id).query(ResponsibilityMatrix::map).optional()
                .orElseThrow(() -> new ProblemException.NotFound("No matrix entry " + id));
    }

    @Transactional
    MatrixEntry add(NewEntry entry) {
        OrgRecords.requireValid("matrix entry", OrgRules.checkMatrixEntry("", entry.categoryCode(), entry.regionCode(),
                entry.departmentId(), entry.basis(), departments::isActive, references));
        existing(entry).ifPresent(e -> {
            throw OrgRecords.duplicate("categoryCode", "an active " + e.basis() + " entry " + e.id() + " for "
                    + e.categoryCode() + " in " + e.regionCode() + " already names department " + e.departmentId()
                    + "; deactivate it first");
        });
        var now = OrgRecords.now(clock);
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO org_matrix_entry (category_code, region_code, department_id, basis, active, version, created_at, updated_at)
                VALUES (?, ?, ?, ?, TRUE, 0, ?, ?)""")
                .params(entry.categoryCode(), entry.regionCode(), entry.departmentId(), entry.basis().name(), now, now)
                .update(keys, "id");
        refreshAfterCommit();
        return require(keys.getKey().longValue());
    }

    /**
     * Adds all entries or none: every bad row is reported (as {@code entries[i].field}) before
     * anything is written. Returns how many entries were added.
     */
    @Transactional
    int importAll(List<NewEntry> entries) {
        if (entries == null || entries.isEmpty()) {
            throw ProblemException.BadRequest.field("entries", "must contain at least one entry");
        }
        List<FieldError> errors = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        ReferenceData known = references.remembering();
        for (int i = 0; i < entries.size(); i++) {
            NewEntry e = entries.get(i);
            String prefix = "entries[" + i + "].";
            if (e == null) {
                errors.add(new FieldError("entries[" + i + "]", "must not be null"));
                continue;
            }
            List<FieldError> rowErrors = OrgRules.checkMatrixEntry(prefix, e.categoryCode(), e.regionCode(),
                    e.departmentId(), e.basis(), departments::isActive, known);
            errors.addAll(rowErrors);
            if (!rowErrors.isEmpty()) {
                continue;
            }
            Integer earlier = seen.putIfAbsent(e.categoryCode() + "|" + e.regionCode() + "|" + e.basis(), i);
            if (earlier != null) {
                errors.add(new FieldError(prefix + "categoryCode", "repeats entries[" + earlier + "] ("
                        + e.categoryCode() + " in " + e.regionCode() + ", " + e.basis() + ")"));
            } else {
                existing(e).ifPresent(x -> errors.add(new FieldError(prefix + "categoryCode", "active entry "
                        + x.id() + " already covers " + x.categoryCode() + " in " + x.regionCode() + " on basis "
                        + x.basis())));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest("The matrix import was rejected; nothing was imported ("
                    + errors.size() + " problem(s))", errors);
        }
        var now = OrgRecords.now(clock);
        batch.batchUpdate("""
                INSERT INTO org_matrix_entry (category_code, region_code, department_id, basis, active, version, created_at, updated_at)
                VALUES (?, ?, ?, ?, TRUE, 0, ?, ?)""", entries, 500, (ps, e) -> {
            ps.setString(1, e.categoryCode());
            ps.setString(2, e.regionCode());
            ps.setLong(3, e.departmentId());
            ps.setString(4, e.basis().name());
            ps.setObject(5, now);
            ps.setObject(6, now);
        });
        refreshAfterCommit();
        return entries.size();
    }

    @Transactional
    MatrixEntry deactivate(long id) {
        require(id);
        jdbc.sql("UPDATE org_matrix_entry SET active = FALSE, version = version + 1, updated_at = ? WHERE id = ? AND active = TRUE")
                .params(OrgRecords.now(clock), id).update();
        refreshAfterCommit();
        return require(id);
    }

    @EventListener
    void on(DepartmentDirectory.DepartmentsChanged changed) {
        refreshAfterCommit();
    }

    private Optional<MatrixEntry> existing(NewEntry e) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE category_code = ? AND region_code = ? AND basis = ? AND active = TRUE")
                .params(e.categoryCode(), e.regionCode(), e.basis().name())
                .query(ResponsibilityMatrix::map).list().stream().findFirst();
    }

    private RoutingPolicy policy() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s == null || s.loadedAt().plus(settings.routingRefresh()).isBefore(now)) {
            s = load(now);
        }
        return s.policy();
    }

    private synchronized Snapshot load(Instant now) {
        long before = changes.get();
        List<MatrixEntry> active = jdbc.sql("""
                SELECT m.id, m.category_code, m.region_code, m.department_id, m.basis, m.active, m.version
                FROM org_matrix_entry m JOIN org_department d ON d.id = m.department_id
                WHERE m.active = TRUE AND d.active = TRUE""").query(ResponsibilityMatrix::map).list();
        Snapshot s = new Snapshot(new RoutingPolicy(active), now);
        if (changes.get() == before) {
            snapshot = s;
        }
        return s;
    }

    /** Drops the snapshot once the change is committed, so routing never sees uncommitted rows. */
    private void refreshAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    changes.incrementAndGet();
                    snapshot = null;
                }
            });
        } else {
            changes.incrementAndGet();
            snapshot = null;
        }
    }

    private static MatrixEntry map(ResultSet rs, int row) throws SQLException {
        return new MatrixEntry(rs.getLong("id"), rs.getString("category_code"), rs.getString("region_code"),
                rs.getLong("department_id"), Basis.valueOf(rs.getString("basis")), rs.getBoolean("active"),
                rs.getLong("version"));
    }
}
