package org.cityops.org.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.cityops.platform.ProblemException;
import org.cityops.platform.ProblemException.FieldError;
import org.cityops.platform.Role;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the positions (岗位): a named post with its role, optionally within one department. */
@Service
class PositionDirectory {

    private static final String COLUMNS = "id, code, name, role_name, department_id, active, version FROM org_position";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final DepartmentDirectory departments;

    PositionDirectory(JdbcClient jdbc, Clock clock, DepartmentDirectory departments) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.departments = departments;
    }

    /** A position with its state and version. */
    record PositionRecord(long id, String code, String name, Role role, Long departmentId, boolean active,
                          long version) {
    }

    Optional<PositionRecord> get(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE id = ?").param(id).query(PositionDirectory::map).optional();
    }

    PositionRecord require(long id) {
        return get(id).orElseThrow(() -> new ProblemException.NotFound("No position " + id));
    }

    List<PositionRecord> list(Boolean active, Long departmentId) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (active != null) {
            sql.append(" AND active = ?");
            params.add(active);
        }
        if (departmentId != null) {
            sql.append(" AND department_id = ?");
            params.add(departmentId);
        }
        sql.append(" ORDER BY code");
        return jdbc.sql(sql.toString()).params(params).query(PositionDirectory::map).list();
    }

    @Transactional
    PositionRecord create(String code, String name, Role role, Long departmentId) {
        check(code, name, role, departmentId);
        if (jdbc.sql("SELECT COUNT(*) FROM org_position WHERE code = ?").param(code).query(Long.class).single() > 0) {
            throw OrgRecords.duplicate("code", "a position with code '" + code + "' already exists");
        }
        var now = OrgRecords.now(clock);
        var keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("""
                    INSERT INTO org_position (code, name, role_name, department_id, active, version, created_at, updated_at)
                    VALUES (?, ?, ?, ?, TRUE, 0, ?, ?)""")
                    .params(code, name.strip(), role.name(), departmentId, now, now)
                    .update(keys, "id");
        } catch (DuplicateKeyException e) {
            throw OrgRecords.duplicate("code", "a position with code '" + code + "' already exists");
        }
        return require(keys.getKey().longValue());
    }

    @Transactional
    PositionRecord update(long id, long version, String name, Role role, Long departmentId, Boolean active) {
        PositionRecord current = require(id);
        check(current.code(), name, role, departmentId);
        int n = jdbc.sql("""
                UPDATE org_position SET name = ?, role_name = ?, department_id = ?, active = ?,
                       version = version + 1, updated_at = ?
                WHERE id = ? AND version = ?""")
                .params(name.strip(), role.name(), departmentId, active == null ? current.active() : active,
                        OrgRecords.now(clock), id, version)
                .update();
        if (n == 0) {
            throw OrgRecords.stale("position " + id, version, current.version());
        }
        return require(id);
    }

    @Transactional
    PositionRecord deactivate(long id) {
        require(id);
        jdbc.sql("UPDATE org_position SET active = FALSE, version = version + 1, updated_at = ? WHERE id = ? AND active = TRUE")
                .params(OrgRecords.now(clock), id).update();
        return require(id);
    }

    private void check(String code, String name, Role role, Long departmentId) {
        List<FieldError> errors = new ArrayList<>(OrgRules.checkPosition(code, name, role));
        if (departmentId != null && !departments.isActive(departmentId)) {
            errors.add(new FieldError("departmentId", "no active department " + departmentId));
        }
        OrgRecords.requireValid("position", errors);
    }

    private static PositionRecord map(ResultSet rs, int row) throws SQLException {
        long dept = rs.getLong("department_id");
        return new PositionRecord(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                Role.valueOf(rs.getString("role_name")), rs.wasNull() ? null : dept, rs.getBoolean("active"),
                rs.getLong("version"));
    }
}
