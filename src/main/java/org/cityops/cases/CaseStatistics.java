package org.cityops.cases;

import java.time.Instant;
import java.util.List;

import org.cityops.platform.Actor;

/**
 * Counts cases for the city screen and other figures, always within what the viewer may see
 * (the same scope as the case list) and, optionally, within one region subtree.
 *
 * <p>Definitions, for a period {@code [from, to)}:
 * <ul>
 *   <li>reported / registered / dispatched / closed: cases whose report time, registration time,
 *       first dispatch time or close time lies in the period (a closed case counts only while it is
 *       closed: a reopened case leaves the figure);</li>
 *   <li>due to close (应结案): registered cases whose handling deadline ({@code handle_due_at}, the
 *       deadline of their last handling stage) lies in the period and that are closed or whose
 *       deadline has passed by {@code now};</li>
 *   <li>closed on time (按期结案): of those, the ones closed whose lead department fed back
 *       ({@code handled_at}) no later than that deadline;</li>
 *   <li>open and overdue (超期): a snapshot at the time of asking, not bound to the period; overdue
 *       means open with the current stage past its deadline (red).</li>
 * </ul>
 */
public interface CaseStatistics {

    /** Returns the totals for the period, at {@code now}, in the region (null: everything the viewer sees). */
    Totals totals(Actor viewer, String regionCode, Instant from, Instant to, Instant now);

    /**
     * Returns reported and closed counts for each interval between consecutive boundaries (so
     * {@code boundaries.size() - 1} entries, in order), for trend charts by day.
     */
    List<Flow> flows(Actor viewer, String regionCode, List<Instant> boundaries);

    /** Returns the categories with the most cases reported in the period, most first, at most {@code limit}. */
    List<CategoryCount> topCategories(Actor viewer, String regionCode, Instant from, Instant to, int limit);

    /**
     * Returns, per region of the given tier below the region, the cases reported in the period and
     * the open and overdue cases now; regions without cases are absent.
     */
    List<RegionCount> byRegion(Actor viewer, String regionCode, Tier tier, Instant from, Instant to);

    /**
     * Returns the unit grids with the most open cases now (overdue ones breaking ties), most first,
     * at most {@code limit}, with their overdue count and the cases reported in the period.
     */
    List<RegionCount> busiestGrids(Actor viewer, String regionCode, Instant from, Instant to, int limit);

    /** The levels cases are located at, from the district down to the unit grid. */
    enum Tier {
        DISTRICT, STREET, COMMUNITY, GRID
    }

    /**
     * Case counts of one period and the open/overdue snapshot.
     *
     * @param dueToClose   cases due to close in the period (应结案数), see the type's definitions
     * @param closedOnTime of those, closed with feedback within the handling deadline (按期结案数)
     */
    record Totals(long reported, long registered, long dispatched, long closed, long dueToClose, long closedOnTime,
                  long open, long overdue) {

        /**
         * Returns the on-time close rate (按期结案率) = closed on time / due to close, between 0 and 1,
         * or {@code null} when no case was due to close.
         */
        public Double onTimeCloseRate() {
            return dueToClose == 0 ? null : (double) closedOnTime / dueToClose;
        }
    }

    /** Cases reported and closed in one interval. */
    record Flow(Instant from, Instant to, long reported, long closed) {
    }

    /** Cases of one category (subclass code, {@code null} when not yet categorised). */
    record CategoryCount(String categoryCode, long reported, long open) {
    }

    /** Cases located in one region of a tier. */
    record RegionCount(String regionCode, long reported, long open, long overdue) {
    }
}
