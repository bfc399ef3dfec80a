package org.cityops.cases.internal;

import java.time.Instant;
import java.util.List;

import org.cityops.cases.CaseState;

/**
 * Filters for listing cases; every field is optional.
 *
 * @param states       any of these states
 * @param categoryCode subclass code, or a main-class code prefix such as {@code E01}
 * @param regionCode   any division the case lies in (grid, community, street, district or city)
 * @param departmentId lead or assisting department
 * @param overdue      only cases past their current deadline (红灯)
 * @param manualQueue  only cases waiting for a manual routing decision
 * @param from         reported at or after
 * @param to           reported before
 * @param before       cursor: only ids below this one
 */
record CaseQuery(List<CaseState> states, String categoryCode, String regionCode, Long departmentId, Boolean overdue,
                 Boolean manualQueue, Instant from, Instant to, Long before) {

    void appendTo(StringBuilder sql, List<Object> params) {
        if (states != null && !states.isEmpty()) {
            sql.append(" AND c.state IN (").append("?,".repeat(states.size() - 1)).append("?)");
            states.forEach(s -> params.add(s.name()));
        }
        if (categoryCode != null) {
            sql.append(" AND c.category_code LIKE ?");
            params.add(categoryCode.replace("%", "").replace("_", "") + "%");
        }
        if (regionCode != null) {
            sql.append(" AND (c.grid_code = ? OR c.community_code = ? OR c.street_code = ? OR c.district_code = ?"
                    + " OR c.city_code = ?)");
            for (int i = 0; i < 5; i++) {
                params.add(regionCode);
            }
        }
        if (departmentId != null) {
            sql.append(" AND (c.lead_department_id = ? OR EXISTS (SELECT 1 FROM case_assist y WHERE y.case_id = c.id"
                    + " AND y.active = TRUE AND y.department_id = ?))");
            params.add(departmentId);
            params.add(departmentId);
        }
        if (Boolean.TRUE.equals(overdue)) {
            sql.append(" AND c.sla_status = 'RED'");
        }
        if (Boolean.TRUE.equals(manualQueue)) {
            sql.append(" AND c.manual_queue = TRUE AND c.state IN ('REGISTERED', 'RETURNED')");
        }
        if (from != null) {
            sql.append(" AND c.reported_at >= ?");
            params.add(CaseRepository.ts(from));
        }
        if (to != null) {
            sql.append(" AND c.reported_at < ?");
            params.add(CaseRepository.ts(to));
        }
        if (before != null) {
            sql.append(" AND c.id < ?");
            params.add(before);
        }
    }
}
