package org.cityops.cases.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.cityops.cases.CaseState;
import org.cityops.cases.CaseStatistics;
import org.cityops.platform.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts cases in portable SQL (conditional sums, no date functions: day boundaries come from
 * the caller so time zones stay out of the database). Every query is bounded by an indexed
 * column — a time range ({@code reported_at}, {@code registered_at}, {@code first_dispatched_at},
 * {@code closed_at}, {@code handle_due_at}) or the open states ({@code state}) — so its work grows
 * with the cases of the period or the open cases, not with every case ever recorded; the region
 * and the viewer's scope then filter those rows.
 */
@Repository
class StoredCaseStatistics implements CaseStatistics {

    private static final String OPEN = "c.state NOT IN ('CLOSED', 'VOID', 'NOT_REGISTERED')";
    /** The open states as an IN list, which the state index answers (NOT IN would read every case). */
    private static final String OPEN_STATES = "c.state IN (" + String.join(", ", Arrays.stream(CaseState.values())
            .filter(st -> st != CaseState.CLOSED && st != CaseState.VOID && st != CaseState.NOT_REGISTERED)
            .map(st -> "'" + st.name() + "'").toList()) + ")";

    private final JdbcClient jdbc;

    StoredCaseStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public Totals totals(Actor viewer, String regionCode, Instant from, Instant to, Instant now) {
        long reported = count(viewer, regionCode, "c.reported_at >= ? AND c.reported_at < ?", from, to);
        long registered = count(viewer, regionCode, "c.registered_at >= ? AND c.registered_at < ?", from, to);
        long dispatched = count(viewer, regionCode, "c.first_dispatched_at >= ? AND c.first_dispatched_at < ?", from, to);
        long closed = closedIn(viewer, regionCode, from, to);
        List<Object> params = new ArrayList<>();
        String dueSums = sum("c.state = 'CLOSED' OR c.handle_due_at <= ?", params, now) + " AS due, "
                + sum("c.state = 'CLOSED' AND c.handled_at <= c.handle_due_at", params) + " AS on_time ";
        long[] dueAndOnTime = jdbc.sql("SELECT " + dueSums + "FROM cases c WHERE c.handle_due_at >= ? "
                        + "AND c.handle_due_at < ? AND " + where(viewer, regionCode, params, from, to))
                .params(params).query((rs, n) -> new long[] {rs.getLong("due"), rs.getLong("on_time")}).single();
        params = new ArrayList<>();
        String overdue = sum("c.sla_status = 'RED'", params);
        long[] openAndOverdue = jdbc.sql("SELECT COUNT(*) AS open_now, " + overdue + " AS overdue_now FROM cases c "
                        + "WHERE " + OPEN_STATES + " AND " + where(viewer, regionCode, params))
                .params(params).query((rs, n) -> new long[] {rs.getLong("open_now"), rs.getLong("overdue_now")}).single();
        return new Totals(reported, registered, dispatched, closed, dueAndOnTime[0], dueAndOnTime[1],
                openAndOverdue[0], openAndOverdue[1]);
    }

    /** Returns how many cases the viewer sees in the region match the time range (two instants). */
    private long count(Actor viewer, String regionCode, String range, Instant from, Instant to) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT COUNT(*) FROM cases c WHERE " + range + " AND " + where(viewer, regionCode, params, from, to);
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    /**
     * Returns how many cases the viewer sees in the region were closed in the period and are still
     * closed. The state is tested in the sum, not the WHERE clause: there an equality on the
     * indexed state would lead the planner (H2) to read every closed case instead of the period's.
     */
    private long closedIn(Actor viewer, String regionCode, Instant from, Instant to) {
        List<Object> params = new ArrayList<>();
        String closed = sum("c.state = 'CLOSED'", params);
        return jdbc.sql("SELECT " + closed + " AS closed FROM cases c WHERE c.closed_at >= ? AND c.closed_at < ? AND "
                + where(viewer, regionCode, params, from, to)).params(params).query((rs, n) -> rs.getLong("closed")).single();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Flow> flows(Actor viewer, String regionCode, List<Instant> boundaries) {
        if (boundaries.size() < 2) {
            return List.of();
        }
        // two range queries, each on its own time index, rather than one scan for "reported or closed"
        long[] reported = perInterval(viewer, regionCode, boundaries, "c.reported_at", "1 = 1");
        long[] closed = perInterval(viewer, regionCode, boundaries, "c.closed_at", "c.state = 'CLOSED'");
        List<Flow> flows = new ArrayList<>();
        for (int i = 0; i + 1 < boundaries.size(); i++) {
            flows.add(new Flow(boundaries.get(i), boundaries.get(i + 1), reported[i], closed[i]));
        }
        return flows;
    }

    /** Returns, per interval between consecutive boundaries, the cases whose time column lies in it. */
    private long[] perInterval(Actor viewer, String regionCode, List<Instant> boundaries, String column, String condition) {
        List<Object> params = new ArrayList<>();
        StringBuilder columns = new StringBuilder();
        for (int i = 0; i + 1 < boundaries.size(); i++) {
                // the condition goes in the sum, so that only the time index bounds the rows read
            columns.append(i == 0 ? "" : ", ").append(sum(condition + " AND " + column + " >= ? AND " + column + " < ?",
                    params, boundaries.get(i), boundaries.get(i + 1))).append(" AS n").append(i);
        }
        String sql = "SELECT " + columns + " FROM cases c WHERE " + column + " >= ? AND " + column + " < ? AND "
                + where(viewer, regionCode, params, boundaries.get(0),
                boundaries.get(boundaries.size() - 1));
        return jdbc.sql(sql).params(params).query((rs, n) -> {
            long[] counts = new long[boundaries.size() - 1];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = rs.getLong("n" + i);
            }
            return counts;
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
        // reported in the period (time index) and open now (state index), merged per region
        Map<String, long[]> counts = new TreeMap<>();
        List<Object> params = new ArrayList<>();
        jdbc.sql("SELECT " + column + " AS region, COUNT(*) AS reported FROM cases c WHERE c.reported_at >= ? "
                        + "AND c.reported_at < ? AND " + column + " IS NOT NULL AND "
                        + where(viewer, regionCode, params, from, to) + " GROUP BY " + column)
                .params(params)
                .query((rs, n) -> counts.computeIfAbsent(rs.getString("region"), k -> new long[3])[0] = rs.getLong("reported"))
                .list();
        params = new ArrayList<>();
        String overdue = sum("c.sla_status = 'RED'", params);
        jdbc.sql("SELECT " + column + " AS region, COUNT(*) AS open_now, " + overdue + " AS overdue_now FROM cases c "
                        + "WHERE " + OPEN_STATES + " AND " + column + " IS NOT NULL AND " + where(viewer, regionCode, params)
                        + " GROUP BY " + column)
                .params(params)
                .query((rs, n) -> {
                    long[] c = counts.computeIfAbsent(rs.getString("region"), k -> new long[3]);
                    c[1] = rs.getLong("open_now");
                    c[2] = rs.getLong("overdue_now");
                    return c;
                }).list();
        List<RegionCount> out = new ArrayList<>();
        counts.forEach((region, c) -> out.add(new RegionCount(region, c[0], c[1], c[2])));
        return out;
    }

    @Override
    @Transactional(readOnly = true)
    public List<RegionCount> busiestGrids(Actor viewer, String regionCode, Instant from, Instant to, int limit) {
        List<Object> params = new ArrayList<>();
        String overdue = sum("c.sla_status = 'RED'", params);
        String sql = "SELECT c.grid_code AS grid, COUNT(*) AS open_now, " + overdue + " AS overdue_now FROM cases c "
                + "WHERE " + OPEN_STATES + " AND c.grid_code IS NOT NULL AND " + where(viewer, regionCode, params)
                + " GROUP BY c.grid_code ORDER BY open_now DESC, overdue_now DESC, c.grid_code LIMIT ?";
        params.add(limit);
        List<RegionCount> top = jdbc.sql(sql).params(params).query((rs, n) -> new RegionCount(rs.getString("grid"), 0,
                rs.getLong("open_now"), rs.getLong("overdue_now"))).list();
        if (top.isEmpty()) {
            return top;
        }
        params = new ArrayList<>();
        for (RegionCount g : top) {
            params.add(g.regionCode());
        }
        Map<String, Long> reported = new HashMap<>();
        jdbc.sql("SELECT c.grid_code AS grid, COUNT(*) AS reported FROM cases c WHERE c.grid_code IN ("
                        + String.join(", ", top.stream().map(g -> "?").toList()) + ") AND c.reported_at >= ? "
                        + "AND c.reported_at < ? AND " + where(viewer, regionCode, params, from, to) + " GROUP BY c.grid_code")
                .params(params)
                .query((rs, n) -> reported.put(rs.getString("grid"), rs.getLong("reported"))).list();
        return top.stream().map(g -> new RegionCount(g.regionCode(), reported.getOrDefault(g.regionCode(), 0L), g.open(),
                g.overdue())).toList();
    }

    /**
     * Returns the viewer's scope and the region condition, adding first the instants (of a time
     * range the caller wrote just before it) and then its own parameters.
     */
    private static String where(Actor viewer, String regionCode, List<Object> params, Instant... leading) {
        for (Instant i : leading) {
            params.add(CaseRepository.ts(i));
        }
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
