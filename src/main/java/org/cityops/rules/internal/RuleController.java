package org.cityops.rules.internal;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.cityops.platform.Role;
import org.cityops.rules.AlertSeverity;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Rules (研判规则) over HTTP: create, change (versioned), enable, disable, read, dry run. */
@RestController
@RequestMapping("/api/v1/rules")
@Tag(name = "Rules (研判规则)", description = "CEL rules over the sensor streams that raise alerts")
class RuleController {

    private final RuleService rules;
    private final RuleRuntime runtime;

    RuleController(RuleService rules, RuleRuntime runtime) {
        this.rules = rules;
        this.runtime = runtime;
    }

    /** A rule as the API shows it: its row and current definition. */
    record RuleView(long id, String name, RuleKind kind, AlertSeverity severity, RuleStore.Status status, int version,
                    String regionCode, Long departmentId, String quarantineError, Instant quarantinedAt,
                    String createdBy, Instant createdAt, Instant updatedAt, RuleDefinition definition) {

        static RuleView of(RuleService.Rule r) {
            RuleStore.RuleRow x = r.row();
            return new RuleView(x.id(), x.name(), x.kind(), x.severity(), x.status(), x.currentVersion(),
                    x.regionCode(), x.departmentId(), x.quarantineError(), x.quarantinedAt(), x.createdBy(),
                    x.createdAt(), x.updatedAt(), r.definition());
        }
    }

    /** A stored version. */
    record VersionView(int version, String createdBy, Instant createdAt, RuleDefinition definition) {
    }

    /** A dry run of an unsaved rule. */
    record DryRunRequest(RuleDefinition rule, Instant from, Instant to) {
    }

    /** A dry run of a saved rule's current version. */
    record RangeRequest(Instant from, Instant to) {
    }

    @PostMapping
    @Operation(summary = "Create a rule (enabled, version 1); its CEL conditions are type-checked, errors name line and column")
    ResponseEntity<RuleView> create(@RequestBody RuleDefinition definition, Actor actor) {
        RuleView v = RuleView.of(rules.create(definition, actor));
        return ResponseEntity.created(URI.create("/api/v1/rules/" + v.id())).body(v);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change a rule: the definition becomes its next version; ?version=N refuses (409) if it is not at N")
    RuleView change(@PathVariable long id, @RequestParam(required = false) Integer version,
                    @RequestBody RuleDefinition definition, Actor actor) {
        return RuleView.of(rules.change(id, version, definition, actor));
    }

    @PostMapping("/{id}/enable")
    @Operation(summary = "Enable a rule; lifts a quarantine")
    RuleView enable(@PathVariable long id, Actor actor) {
        return RuleView.of(rules.enable(id, actor));
    }

    @PostMapping("/{id}/disable")
    @Operation(summary = "Disable a rule; its active alerts stay until handled")
    RuleView disable(@PathVariable long id, Actor actor) {
        return RuleView.of(rules.disable(id, actor));
    }

    @GetMapping
    @Operation(summary = "List the rules in the caller's scope, newest first")
    List<RuleView> list(@RequestParam(required = false) RuleStore.Status status, Actor actor) {
        return rules.list(status, actor).stream().map(RuleView::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a rule with its current definition")
    RuleView get(@PathVariable long id, Actor actor) {
        return RuleView.of(rules.get(id, actor));
    }

    @GetMapping("/{id}/versions")
    @Operation(summary = "Read every version of a rule, oldest first")
    List<VersionView> versions(@PathVariable long id, Actor actor) {
        return rules.versions(id, actor).stream().map(v -> new VersionView(v.version(), v.createdBy(), v.createdAt(),
                rules.version(id, v.version(), actor))).toList();
    }

    @GetMapping("/{id}/versions/{version}")
    @Operation(summary = "Read one version of a rule")
    RuleDefinition version(@PathVariable long id, @PathVariable int version, Actor actor) {
        return rules.version(id, version, actor);
    }

    @PostMapping("/dry-run")
    @Operation(summary = "Evaluate a (possibly unsaved) rule against stored observations in [from, to); raises nothing")
    DryRun.Result dryRun(@RequestBody DryRunRequest r, Actor actor) {
        return rules.dryRun(r.rule(), r.from(), r.to(), actor);
    }

    @PostMapping("/{id}/dry-run")
    @Operation(summary = "Evaluate a saved rule's current version against stored observations in [from, to)")
    DryRun.Result dryRunSaved(@PathVariable long id, @RequestBody RangeRequest r, Actor actor) {
        return rules.dryRun(rules.get(id, actor).definition(), r.from(), r.to(), actor);
    }

    @GetMapping("/engine")
    @Operation(summary = "What the rule engine did since start: rules, windows, late and replayed observations, drops")
    RuleRuntime.Stats engine(Actor actor) {
        if (actor.role() != Role.ADMIN && actor.role() != Role.CITY_DISPATCHER && actor.role() != Role.LEADER) {
            throw new ProblemException.Forbidden("a " + actor.role() + " does not read the engine's figures");
        }
        return runtime.stats();
    }
}
