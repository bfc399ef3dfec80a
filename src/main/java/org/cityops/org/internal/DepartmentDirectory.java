package org.cityops.org.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.cityops.org.Department;
import org.cityops.org.Departments;
import org.cityops.platform.ProblemException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the departments (专业部门) and answers other modules through {@link Departments}. */
@Service
class DepartmentDirectory implements Departments {

    private static final String COLUMNS =
            "id, code, name, dept_level, region_code, contact, active, version FROM org_department";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final ReferenceData references;

    DepartmentDirectory(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events, ReferenceData references) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
        this.references = references;
    }

    /** A department with its contact, state and version. */
    record DepartmentRecord(long id, String code, String name, Department.Level level, String regionCode,
                            String contact, boolean active, long version) {

        Department toApi() {
            return new Department(id, code, name, level, regionCode);
        }
    }

    /** Published when a department is deactivated or changed, so caches of routing refresh. */
    record DepartmentsChanged() {
    }

    @Override
    public Optional<Department> find(long id) {
        return get(id).map(DepartmentRecord::toApi);
    }

    @Override
    public Optional<Department> findActive(long id) {
        return get(id).filter(DepartmentRecord::active).map(DepartmentRecord::toApi);
    }

    Optional<DepartmentRecord> get(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE id = ?").param(id).query(DepartmentDirectory::map).optional();
    }

    boolean isActive(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM org_department WHERE id = ? AND active = TRUE")
                .param(id).query(Long.class).single() > 0;
    }

    List<DepartmentRecord> list(Boolean active, Department.Level level, String regionPrefix) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (active != null) {
            sql.append(" AND active = ?");
            params.add(active);
        }
        if (level != null) {
            sql.append(" AND dept_level = ?");
            params.add(level.name());
        }
        if (regionPrefix != null && !regionPrefix.isBlank()) {
            sql.append(" AND region_code LIKE ?");
            params.add(regionPrefix + "%");
        }
        sql.append(" ORDER BY code");
        return jdbc.sql(sql.toString()).params(params).query(DepartmentDirectory::map).list();
    }

    @Transactional
    DepartmentRecord create(String code, String name, Department.Level level, String regionCode, String contact) {
        OrgRecords.requireValid("department", OrgRules.checkDepartment(code, name, level, regionCode, references));
        if (jdbc.sql("SELECT COUNT(*) FROM org_department WHERE code = ?").param(code).query(Long.class).single() > 0) {
            throw OrgRecords.duplicate("code", "a department with code '" + code + "' already exists");
        }
        var now = OrgRecords.now(clock);
        var keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("""
                    INSERT INTO org_department (code, name, dept_level, region_code, contact, active, version, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, TRUE, 0, ?, ?)""")
                    .params(code, name.strip(), level.name(), regionCode, contact, now, now)
                    .update(keys, "id");
        } catch (DuplicateKeyException e) {
            throw OrgRecords.duplicate("code", "a department with code '" + code + "' already exists");
        }
        return get(keys.getKey().longValue()).orElseThrow();
    }

    @Transactional
    DepartmentRecord update(long id, long version, String name, Department.Level level, String regionCode,
                            String contact, Boolean active) {
        DepartmentRecord current = require(id);
        OrgRecords.requireValid("department", OrgRules.checkDepartment(current.code(), name, level, regionCode,
                references));
        int n = jdbc.sql("""
                UPDATE org_department SET name = ?, dept_level = ?, region_code = ?, contact = ?, active = ?,
                       version = version + 1, updated_at = ?
                WHERE id = ? AND version = ?""")
                .params(name.strip(), level.name(), regionCode, contact, active == null ? current.active() : active,
                        OrgRecords.now(clock), id, version)
                .update();
        if (n == 0) {
            throw OrgRecords.stale("department " + id, version, current.version());
        }
        events.publishEvent(new DepartmentsChanged());
        return require(id);
    }

    @Transactional
    DepartmentRecord deactivate(long id) {
        require(id);
        jdbc.sql("UPDATE org_department SET active = FALSE, version = version + 1, updated_at = ? WHERE id = ? AND active = TRUE")
                .params(OrgRecords.now(clock), id).update();
        events.publishEvent(new DepartmentsChanged());
        return require(id);
    }

    DepartmentRecord require(long id) {
        return get(id).orElseThrow(() -> new ProblemException.NotFound("No department " + id));
    }

    private static DepartmentRecord map(ResultSet rs, int row) throws SQLException {
        return new DepartmentRecord(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                Department.Level.valueOf(rs.getString("dept_level")), rs.getString("region_code"),
                rs.getString("contact"), rs.getBoolean("active"), rs.getLong("version"));
    }
}
