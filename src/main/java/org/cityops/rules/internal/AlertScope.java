package org.cityops.rules.internal;

import java.util.List;
import java.util.Objects;

import org.cityops.platform.Actor;
import org.cityops.platform.Role;

/**
 * Who sees which alerts, as for cases: department handlers see the alerts of their department's
 * sensors, region-scoped roles the alerts inside their division (at any depth), unrestricted roles
 * all. The same rule in Java (one alert) and SQL (lists).
 */
final class AlertScope {

    private AlertScope() {
    }

    /** A SQL condition on table alias {@code a} and its parameters. */
    record Predicate(String clause, List<Object> params) {
    }

    /** Returns whether the actor may see the alert. */
    static boolean sees(Actor actor, AlertStore.AlertRow a) {
        if (actor.role() == Role.DEPARTMENT_HANDLER) {
            return Objects.equals(a.departmentId(), actor.departmentId());
        }
        if (actor.unrestricted()) {
            return true;
        }
        var l = a.location();
        String r = actor.regionCode();
        return l != null && (r.equals(l.gridCode()) || r.equals(l.communityCode()) || r.equals(l.streetCode())
                || r.equals(l.districtCode()) || r.equals(l.cityCode()));
    }

    /** Returns the SQL condition selecting exactly the alerts the actor may see. */
    static Predicate sql(Actor actor) {
        if (actor.role() == Role.DEPARTMENT_HANDLER) {
            return new Predicate("a.department_id = ?", List.of(actor.departmentId()));
        }
        if (actor.unrestricted()) {
            return new Predicate("1 = 1", List.of());
        }
        String r = actor.regionCode();
        return new Predicate("(a.grid_code = ? or a.community_code = ? or a.street_code = ? or a.district_code = ? "
                + "or a.city_code = ?)", List.of(r, r, r, r, r));
    }
}
