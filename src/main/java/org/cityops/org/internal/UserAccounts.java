package org.cityops.org.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.cityops.platform.ProblemException.FieldError;
import org.cityops.platform.Role;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the users: who they are, their role and scope, and their password hash. */
@Service
class UserAccounts {

    private static final String COLUMNS = "id, username, display_name, password_hash, role_name, region_code, "
            + "department_id, position_id, phone, active, version FROM org_user";
    /** Compared against when the user is unknown, so a miss costs as long as a wrong password. */
    private final String decoyHash;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final PasswordEncoder passwords;
    private final DepartmentDirectory departments;
    private final PositionDirectory positions;
    private final ReferenceData references;

    UserAccounts(JdbcClient jdbc, Clock clock, PasswordEncoder passwords, DepartmentDirectory departments,
                 PositionDirectory positions, ReferenceData references) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.passwords = passwords;
        this.departments = departments;
        this.positions = positions;
        this.references = references;
        this.decoyHash = passwords.encode("decoy-password-for-unknown-users");
    }

    /** A user as stored. The hash never leaves this module's internals. */
    record UserRecord(long id, String username, String displayName, String passwordHash, Role role,
                      String regionCode, Long departmentId, Long positionId, String phone, boolean active,
                      long version) {

        Actor toActor() {
            return new Actor(username, role, regionCode, departmentId);
        }
    }

    /** The editable fields of a user. */
    record UserDraft(String displayName, Role role, String regionCode, Long departmentId, Long positionId,
                     String phone) {
    }

    Optional<UserRecord> get(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE id = ?").param(id).query(UserAccounts::map).optional();
    }

    Optional<UserRecord> findByUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE username = ?").param(username).query(UserAccounts::map).optional();
    }

    UserRecord require(long id) {
        return get(id).orElseThrow(() -> new ProblemException.NotFound("No user " + id));
    }

    List<UserRecord> list(Boolean active, Role role, Long departmentId, String regionPrefix) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (active != null) {
            sql.append(" AND active = ?");
            params.add(active);
        }
        if (role != null) {
            sql.append(" AND role_name = ?");
            params.add(role.name());
        }
        if (departmentId != null) {
            sql.append(" AND department_id = ?");
            params.add(departmentId);
        }
        if (regionPrefix != null && !regionPrefix.isBlank()) {
            sql.append(" AND region_code LIKE ?");
            params.add(regionPrefix + "%");
        }
        sql.append(" ORDER BY username");
        return jdbc.sql(sql.toString()).params(params).query(UserAccounts::map).list();
    }

    /**
     * Returns the active user whose password matches, or empty for a wrong password, an
     * unknown or inactive user, or a handler whose department was deactivated; callers tell
     * these apart from nobody.
     */
    Optional<UserRecord> authenticate(String username, String password) {
        Optional<UserRecord> user = username == null ? Optional.empty() : findByUsername(username);
        boolean matches = passwords.matches(password == null ? "" : password,
                user.map(UserRecord::passwordHash).orElse(decoyHash));
        return user.filter(u -> matches && u.active())
                .filter(u -> u.departmentId() == null || departments.isActive(u.departmentId()));
    }

    @Transactional
    UserRecord create(String username, String password, UserDraft draft) {
        List<FieldError> errors = new ArrayList<>(OrgRules.checkUserIdentity(username, draft.displayName(), password, true));
        errors.addAll(checkDraft(draft));
        OrgRecords.requireValid("user", errors);
        if (findByUsername(username).isPresent()) {
            throw OrgRecords.duplicate("username", "a user named '" + username + "' already exists");
        }
        var now = OrgRecords.now(clock);
        var keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("""
                    INSERT INTO org_user (username, display_name, password_hash, role_name, region_code, department_id,
                                          position_id, phone, active, version, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, TRUE, 0, ?, ?)""")
                    .params(username, draft.displayName().strip(), passwords.encode(password), draft.role().name(),
                            draft.regionCode(), draft.departmentId(), draft.positionId(), draft.phone(), now, now)
                    .update(keys, "id");
        } catch (DuplicateKeyException e) {
            throw OrgRecords.duplicate("username", "a user named '" + username + "' already exists");
        }
        return require(keys.getKey().longValue());
    }

    @Transactional
    UserRecord update(long id, long version, UserDraft draft, Boolean active) {
        UserRecord current = require(id);
        List<FieldError> errors = new ArrayList<>(
                OrgRules.checkUserIdentity(current.username(), draft.displayName(), null, false));
        errors.addAll(checkDraft(draft));
        OrgRecords.requireValid("user", errors);
        int n = jdbc.sql("""
                UPDATE org_user SET display_name = ?, role_name = ?, region_code = ?, department_id = ?, position_id = ?,
                       phone = ?, active = ?, version = version + 1, updated_at = ?
                WHERE id = ? AND version = ?""")
                .params(draft.displayName().strip(), draft.role().name(), draft.regionCode(), draft.departmentId(),
                        draft.positionId(), draft.phone(), active == null ? current.active() : active,
                        OrgRecords.now(clock), id, version)
                .update();
        if (n == 0) {
            throw OrgRecords.stale("user " + id, version, current.version());
        }
        return require(id);
    }

    @Transactional
    UserRecord deactivate(long id, Actor by) {
        UserRecord user = require(id);
        if (user.username().equals(by.username())) {
            throw new ProblemException.Conflict("You cannot deactivate yourself; another admin must do it");
        }
        jdbc.sql("UPDATE org_user SET active = FALSE, version = version + 1, updated_at = ? WHERE id = ? AND active = TRUE")
                .params(OrgRecords.now(clock), id).update();
        return require(id);
    }

    /** Changes the user's own password after checking the current one. */
    @Transactional
    void changePassword(String username, String currentPassword, String newPassword) {
        UserRecord user = findByUsername(username).filter(UserRecord::active).orElseThrow(() ->
                new ProblemException.NotFound("Your account is managed by the identity provider"));
        List<FieldError> errors = new ArrayList<>();
        if (currentPassword == null || !passwords.matches(currentPassword, user.passwordHash())) {
            errors.add(new FieldError("currentPassword", "is not your current password"));
        }
        OrgRules.checkPassword("newPassword", newPassword, errors);
        if (errors.isEmpty() && newPassword.equals(currentPassword)) {
            errors.add(new FieldError("newPassword", "must differ from the current password"));
        }
        OrgRecords.requireValid("password change", errors);
        jdbc.sql("UPDATE org_user SET password_hash = ?, version = version + 1, updated_at = ? WHERE id = ?")
                .params(passwords.encode(newPassword), OrgRecords.now(clock), user.id()).update();
    }

    /** Returns whether some active administrator exists. */
    boolean activeAdminExists() {
        return jdbc.sql("SELECT COUNT(*) FROM org_user WHERE role_name = ? AND active = TRUE")
                .param(Role.ADMIN.name()).query(Long.class).single() > 0;
    }

    /**
     * Creates the user {@code admin} with the password, or, when that name is taken by an
     * inactive or demoted account, restores it as an active administrator.
     */
    @Transactional
    void ensureAdmin(String password) {
        var now = OrgRecords.now(clock);
        String hash = passwords.encode(password);
        int n = jdbc.sql("""
                UPDATE org_user SET password_hash = ?, role_name = ?, region_code = NULL, department_id = NULL,
                       position_id = NULL, active = TRUE, version = version + 1, updated_at = ?
                WHERE username = 'admin'""")
                .params(hash, Role.ADMIN.name(), now).update();
        if (n == 0) {
            jdbc.sql("""
                    INSERT INTO org_user (username, display_name, password_hash, role_name, active, version, created_at, updated_at)
                    VALUES ('admin', '系统管理员', ?, ?, TRUE, 0, ?, ?)""")
                    .params(hash, Role.ADMIN.name(), now, now).update();
        }
    }

    private List<FieldError> checkDraft(UserDraft draft) {
        List<FieldError> errors = new ArrayList<>(OrgRules.checkUserScope(draft.role(), draft.regionCode(),
                draft.departmentId(), departments::isActive, references));
        if (draft.positionId() != null) {
            Optional<PositionDirectory.PositionRecord> position = positions.get(draft.positionId())
                    .filter(PositionDirectory.PositionRecord::active);
            if (position.isEmpty()) {
                errors.add(new FieldError("positionId", "no active position " + draft.positionId()));
            } else if (draft.role() != null && position.get().role() != draft.role()) {
                errors.add(new FieldError("positionId", "position " + position.get().code() + " is for role "
                        + position.get().role() + ", not " + draft.role()));
            }
        }
        return errors;
    }

    private static UserRecord map(ResultSet rs, int row) throws SQLException {
        long dept = rs.getLong("department_id");
        Long departmentId = rs.wasNull() ? null : dept;
        long pos = rs.getLong("position_id");
        Long positionId = rs.wasNull() ? null : pos;
        return new UserRecord(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                rs.getString("password_hash"), Role.valueOf(rs.getString("role_name")), rs.getString("region_code"),
                departmentId, positionId, rs.getString("phone"), rs.getBoolean("active"), rs.getLong("version"));
    }
}
