package org.cityops.rules.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.cityops.catalog.CategoryCatalog;
import org.cityops.geo.Division;
import org.cityops.geo.Divisions;
import org.cityops.geo.GridLookup;
import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.cityops.platform.ProblemException.FieldError;
import org.cityops.platform.Role;
import org.cityops.sensing.ObservationHistory;
import org.cityops.sensing.SensedObservation;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rules over their lifecycle: create, change (each change a new version, the old ones kept),
 * enable, disable (which also lifts a quarantine), read within the caller's scope, and dry-run a
 * rule against stored history.
 *
 * <p>Who writes rules: ADMIN, CITY_DISPATCHER and DISTRICT_DISPATCHER. A writer with a region may
 * only write rules watching inside that region (every watch names a region or grid in it).
 */
@Service
class RuleService {

    private static final Set<Role> WRITERS = Set.of(Role.ADMIN, Role.CITY_DISPATCHER, Role.DISTRICT_DISPATCHER);
    private static final int LIST_MAX = 1000;

    private final RuleStore store;
    private final RuleVersions versions;
    private final RuleRuntime runtime;
    private final RuleCheck check;
    private final CategoryCatalog catalog;
    private final Divisions divisions;
    private final GridLookup grids;
    private final ObservationHistory history;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final RulesSettings settings;

    RuleService(RuleStore store, RuleVersions versions, RuleRuntime runtime, CategoryCatalog catalog,
                Divisions divisions, GridLookup grids, ObservationHistory history, TransactionTemplate tx, Clock clock,
                RulesSettings settings) {
        this.store = store;
        this.versions = versions;
        this.runtime = runtime;
        this.check = new RuleCheck(runtime.cel());
        this.catalog = catalog;
        this.divisions = divisions;
        this.grids = grids;
        this.history = history;
        this.tx = tx;
        this.clock = clock;
        this.settings = settings;
    }

    /** A rule with its current definition. */
    record Rule(RuleStore.RuleRow row, RuleDefinition definition) {
    }

    /** Checks and stores a new rule, enabled; it is evaluated from the next observation on. */
    Rule create(RuleDefinition d, Actor actor) {
        mayWrite(d, actor);
        validate(d);
        CompiledRule compiled = CompiledRule.compile(0, 1, d, runtime.cel());
        Instant now = clock.instant();
        long id = tx.execute(s -> store.insert(d.name().trim(), d.kind(), d.severity(), region(d), department(d),
                versions.write(d), actor.username(), now));
        runtime.put(new CompiledRule(id, 1, d, compiled.condition(), compiled.clearCondition(), compiled.inputs()));
        return get(id, actor);
    }

    /** Stores the definition as the rule's next version; an enabled rule evaluates it from now on. */
    Rule change(long id, Integer expectedVersion, RuleDefinition d, Actor actor) {
        RuleStore.RuleRow row = visible(id, actor);
        mayWrite(versions.definition(id, row.currentVersion()), actor);
        mayWrite(d, actor);
        validate(d);
        int from = expectedVersion == null ? row.currentVersion() : expectedVersion;
        CompiledRule compiled = CompiledRule.compile(id, from + 1, d, runtime.cel());
        boolean changed = Boolean.TRUE.equals(tx.execute(s -> store.change(id, from, d.name().trim(), d.kind(),
                d.severity(), region(d), department(d), versions.write(d), actor.username(), clock.instant())));
        if (!changed) {
            throw new ProblemException.Conflict("rule " + id + " is at version " + store.find(id).orElseThrow()
                    .currentVersion() + ", not " + from + "; read it again");
        }
        if (row.status() == RuleStore.Status.ENABLED) {
            RuleDefinition before = versions.definition(id, from);
            if (before != null && judgesOtherSubjects(before, d)) {
                runtime.replace(compiled, actor.username(), actor.role().name(),
                        "rule changed to version " + (from + 1) + ": it watches other datastreams or judges another way");
            } else {
                runtime.put(compiled);
            }
        }
        return get(id, actor);
    }

    /**
     * Returns whether a new version judges other subjects or in another way than the old one —
     * another kind, watch, correlation key or inputs' watches — so the old version's alerts mean
     * nothing to it. A version that only changes conditions, thresholds, severity or texts keeps
     * them: its next judgement of each subject repeats or clears the alert.
     */
    static boolean judgesOtherSubjects(RuleDefinition before, RuleDefinition after) {
        if (before.kind() != after.kind() || !Objects.equals(before.watch(), after.watch())) {
            return true;
        }
        if (before.correlation() == null || after.correlation() == null) {
            return before.correlation() != after.correlation();
        }
        return before.correlation().keyBy() != after.correlation().keyBy()
                || !Objects.equals(watchesOf(before), watchesOf(after));
    }

    /** Enables the rule (again), which also lifts a quarantine. */
    Rule enable(long id, Actor actor) {
        RuleStore.RuleRow row = visible(id, actor);
        RuleDefinition d = versions.definition(id, row.currentVersion());
        mayWrite(d, actor);
        CompiledRule compiled = CompiledRule.compile(id, row.currentVersion(), d, runtime.cel());
        tx.executeWithoutResult(s -> store.status(id, RuleStore.Status.ENABLED, null, clock.instant()));
        runtime.put(compiled);
        return get(id, actor);
    }

    /**
     * Disables the rule: it is not evaluated until enabled again, and its active alerts are
     * cleared with a history line naming who disabled it — except alerts waiting for their case,
     * which the case loop resolves.
     */
    Rule disable(long id, Actor actor) {
        RuleStore.RuleRow row = visible(id, actor);
        mayWrite(versions.definition(id, row.currentVersion()), actor);
        tx.executeWithoutResult(s -> store.status(id, RuleStore.Status.DISABLED, null, clock.instant()));
        runtime.remove(id, actor.username(), actor.role().name(), "rule disabled");
        return get(id, actor);
    }

    /** Returns the rule if the actor may see it, else 404. */
    Rule get(long id, Actor actor) {
        RuleStore.RuleRow row = visible(id, actor);
        return new Rule(row, versions.definition(id, row.currentVersion()));
    }

    /** Returns every version of a rule the actor may see, oldest first. */
    List<RuleStore.VersionRow> versions(long id, Actor actor) {
        visible(id, actor);
        return store.versions(id);
    }

    /** Returns one version of a rule the actor may see. */
    RuleDefinition version(long id, int version, Actor actor) {
        visible(id, actor);
        RuleDefinition d = versions.definition(id, version);
        if (d == null) {
            throw new ProblemException.NotFound("rule " + id + " has no version " + version);
        }
        return d;
    }

    /** Returns the rules the actor may see, newest first. */
    List<Rule> list(RuleStore.Status status, Actor actor) {
        return store.list(status, LIST_MAX).stream().filter(r -> sees(actor, r))
                .map(r -> new Rule(r, versions.definition(r.id(), r.currentVersion()))).toList();
    }

    /** Evaluates the definition against stored observations in {@code [from, to)}, raising nothing. */
    DryRun.Result dryRun(RuleDefinition d, Instant from, Instant to, Actor actor) {
        if (!WRITERS.contains(actor.role()) && actor.role() != Role.LEADER) {
            throw new ProblemException.Forbidden("a " + actor.role() + " does not dry-run rules");
        }
        List<FieldError> errors = new ArrayList<>();
        if (from == null) {
            errors.add(new FieldError("from", "is required"));
        }
        if (to == null) {
            errors.add(new FieldError("to", "is required"));
        }
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(new FieldError("to", "must be after from"));
        } else if (from != null && to != null && Duration.between(from, to).compareTo(settings.dryRunMaxRange()) > 0) {
            errors.add(new FieldError("to", "lies more than " + settings.dryRunMaxRange() + " after from"));
        }
        if (d == null) {
            errors.add(new FieldError("rule", "is required"));
        } else {
            errors.addAll(check.problems(d));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest("the dry run cannot start", errors);
        }
        CompiledRule rule = CompiledRule.compile(0, 0, d, runtime.cel());
        int limit = settings.dryRunMaxObservations();
        Set<Watch> watches = new LinkedHashSet<>();
        if (d.kind() == RuleKind.CORRELATION) {
            d.correlation().inputs().forEach(i -> watches.add(i.watch()));
        } else {
            watches.add(d.watch());
        }
        List<SensedObservation> replay = new ArrayList<>();
        Set<Long> ids = new HashSet<>();
        boolean truncated = false;
        for (Watch w : watches) {
            List<SensedObservation> found = history.observations(w.observedProperty(),
                    w.observedProperty() == null ? w.propertyDefinition() : null, from, to, limit + 1);
            truncated |= found.size() > limit;
            found.stream().filter(o -> ids.add(o.observationId())).forEach(replay::add);
        }
        replay.sort(Comparator.comparing(SensedObservation::phenomenonTime)
                .thenComparing(SensedObservation::observationId));
        if (replay.size() > limit) {
            truncated = true;
            replay = replay.subList(0, limit);
        }
        return DryRun.run(rule, replay, to, settings.allowedLateness(), settings.maxPointsPerStream(), truncated);
    }

    private void validate(RuleDefinition d) {
        List<FieldError> errors = new ArrayList<>(check.problems(d));
        RuleDefinition.CasePolicy p = d.casePolicy();
        if (p != null && p.opensCase() && p.categoryCode() != null && !p.categoryCode().isBlank()
                && catalog.activeSubclass(p.categoryCode()).isEmpty()) {
            errors.add(new FieldError("casePolicy.categoryCode", "is no active subclass of the catalog"));
        }
        for (Watch w : watchesOf(d)) {
            if (w.region() != null && divisions.findActive(w.region()).isEmpty() && grids.grid(w.region()).isEmpty()) {
                errors.add(new FieldError(watchField(d, w) + ".region", "is no active division or grid"));
            }
            if (w.grid() != null && grids.grid(w.grid()).isEmpty()) {
                errors.add(new FieldError(watchField(d, w) + ".grid", "is no active unit grid"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest("the rule is not valid", errors);
        }
    }

    private static String watchField(RuleDefinition d, Watch w) {
        if (d.kind() != RuleKind.CORRELATION) {
            return "watch";
        }
        return "correlation.inputs[" + d.correlation().inputs().stream().map(RuleDefinition.Input::watch).toList()
                .indexOf(w) + "].watch";
    }

    private static List<Watch> watchesOf(RuleDefinition d) {
        if (d.kind() == RuleKind.CORRELATION) {
            return d.correlation() == null || d.correlation().inputs() == null ? List.of()
                    : d.correlation().inputs().stream().filter(Objects::nonNull).map(RuleDefinition.Input::watch)
                    .filter(Objects::nonNull).toList();
        }
        return d.watch() == null ? List.of() : List.of(d.watch());
    }

    /** Returns the region a rule is scoped to: its watch's region or grid, or the common one of its inputs. */
    private static String region(RuleDefinition d) {
        Set<String> regions = new HashSet<>();
        for (Watch w : watchesOf(d)) {
            regions.add(w.grid() != null ? w.grid() : w.region());
        }
        return regions.size() == 1 ? regions.iterator().next() : null;
    }

    private static Long department(RuleDefinition d) {
        Set<Long> departments = new HashSet<>();
        watchesOf(d).forEach(w -> departments.add(w.departmentId()));
        return departments.size() == 1 ? departments.iterator().next() : null;
    }

    private void mayWrite(RuleDefinition d, Actor actor) {
        if (!WRITERS.contains(actor.role())) {
            throw new ProblemException.Forbidden("a " + actor.role() + " does not write rules");
        }
        if (actor.unrestricted() || d == null) {
            return;
        }
        for (Watch w : watchesOf(d)) {
            String code = w.grid() != null ? w.grid() : w.region();
            if (code == null || !path(code).contains(actor.regionCode())) {
                throw new ProblemException.Forbidden("a " + actor.role() + " of " + actor.regionCode()
                        + " writes only rules watching inside that region (watch.region or watch.grid)");
            }
        }
        if (watchesOf(d).isEmpty()) {
            throw new ProblemException.Forbidden("a " + actor.role() + " of " + actor.regionCode()
                    + " writes only rules watching inside that region");
        }
    }

    private RuleStore.RuleRow visible(long id, Actor actor) {
        return store.find(id).filter(r -> sees(actor, r))
                .orElseThrow(() -> new ProblemException.NotFound("no rule " + id));
    }

    /** Rules are read like cases: unrestricted roles all, departments theirs, regions theirs and the city-wide ones. */
    private boolean sees(Actor actor, RuleStore.RuleRow r) {
        if (actor.role() == Role.DEPARTMENT_HANDLER) {
            return Objects.equals(r.departmentId(), actor.departmentId());
        }
        if (actor.unrestricted() || r.regionCode() == null) {
            return true;
        }
        return path(r.regionCode()).contains(actor.regionCode());
    }

    /** Returns the code and the codes of every division containing it. */
    private Set<String> path(String code) {
        Set<String> codes = new HashSet<>();
        codes.add(code);
        grids.grid(code).ifPresent(g -> codes.addAll(List.of(g.gridCode(), g.communityCode(), g.streetCode(),
                g.districtCode(), g.cityCode())));
        for (Division d : divisions.pathToRoot(code)) {
            codes.add(d.code());
        }
        return codes;
    }
}
