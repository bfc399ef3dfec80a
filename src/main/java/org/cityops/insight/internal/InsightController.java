package org.cityops.insight.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cityops.cases.CaseStatistics;
import org.cityops.catalog.CategoryCatalog;
import org.cityops.catalog.Subclass;
import org.cityops.geo.Division;
import org.cityops.geo.Divisions;
import org.cityops.geo.GridLocation;
import org.cityops.geo.GridLookup;
import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The city screen's figures over HTTP; every figure is limited to the caller's scope. */
@RestController
@RequestMapping("/api/v1/insight")
@Tag(name = "Insight (数据分析)", description = "Figures of the case loop for the city screen, per region")
class InsightController {

    private final CaseStatistics statistics;
    private final Divisions divisions;
    private final GridLookup grids;
    private final CategoryCatalog catalog;
    private final InsightSettings settings;
    private final Periods periods;
    private final Clock clock;

    InsightController(CaseStatistics statistics, Divisions divisions, GridLookup grids, CategoryCatalog catalog,
                      InsightSettings settings, Clock clock) {
        this.statistics = statistics;
        this.divisions = divisions;
        this.grids = grids;
        this.catalog = catalog;
        this.settings = settings;
        this.periods = new Periods(settings.zone(), settings.maxDays());
        this.clock = clock;
    }

    /** The region a figure is for, as shown. */
    record RegionView(String code, String name, String level) {
        static RegionView of(RegionScope r) {
            return new RegionView(r.code(), r.name(), r.level());
        }
    }

    /** KPI totals of one period (see {@link CaseStatistics} for each definition). */
    record Summary(RegionView region, Instant from, Instant to, long reported, long registered, long dispatched,
                   long closed, long dueToClose, long closedOnTime, Double onTimeCloseRate, long open, long overdue) {
    }

    @GetMapping("/summary")
    @Operation(summary = "KPI totals of a period (today by default, or period=today|month, or from/to): reported, "
            + "registered, dispatched, closed, on-time close rate (按期结案率), open and overdue now")
    Summary summary(@RequestParam(required = false) String region, @RequestParam(required = false) String period,
                    @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                    Actor actor) {
        RegionScope r = region(region, actor);
        Instant now = clock.instant();
        Periods.Period p = periods.resolve(period, from, to, now);
        CaseStatistics.Totals t = statistics.totals(actor, r.code(), p.from(), p.to(), now);
        return new Summary(RegionView.of(r), p.from(), p.to(), t.reported(), t.registered(), t.dispatched(),
                t.closed(), t.dueToClose(), t.closedOnTime(), t.onTimeCloseRate(), t.open(), t.overdue());
    }

    /** Cases reported and closed on one local day. */
    record Day(LocalDate day, long reported, long closed) {
    }

    @GetMapping("/by-day")
    @Operation(summary = "Cases reported and closed per local day (the last 30 days by default)")
    List<Day> byDay(@RequestParam(required = false) String region, @RequestParam(required = false) Instant from,
                    @RequestParam(required = false) Instant to, Actor actor) {
        RegionScope r = region(region, actor);
        Instant now = clock.instant();
        Periods.Period p = from == null && to == null ? periods.lastDays(settings.trendDays(), now)
                : periods.explicit(from, to, now);
        List<Day> days = new ArrayList<>();
        for (CaseStatistics.Flow f : statistics.flows(actor, r.code(), periods.dayBoundaries(p))) {
            days.add(new Day(periods.day(f.from()), f.reported(), f.closed()));
        }
        return days;
    }

    /** Cases of one category reported in the period, and how many of them are still open. */
    record CategoryFigure(String categoryCode, String name, String mainClassName, long reported, long open) {
    }

    @GetMapping("/by-category")
    @Operation(summary = "Top problem categories by cases reported in the period (this month by default)")
    List<CategoryFigure> byCategory(@RequestParam(required = false) String region,
                                    @RequestParam(required = false) String period,
                                    @RequestParam(required = false) Instant from,
                                    @RequestParam(required = false) Instant to,
                                    @RequestParam(required = false) Integer limit, Actor actor) {
        int top = limit == null ? settings.topCategories() : limit;
        if (top < 1 || top > 100) {
            throw ProblemException.BadRequest.field("limit", "must be between 1 and 100");
        }
        RegionScope r = region(region, actor);
        Instant now = clock.instant();
        Periods.Period p = period == null && from == null && to == null ? periods.month(now)
                : periods.resolve(period, from, to, now);
        List<CategoryFigure> figures = new ArrayList<>();
        for (CaseStatistics.CategoryCount c : statistics.topCategories(actor, r.code(), p.from(), p.to(), top)) {
            Optional<Subclass> s = c.categoryCode() == null ? Optional.empty() : catalog.subclass(c.categoryCode());
            figures.add(new CategoryFigure(c.categoryCode(), s.map(Subclass::name).orElse(null),
                    s.map(Subclass::mainClassName).orElse(null), c.reported(), c.open()));
        }
        return figures;
    }

    /** Counts of one region one level below the asked region. */
    record RegionFigure(String code, String name, long reported, long open, long overdue) {
    }

    /** The regions one level down with their counts; {@code childLevel} is null below a community. */
    record RegionFigures(RegionView region, String childLevel, Instant from, Instant to, List<RegionFigure> items) {
    }

    @GetMapping("/by-region")
    @Operation(summary = "Per region one level down (districts of a city … grids of a community): cases reported "
            + "in the period (today by default) and open and overdue now; regions without cases are left out")
    RegionFigures byRegion(@RequestParam(required = false) String region,
                           @RequestParam(required = false) String period,
                           @RequestParam(required = false) Instant from,
                           @RequestParam(required = false) Instant to, Actor actor) {
        RegionScope r = region(region, actor);
        Instant now = clock.instant();
        Periods.Period p = periods.resolve(period, from, to, now);
        CaseStatistics.Tier tier = r.childTier();
        if (tier == null) {
            return new RegionFigures(RegionView.of(r), null, p.from(), p.to(), List.of());
        }
        List<RegionFigure> items = new ArrayList<>();
        for (CaseStatistics.RegionCount c : statistics.byRegion(actor, r.code(), tier, p.from(), p.to())) {
            String name = tier == CaseStatistics.Tier.GRID ? null
                    : divisions.find(c.regionCode()).map(Division::name).orElse(null);
            items.add(new RegionFigure(c.regionCode(), name, c.reported(), c.open(), c.overdue()));
        }
        return new RegionFigures(RegionView.of(r), tier.name().toLowerCase(), p.from(), p.to(), items);
    }

    /** One of the busiest unit grids: its name, community, open and overdue cases now, reported in the period. */
    record GridFigure(String code, String name, String communityCode, String communityName, long open, long overdue,
                      long reported) {
    }

    @GetMapping("/busiest-grids")
    @Operation(summary = "The unit grids with the most open cases now (overdue breaking ties), with the cases "
            + "reported in the period (today by default); at most limit (default 10, 1–100)")
    List<GridFigure> busiestGrids(@RequestParam(required = false) String region,
                                  @RequestParam(required = false) String period,
                                  @RequestParam(required = false) Instant from,
                                  @RequestParam(required = false) Instant to,
                                  @RequestParam(required = false) Integer limit, Actor actor) {
        int top = limit == null ? 10 : limit;
        if (top < 1 || top > 100) {
            throw ProblemException.BadRequest.field("limit", "must be between 1 and 100");
        }
        RegionScope r = region(region, actor);
        Periods.Period p = periods.resolve(period, from, to, clock.instant());
        List<CaseStatistics.RegionCount> counts = statistics.busiestGrids(actor, r.code(), p.from(), p.to(), top);
        Map<String, String> names = grids.gridNames(counts.stream().map(CaseStatistics.RegionCount::regionCode).toList());
        List<GridFigure> figures = new ArrayList<>();
        for (CaseStatistics.RegionCount c : counts) {
            String community = grids.grid(c.regionCode()).map(GridLocation::communityCode).orElse(null);
            String communityName = community == null ? null : divisions.find(community).map(Division::name).orElse(null);
            figures.add(new GridFigure(c.regionCode(), names.get(c.regionCode()), community, communityName, c.open(),
                    c.overdue(), c.reported()));
        }
        return figures;
    }

    /** Returns the asked region (the caller's own when none is asked), checked against the caller's scope. */
    private RegionScope region(String code, Actor actor) {
        String asked = code == null || code.isBlank() ? actor.regionCode() : code.trim();
        if (asked == null) {
            return new RegionScope(null, null, "all", List.of());
        }
        Optional<Division> division = divisions.find(asked);
        if (division.isPresent()) {
            List<String> ancestors = new ArrayList<>();
            for (Division d : divisions.pathToRoot(asked)) {
                if (!d.code().equals(asked)) {
                    ancestors.add(d.code());
                }
            }
            return new RegionScope(asked, division.get().name(), division.get().level().name().toLowerCase(),
                    ancestors).checkVisibleTo(actor);
        }
        Optional<GridLocation> grid = grids.grid(asked);
        if (grid.isPresent()) {
            GridLocation g = grid.get();
            List<String> ancestors = new ArrayList<>();
            for (String a : new String[] {g.cityCode(), g.districtCode(), g.streetCode(), g.communityCode()}) {
                if (a != null) {
                    ancestors.add(a);
                }
            }
            return new RegionScope(asked, null, "grid", ancestors).checkVisibleTo(actor);
        }
        throw ProblemException.BadRequest.field("region", "no division or unit grid has the code '" + asked + "'");
    }
}
