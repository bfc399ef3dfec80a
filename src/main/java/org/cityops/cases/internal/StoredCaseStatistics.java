package org.cityops.cases.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.cityops.cases.CaseStatistics;
import org.cityops.platform.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts cases with one grouped scan each, in portable SQL (conditional sums, no date functions:
 * day boundaries come from the caller so time zones stay out of the database).
 */
@Repository
class StoredCaseStatistics implements CaseStatistics {

    private static final String OPEN = "c.state NOT IN ('CLOSED', 'VOID', 'NOT_REGISTERED')";

    private final JdbcClient jdbc;

    StoredCaseStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public Totals totals(Actor viewer, String regionCode, Instant from, Instant to, Instant now) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT "
                + sum("c.reported_at >= ? AND c.reported_at < ?", params, from, to) + " AS reported, "
                + sum("c.registered_at >= ? AND c.registered_at < ?", params, from, to) + " AS registered, "
                + sum("c.first_dispatched_at >= ? AND c.first_dispatched_at < ?", params, from, to) + " AS dispatched, "
                + sum("c.state = 'CLOSED' AND c.closed_at >= ? AND c.closed_at < ?", params, from, to) + " AS closed, "
                + sum("c.handle_due_at >= ? AND c.handle_due_at < ? AND (c.state = 'CLOSED' OR c.handle_due_at <= ?)",
                        params, from, to, now) + " AS due, "
                + sum("c.handle_due_at >= ? AND c.handle_due_at < ? AND c.state = 'CLOSED' "
                        + "AND c.handled_at <= c.handle_due_at", params, from, to) + " AS on_time, "
                + sum(OPEN, params) + " AS open_now, "
                + sum(OPEN + " AND c.sla_status = 'RED'", params) + " AS overdue_now "
                + "FROM cases c WHERE " + where(viewer, regionCode, params);
        return jdbc.sql(sql).params(params).query((rs, n) -> new Totals(rs.getLong("reported"),
                rs.getLong("registered"), rs.getLong("dispatched"), rs.getLong("closed"), rs.getLong("due"),
                rs.getLong("on_time"), rs.getLong("open_now"), rs.getLong("overdue_now"))).single();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Flow> flows(Actor viewer, String regionCode, List<Instant> boundaries) {
        if (boundaries.size() < 2) {
            return List.of();
        }
        List<Object> params = new ArrayList<>();
        StringBuilder columns = new StringBuilder();
        for (int i = 0; i + 1 < boundaries.size(); i++) {
            Instant a = boundaries.get(i);
            Instant b = boundaries.get(i + 1);
            columns.append(i == 0 ? "" : ", ")
                    .append(sum("c.reported_at >= ? AND c.reported_at < ?", params, a, b)).append(" AS r").append(i)
                    .append(", ").append(sum("c.state = 'CLOSED' AND c.closed_at >= ? AND c.closed_at < ?", params, a, b))
                    .append(" AS c").append(i);
        }
        // only rows touching the whole span are scanned
        Instant first = boundaries.get(0);
        Instant last = boundaries.get(boundaries.size() - 1);
        String where = where(viewer, regionCode, params)
                + " AND ((c.reported_at >= ? AND c.reported_at < ?) OR (c.closed_at >= ? AND c.closed_at < ?))";
        params.add(CaseRepository.ts(first));
        params.add(CaseRepository.ts(last));
        params.add(CaseRepository.ts(first));
        params.add(CaseRepository.ts(last));
        return jdbc.sql("SELECT " + columns + " FROM cases c WHERE " + where).params(params).query((rs, n) -> {
            List<Flow> flows = new ArrayList<>();
            for (int i = 0; i + 1 < boundaries.size(); i++) {
                flows.add(new Flow(boundaries.get(i), boundaries.get(i + 1), rs.getLong("r" + i), rs.getLong("c" + i)));
            }
            return flows;
        }).single();
    }

    @Override
    @Transactional(readOnly = true)
    public List<CategoryCount> topCategories(Actor viewer, String regionCode, Instant from, Instant to, int limit) {
        List<Object> params = new ArrayList<>();
        String open = sum(OPEN, params);
        String where = where(viewer, regionCode, params) + " AND c.reported_at >= ? AND c.reported_at < ?";
        params.add(CaseRepository.ts(from));
        params.add(CaseRepository.ts(to));
        params.add(limit);
        return jdbc.sql("SELECT c.category_code, COUNT(*) AS reported, " + open + " AS open_now FROM cases c WHERE "
                        + where + " GROUP BY c.category_code ORDER BY reported DESC, c.category_code LIMIT ?")
                .params(params)
                .query((rs, n) -> new CategoryCount(rs.getString("category_code"), rs.getLong("reported"),
                        rs.getLong("open_now"))).list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<RegionCount> byRegion(Actor viewer, String regionCode, Tier tier, Instant from, Instant to) {
        String column = switch (tier) {
            case DISTRICT -> "c.district_code";
            case STREET -> "c.street_code";
            case COMMUNITY -> "c.community_code";
            case GRID -> "c.grid_code";
        };
        List<Object> params = new ArrayList<>();
        String sql = "SELECT " + column + " AS region, "
                + sum("c.reported_at >= ? AND c.reported_at < ?", params, from, to) + " AS reported, "
                + sum(OPEN, params) + " AS open_now, "
                + sum(OPEN + " AND c.sla_status = 'RED'", params) + " AS overdue_now "
                + "FROM cases c WHERE " + where(viewer, regionCode, params) + " AND " + column + " IS NOT NULL "
                + "GROUP BY " + column + " ORDER BY " + column;
        return jdbc.sql(sql).params(params).query((rs, n) -> new RegionCount(rs.getString("region"),
                rs.getLong("reported"), rs.getLong("open_now"), rs.getLong("overdue_now"))).list().stream()
                .filter(r -> r.reported() + r.open() > 0).toList();
    }

    @Override
    public List<RegionCount> busiestGrids(Actor viewer, String regionCode, Instant from, Instant to, int limit) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT c.grid_code AS grid, "
                + sum("c.reported_at >= ? AND c.reported_at < ?", params, from, to) + " AS reported, "
                + "COUNT(*) AS open_now, "
                + sum("c.sla_status = 'RED'", params) + " AS overdue_now "
                + "FROM cases c WHERE " + where(viewer, regionCode, params) + " AND c.grid_code IS NOT NULL AND " + OPEN
                + " GROUP BY c.grid_code ORDER BY open_now DESC, overdue_now DESC, c.grid_code LIMIT ?";
        params.add(limit);
        return jdbc.sql(sql).params(params).query((rs, n) -> new RegionCount(rs.getString("grid"),
                rs.getLong("reported"), rs.getLong("open_now"), rs.getLong("overdue_now"))).list();
    }

    /** Returns the viewer's scope and the region condition, adding their parameters. */
    private static String where(Actor viewer, String regionCode, List<Object> params) {
        CaseScope.Predicate scope = CaseScope.sql(viewer);
        params.addAll(scope.params());
        if (regionCode == null) {
            return scope.clause();
        }
        for (int i = 0; i < 5; i++) {
            params.add(regionCode);
        }
        return scope.clause() + " AND (c.grid_code = ? OR c.community_code = ? OR c.street_code = ? "
                + "OR c.district_code = ? OR c.city_code = ?)";
    }

    /** Returns {@code SUM(CASE WHEN condition THEN 1 ELSE 0 END)}, adding the instants as parameters. */
    private static String sum(String condition, List<Object> params, Instant... instants) {
        for (Instant i : instants) {
            params.add(CaseRepository.ts(i));
        }
        return "SUM(CASE WHEN " + condition + " THEN 1 ELSE 0 END)";
    }
}
