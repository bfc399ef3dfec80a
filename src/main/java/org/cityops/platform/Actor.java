package org.cityops.platform;

import java.util.Objects;

/**
 * The authenticated caller of an action: who, in which role, scoped to which region
 * subtree (a division code, {@code null} for the whole city) or department.
 *
 * @param username     the login name
 * @param role         the role
 * @param regionCode   division code of the region subtree the caller may see and act in;
 *                     {@code null} means unrestricted (admin, or city level without a code)
 * @param departmentId the department a department handler acts for; {@code null} otherwise
 */
public record Actor(String username, Role role, String regionCode, Long departmentId) {

    public Actor {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        if (role.departmentScoped() && departmentId == null) {
            throw new IllegalArgumentException("a " + role + " must belong to a department");
        }
    }

    /** Returns an actor for work the system does by itself (scheduler, importers). */
    public static Actor system() {
        return new Actor("system", Role.ADMIN, null, null);
    }

    /** Returns whether this actor sees the whole city regardless of region. */
    public boolean unrestricted() {
        return role == Role.ADMIN || (regionCode == null && !role.departmentScoped());
    }
}
