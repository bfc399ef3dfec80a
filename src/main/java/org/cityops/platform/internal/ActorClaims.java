package org.cityops.platform.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cityops.platform.ProblemException;
import org.cityops.platform.Role;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Names of the token claims that carry a caller's role and scope. The role claim may be a path
 * into nested claims ({@code realm_access.roles}, as Keycloak writes them) and may hold one role
 * name or a list of names of which exactly one is a CityOps role (identity providers put their own
 * roles, such as {@code offline_access}, beside ours).
 */
record ActorClaims(String roleClaim, String regionClaim, String departmentClaim, String usernameClaim) {

    /**
     * Returns the caller's CityOps role; 403 naming the claim when it is missing, not a string or a
     * list of strings, names no CityOps role, or names several (an actor acts in exactly one).
     * Role names are matched exactly, as the enum spells them.
     */
    Role role(Jwt jwt) {
        Object value = claim(jwt.getClaims(), roleClaim);
        if (value == null) {
            throw new ProblemException.Forbidden("The token carries no role claim '" + roleClaim + "'");
        }
        if (value instanceof String name) {
            return known(name).orElseThrow(() -> new ProblemException.Forbidden("Unknown role '" + name
                    + "' in the token"));
        }
        if (!(value instanceof Collection<?> names) || names.stream().anyMatch(n -> !(n instanceof String))) {
            throw new ProblemException.Forbidden("The role claim '" + roleClaim
                    + "' must be a role name or a list of role names");
        }
        List<Role> roles = new ArrayList<>();
        for (Object name : names) {
            known((String) name).filter(r -> !roles.contains(r)).ifPresent(roles::add);
        }
        if (roles.isEmpty()) {
            throw new ProblemException.Forbidden("None of the roles " + names + " in the claim '" + roleClaim
                    + "' is a CityOps role (" + List.of(Role.values()) + ")");
        }
        if (roles.size() > 1) {
            throw new ProblemException.Forbidden("The claim '" + roleClaim + "' names several CityOps roles " + roles
                    + "; a user acts in exactly one");
        }
        return roles.get(0);
    }

    /** Returns the role, or empty when the token's role claim gives none (see {@link #role}). */
    Optional<Role> roleIfAny(Jwt jwt) {
        try {
            return Optional.of(role(jwt));
        } catch (ProblemException.Forbidden e) {
            return Optional.empty();
        }
    }

    /** The claim by its name, or else by the dotted path through nested claims. */
    private static Object claim(Map<String, Object> claims, String name) {
        Object direct = claims.get(name);
        if (direct != null || name.indexOf('.') < 0) {
            return direct;
        }
        Object at = claims;
        for (String step : name.split("\\.")) {
            if (!(at instanceof Map<?, ?> map)) {
                return null;
            }
            at = map.get(step);
        }
        return at;
    }

    private static Optional<Role> known(String name) {
        try {
            return Optional.of(Role.valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
