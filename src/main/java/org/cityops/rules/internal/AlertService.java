package org.cityops.rules.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.cityops.cases.CaseIntake;
import org.cityops.cases.NewReport;
import org.cityops.catalog.Urgency;
import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.cityops.rules.AlertChanged;
import org.cityops.rules.AlertStatus;
import org.cityops.sensing.ObservationHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The alert lifecycle: applies the engine's signals (raise, repeat, clear, quarantine), the
 * actions of people (acknowledge, assign, comment, resolve) and of the case loop (a case opened
 * for an alert, its case closed). Every change is written with a history line in one transaction
 * and announced as {@link AlertChanged} after it committed.
 */
@Service
class AlertService {

    /** The case source type of alerts' cases. */
    static final String SOURCE_TYPE = "SENSOR";
    /** The prefix of a case's source reference naming its alert. */
    static final String SOURCE_REF_PREFIX = "alert:";

    private static final Logger log = LoggerFactory.getLogger(AlertService.class);
    /** Rule-and-subject pairs whose latest sighting is remembered (≈ 150 bytes each). */
    private static final int SIGHTINGS_KEPT = 100_000;

    private final AlertStore alerts;
    private final RuleStore rules;
    private final RuleVersions versions;
    private final CaseIntake intake;
    private final ObservationHistory places;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final LastSightings sightings = new LastSightings(SIGHTINGS_KEPT);

    AlertService(AlertStore alerts, RuleStore rules, RuleVersions versions, CaseIntake intake,
                 ObservationHistory places, TransactionTemplate tx, ApplicationEventPublisher events, Clock clock) {
        this.alerts = alerts;
        this.rules = rules;
        this.versions = versions;
        this.intake = intake;
        this.places = places;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Applies the signals of one engine batch in order, in one transaction with batched
     * statements: the batch's active alerts are read (and locked) at once, raises are inserted,
     * repeats, clears and history lines are written as JDBC batches; the {@link AlertChanged}
     * events follow after commit, then the cases of raised alerts are opened. Should the batch
     * fail as a whole, its signals are applied one by one, so one bad signal does not lose the others.
     */
    void apply(List<Signal> signals) {
        if (signals.isEmpty()) {
            return;
        }
        AlertBatch batch;
        try {
            batch = tx.execute(status -> {
                AlertBatch b = new AlertBatch(alerts, rules, versions, clock.instant(), sightings);
                b.applyAll(signals);
                return b;
            });
        } catch (RuntimeException e) {
            if (e instanceof AlertStore.ChangedMeanwhile) {
                log.info("{} while applying {} signals; applying them one by one", e.getMessage(), signals.size());
            } else {
                log.warn("could not apply {} signals as one batch; applying them one by one", signals.size(), e);
            }
            // written by the one-by-one path, which reads for itself: forget what may have changed
            sightings.forget(signals.stream().map(AlertService::key).filter(k -> k != null).toList());
            for (Signal s : signals) {
                try {
                    apply(s);
                } catch (RuntimeException one) {
                    log.warn("could not apply {}", s, one);
                }
            }
            return;
        }
        sightings.learn(batch.learned());
        batch.events().forEach(events::publishEvent);
        for (long id : batch.casesToOpen()) {
            try {
                openCase(id);
            } catch (RuntimeException e) {
                log.warn("alert {}: opening its case failed", id, e);
            }
        }
        batch.quarantined().forEach(q -> log.warn("rule {} v{} quarantined: {}", q.ruleId(), q.version(), q.error()));
    }

    /**
     * Clears the rule's active alerts, except those waiting for their case to close, with a
     * history line saying why (the rule was disabled, or changed what it watches); returns how many.
     */
    int clearAllOf(long ruleId, String actor, String role, String why) {
        List<AlertChanged> changed = new ArrayList<>();
        tx.executeWithoutResult(status -> {
            Instant now = clock.instant();
            List<AlertStore.Clear> clears = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            List<AlertStore.History> lines = new ArrayList<>();
            for (AlertStore.AlertRow a : alerts.activeOfRuleForUpdate(ruleId)) {
                if (a.resolveOnCaseClose()) {
                    continue;
                }
                clears.add(new AlertStore.Clear(a.id(), a.status()));
                ids.add(a.id());
                lines.add(new AlertStore.History(a.id(), "CLEARED", a.status(), AlertStatus.CLEARED, actor, role, now,
                        why));
            }
            alerts.clearAll(clears, now);
            alerts.historyAll(lines);
            ids.forEach(id -> changed.add(event(alerts.find(id).orElseThrow(), "CLEARED", now)));
        });
        changed.forEach(events::publishEvent);
        return changed.size();
    }

    private static AlertStore.Key key(Signal s) {
        if (s instanceof Signal.Seen seen) {
            return new AlertStore.Key(seen.ruleId(), seen.subject());
        }
        return s instanceof Signal.Cleared c ? new AlertStore.Key(c.ruleId(), c.subject()) : null;
    }

    /** Applies one signal in a transaction of its own (the fallback when a batch fails). */
    private void apply(Signal signal) {
        if (signal instanceof Signal.Seen seen) {
            List<AlertChanged> changed = new ArrayList<>();
            Long toOpen = tx.execute(status -> seen(seen, changed));
            changed.forEach(events::publishEvent);
            if (toOpen != null) {
                openCase(toOpen);
            }
        } else if (signal instanceof Signal.Cleared cleared) {
            List<AlertChanged> changed = new ArrayList<>();
            tx.executeWithoutResult(status -> cleared(cleared, changed));
            changed.forEach(events::publishEvent);
        } else if (signal instanceof Signal.Quarantined q) {
            tx.executeWithoutResult(status -> rules.quarantine(q.ruleId(), q.version(), q.error(), q.at()));
            log.warn("rule {} v{} quarantined: {}", q.ruleId(), q.version(), q.error());
        }
    }

    /** Raises or repeats; returns the id of a raised alert whose rule opens cases. */
    private Long seen(Signal.Seen s, List<AlertChanged> changed) {
        Instant now = clock.instant();
        Optional<AlertStore.AlertRow> active = alerts.active(s.ruleId(), s.subject());
        if (active.isPresent()) {
            AlertStore.AlertRow a = active.get();
            if (!s.eventTime().isAfter(a.lastEventAt())) {
                return null;
            }
            alerts.seenAgain(a.id(), s.title(), now, s.eventTime(), s.value());
            changed.add(event(alerts.find(a.id()).orElseThrow(), "REPEATED", now));
            return null;
        }
        Optional<Instant> last = alerts.lastEventAt(s.ruleId(), s.subject());
        if (last.isPresent() && !s.eventTime().isAfter(last.get())) {
            // a replay of what an earlier alert already saw
            return null;
        }
        RuleDefinition d = versions.definition(s.ruleId(), s.ruleVersion());
        if (d == null) {
            return null;
        }
        RuleDefinition.CasePolicy policy = d.effectiveCasePolicy();
        boolean resolveOnClose = policy.opensCase() && policy.resolvesOnClose();
        long id = alerts.insert(s.ruleId(), s.ruleVersion(), d.name(), s.subject(), d.severity(), s.title(), now,
                s.eventTime(), s.value(), s.location(), s.departmentId(), s.thingId(), resolveOnClose);
        alerts.history(id, "RAISED", null, AlertStatus.RAISED, "rule:" + s.ruleId(), null, now,
                "v" + s.ruleVersion() + " @ " + s.eventTime());
        changed.add(event(alerts.find(id).orElseThrow(), "RAISED", now));
        return policy.opensCase() ? id : null;
    }

    private void cleared(Signal.Cleared s, List<AlertChanged> changed) {
        Optional<AlertStore.AlertRow> active = alerts.active(s.ruleId(), s.subject());
        if (active.isEmpty() || active.get().resolveOnCaseClose()) {
            // an alert waiting for its case stays until the case is closed
            return;
        }
        AlertStore.AlertRow a = active.get();
        if (s.eventTime().isBefore(a.lastEventAt())) {
            // a replayed or out-of-order observation older than the alert's latest sighting does not clear it
            return;
        }
        Instant now = clock.instant();
        if (alerts.move(a.id(), a.status(), AlertStatus.CLEARED, now)) {
            alerts.history(a.id(), "CLEARED", a.status(), AlertStatus.CLEARED, "rule:" + s.ruleId(), null, now,
                    "condition no longer holds @ " + s.eventTime());
            changed.add(event(alerts.find(a.id()).orElseThrow(), "CLEARED", now));
        }
    }

    /** Opens a case for the alert through the case intake, as its rule's policy says, and links both. */
    void openCase(long alertId) {
        AlertStore.AlertRow a = alerts.find(alertId).orElseThrow();
        RuleDefinition d = versions.definition(a.ruleId(), a.ruleVersion());
        RuleDefinition.CasePolicy policy = d.effectiveCasePolicy();
        Optional<ObservationHistory.Position> where = a.thingId() == null ? Optional.empty()
                : places.position(a.thingId());
        if (where.isEmpty()) {
            caseFailed(a, "the subject has no location");
            return;
        }
        NewReport report = new NewReport(SOURCE_TYPE, SOURCE_REF_PREFIX + a.id(), "规则 " + a.ruleName(), null,
                where.get().longitude(), where.get().latitude(), null, policy.categoryCode(),
                policy.urgency() == null ? Urgency.NORMAL : policy.urgency(), a.title(), List.of(), false);
        try {
            List<AlertChanged> changed = new ArrayList<>();
            tx.executeWithoutResult(status -> {
                CaseIntake.ReportedCase c = intake.report(report, Actor.system());
                Instant now = clock.instant();
                alerts.linkCase(a.id(), c.id());
                alerts.history(a.id(), "CASE_OPENED", a.status(), a.status(), "system", null, now,
                        (c.linked() ? "linked to open case " : "case ") + c.caseNo());
                changed.add(event(alerts.find(a.id()).orElseThrow(), "CASE_OPENED", now));
            });
            changed.forEach(events::publishEvent);
        } catch (ProblemException e) {
            caseFailed(a, e.getMessage());
        }
    }

    private void caseFailed(AlertStore.AlertRow a, String why) {
        log.warn("alert {}: no case opened: {}", a.id(), why);
        tx.executeWithoutResult(status -> alerts.history(a.id(), "CASE_FAILED", a.status(), a.status(), "system",
                null, clock.instant(), why));
    }

    /** Resolves the active alerts whose case was closed and whose rule says so; returns how many. */
    int caseClosed(long caseId, String sourceType, String sourceRef) {
        List<AlertChanged> changed = new ArrayList<>();
        tx.executeWithoutResult(status -> {
            Instant now = clock.instant();
            List<AlertStore.AlertRow> linked = new ArrayList<>(alerts.activeOfCase(caseId));
            alertOf(sourceType, sourceRef).flatMap(alerts::find)
                    .filter(a -> a.status().active() && linked.stream().noneMatch(x -> x.id() == a.id()))
                    .ifPresent(linked::add);
            for (AlertStore.AlertRow a : linked) {
                if (a.resolveOnCaseClose() && alerts.move(a.id(), a.status(), AlertStatus.RESOLVED, now)) {
                    alerts.history(a.id(), "RESOLVED", a.status(), AlertStatus.RESOLVED, "system", null, now,
                            "case " + caseId + " closed");
                    changed.add(event(alerts.find(a.id()).orElseThrow(), "RESOLVED", now));
                }
            }
        });
        changed.forEach(events::publishEvent);
        return changed.size();
    }

    /** Follows an alert's report to the case it moved to (duplicate link, merge, split). */
    void caseMoved(String sourceType, String sourceRef, long caseId) {
        alertOf(sourceType, sourceRef).ifPresent(id -> tx.executeWithoutResult(status -> alerts.linkCase(id, caseId)));
    }

    private static Optional<Long> alertOf(String sourceType, String sourceRef) {
        if (!SOURCE_TYPE.equals(sourceType) || sourceRef == null || !sourceRef.startsWith(SOURCE_REF_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(sourceRef.substring(SOURCE_REF_PREFIX.length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Returns the alert if the actor may see it, else 404. */
    AlertStore.AlertRow visible(long id, Actor actor) {
        return alerts.find(id).filter(a -> AlertScope.sees(actor, a))
                .orElseThrow(() -> new ProblemException.NotFound("no alert " + id));
    }

    /** RAISED → ACKNOWLEDGED. */
    AlertStore.AlertRow acknowledge(long id, String note, Actor actor) {
        return change(id, actor, a -> {
            if (a.status() != AlertStatus.RAISED) {
                throw new ProblemException.Conflict("alert " + id + " is " + a.status() + ", only a RAISED alert is acknowledged");
            }
            return AlertStatus.ACKNOWLEDGED;
        }, "ACKNOWLEDGED", note);
    }

    /** Active → RESOLVED (handled). */
    AlertStore.AlertRow resolve(long id, String note, Actor actor) {
        return change(id, actor, a -> {
            if (!a.status().active()) {
                throw new ProblemException.Conflict("alert " + id + " is " + a.status() + " already");
            }
            return AlertStatus.RESOLVED;
        }, "RESOLVED", note);
    }

    /** Sets who handles an active alert. */
    AlertStore.AlertRow assign(long id, String assignee, Actor actor) {
        return change(id, actor, a -> {
            if (!a.status().active()) {
                throw new ProblemException.Conflict("alert " + id + " is " + a.status() + ": only an active alert is assigned");
            }
            alerts.assign(id, assignee);
            return a.status();
        }, "ASSIGNED", assignee);
    }

    /** Adds a comment, whatever the status. */
    AlertStore.AlertRow comment(long id, String text, Actor actor) {
        return change(id, actor, AlertStore.AlertRow::status, "COMMENTED", text);
    }

    private AlertStore.AlertRow change(long id, Actor actor, java.util.function.Function<AlertStore.AlertRow, AlertStatus> decide,
                                       String change, String note) {
        List<AlertChanged> changed = new ArrayList<>();
        AlertStore.AlertRow after = tx.execute(status -> {
            AlertStore.AlertRow a = visible(id, actor);
            AlertStatus to = decide.apply(a);
            Instant now = clock.instant();
            if (to != a.status() && !alerts.move(id, a.status(), to, now)) {
                throw new ProblemException.Conflict("alert " + id + " changed meanwhile; read it again");
            }
            alerts.history(id, change, a.status(), to, actor.username(), actor.role().name(), now, note);
            AlertStore.AlertRow now2 = alerts.find(id).orElseThrow();
            changed.add(event(now2, change, now));
            return now2;
        });
        changed.forEach(events::publishEvent);
        return after;
    }

    static AlertChanged event(AlertStore.AlertRow a, String change, Instant at) {
        return new AlertChanged(a.id(), a.ruleId(), a.ruleName(), a.title(), a.severity(), a.status(), change,
                a.subject(), a.location(), a.departmentId(), a.count(), a.caseId(), at);
    }
}
