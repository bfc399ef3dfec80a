package org.cityops.cases.internal;

import java.util.List;

import org.cityops.platform.Actor;
import org.cityops.platform.Role;

/**
 * Who sees which cases: region-scoped roles see the cases inside their division (at any depth),
 * department handlers see the cases their department leads or assists, and unrestricted roles
 * see all. The same rule in Java (for one case) and in SQL (for lists).
 */
final class CaseScope {

    private CaseScope() {
    }

    /** A SQL condition on table alias {@code c} and its parameters. */
    record Predicate(String clause, List<Object> params) {
    }

    /** Returns whether the actor may see the case. */
    static boolean sees(Actor actor, CaseFile file) {
        if (actor.role() == Role.DEPARTMENT_HANDLER) {
            return file.involves(actor.departmentId());
        }
        if (actor.unrestricted()) {
            return true;
        }
        return file.regionPath().contains(actor.regionCode());
    }

    /** Returns the SQL condition selecting exactly the cases the actor may see. */
    static Predicate sql(Actor actor) {
        if (actor.role() == Role.DEPARTMENT_HANDLER) {
            return new Predicate("(c.lead_department_id = ? OR EXISTS (SELECT 1 FROM case_assist x "
                    + "WHERE x.case_id = c.id AND x.active = TRUE AND x.department_id = ?))",
                    List.of(actor.departmentId(), actor.departmentId()));
        }
        if (actor.unrestricted()) {
            return new Predicate("1 = 1", List.of());
        }
        String r = actor.regionCode();
        return new Predicate("(c.grid_code = ? OR c.community_code = ? OR c.street_code = ? OR c.district_code = ? "
                + "OR c.city_code = ?)", List.of(r, r, r, r, r));
    }
}
