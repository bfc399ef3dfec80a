package org.cityops.rules.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityops.geo.GridLocation;
import org.cityops.rules.AlertChanged;
import org.cityops.rules.AlertSeverity;
import org.cityops.rules.AlertStatus;

/**
 * The alert writes of one engine batch, inside the caller's transaction: the active alerts the
 * batch may change are read with one query, the signals are applied in order to that picture in
 * memory, and raises, repeats, clears and history lines go to the database as multi-row INSERTs
 * and JDBC batches; a raise after a clear of the same rule and subject in the batch writes the
 * pending clear first, so the one-active-alert constraint always holds.
 *
 * <p>The same guarantees as one transaction per signal: one active alert per rule and subject;
 * exact counts — each repeat and clear is written only while the alert is as read (same count,
 * same status, still active), otherwise {@link AlertStore.ChangedMeanwhile} rolls the batch back
 * and the caller applies its signals one by one; a sighting no later than what the alert (or, for
 * a raise, any earlier alert of the rule and subject) last saw is a replay and ignored, and so is
 * a clearing older than the alert's latest sighting; an alert waiting for its case does not clear
 * with its rule.
 */
final class AlertBatch {

    private final AlertStore alerts;
    private final RuleStore rules;
    private final RuleVersions versions;
    private final Instant now;
    private final LastSightings sightings;
    /** What this batch learned of the pairs' latest sightings: read from the database, or written. */
    private final Map<AlertStore.Key, Instant> learned = new HashMap<>();

    private final Map<AlertStore.Key, Tracked> active = new HashMap<>();
    private Map<AlertStore.Key, Instant> lastEvent = new HashMap<>();
    private final Set<Tracked> raised = new LinkedHashSet<>();
    private final List<AlertStore.NewAlert> raises = new ArrayList<>();
    private final Set<Tracked> repeated = new LinkedHashSet<>();
    private final Set<Tracked> cleared = new LinkedHashSet<>();
    private final Set<AlertStore.Key> clearedKeys = new HashSet<>();
    private final List<Line> history = new ArrayList<>();
    private final List<Change> events = new ArrayList<>();
    private final List<Tracked> casesToOpen = new ArrayList<>();
    private final List<Signal.Quarantined> quarantined = new ArrayList<>();

    AlertBatch(AlertStore alerts, RuleStore rules, RuleVersions versions, Instant now, LastSightings sightings) {
        this.alerts = alerts;
        this.rules = rules;
        this.versions = versions;
        this.now = now;
        this.sightings = sightings;
    }

    /** A history line of an alert whose id may not be known yet. */
    private record Line(Tracked alert, String change, AlertStatus from, AlertStatus to, String actor, Instant at,
                        String note) {
    }

    /** A change to announce: the alert as it was then, its id filled in once known. */
    private record Change(Tracked alert, AlertChanged event) {
    }

    /** An active alert as the batch sees it. */
    private static final class Tracked {
        /** The alert's id; 0 while its INSERT waits for the batch's next flush. */
        long id;
        final long ruleId;
        final String ruleName;
        final String subject;
        final AlertSeverity severity;
        final GridLocation location;
        final Long departmentId;
        final Long caseId;
        final boolean resolveOnCaseClose;
        AlertStatus status;
        String title;
        Instant lastEventAt;
        Double lastValue;
        int count;
        /** The count the database holds: as read, or as this batch last wrote it. */
        int storedCount;
        /** The status the database holds, as read or inserted. */
        final AlertStatus storedStatus;

        Tracked(AlertStore.AlertRow a) {
            this(a.id(), a.ruleId(), a.ruleName(), a.subject(), a.severity(), a.location(), a.departmentId(),
                    a.caseId(), a.resolveOnCaseClose(), a.status(), a.title(), a.lastEventAt(), a.lastValue(),
                    a.count());
        }

        Tracked(long id, long ruleId, String ruleName, String subject, AlertSeverity severity, GridLocation location,
                Long departmentId, Long caseId, boolean resolveOnCaseClose, AlertStatus status, String title,
                Instant lastEventAt, Double lastValue, int count) {
            this.id = id;
            this.ruleId = ruleId;
            this.ruleName = ruleName;
            this.subject = subject;
            this.severity = severity;
            this.location = location;
            this.departmentId = departmentId;
            this.caseId = caseId;
            this.resolveOnCaseClose = resolveOnCaseClose;
            this.status = status;
            this.title = title;
            this.lastEventAt = lastEventAt;
            this.lastValue = lastValue;
            this.count = count;
            this.storedCount = count;
            this.storedStatus = status;
        }

        AlertChanged event(String change, Instant at) {
            return new AlertChanged(id, ruleId, ruleName, title, severity, status, change, subject, location,
                    departmentId, count, caseId, at);
        }
    }

    /** Applies the signals in order and writes what remains pending. */
    void applyAll(List<Signal> signals) {
        // the active alerts the signals may change: those the engine knows active (repeats, clears)
        // and those that stay active when the engine clears them (waiting for their case); any other
        // first sighting is a raise — should an alert be active after all (a clearing ignored as a
        // replay), its INSERT breaks the one-active-alert constraint and the batch is applied one by one
        Set<AlertStore.Key> keys = new LinkedHashSet<>();
        boolean any = false;
        for (Signal s : signals) {
            if (s instanceof Signal.Seen seen) {
                any = true;
                if (!seen.first() || waitsForCase(seen)) {
                    keys.add(new AlertStore.Key(seen.ruleId(), seen.subject()));
                }
            } else if (s instanceof Signal.Cleared c) {
                any = true;
                keys.add(new AlertStore.Key(c.ruleId(), c.subject()));
            }
        }
        if (any) {
            if (!keys.isEmpty()) {
                for (AlertStore.AlertRow a : alerts.active(keys)) {
                    active.put(new AlertStore.Key(a.ruleId(), a.subject()), new Tracked(a));
                }
            }
            Set<AlertStore.Key> mayRaise = new LinkedHashSet<>();
            for (Signal s : signals) {
                if (s instanceof Signal.Seen seen) {
                    AlertStore.Key k = new AlertStore.Key(seen.ruleId(), seen.subject());
                    if (!active.containsKey(k)) {
                        mayRaise.add(k);
                    }
                }
            }
            Set<AlertStore.Key> unknown = new LinkedHashSet<>();
            for (AlertStore.Key k : mayRaise) {
                Instant t = sightings.get(k);
                if (t == null) {
                    unknown.add(k);
                } else if (t != LastSightings.NONE) {
                    lastEvent.put(k, t);
                }
            }
            if (!unknown.isEmpty()) {
                Map<AlertStore.Key, Instant> found = alerts.lastEventAt(unknown);
                lastEvent.putAll(found);
                unknown.forEach(k -> learned.put(k, found.getOrDefault(k, LastSightings.NONE)));
            }
        }
        for (Signal s : signals) {
            if (s instanceof Signal.Seen seen) {
                seen(seen);
            } else if (s instanceof Signal.Cleared c) {
                cleared(c);
            } else if (s instanceof Signal.Quarantined q) {
                rules.quarantine(q.ruleId(), q.version(), q.error(), q.at());
                quarantined.add(q);
            }
        }
        flush();
    }

    /** Returns whether the rule's alerts stay active until their case is closed. */
    private boolean waitsForCase(Signal.Seen s) {
        RuleDefinition d = versions.definition(s.ruleId(), s.ruleVersion());
        RuleDefinition.CasePolicy policy = d == null ? null : d.effectiveCasePolicy();
        return policy != null && policy.opensCase() && policy.resolvesOnClose();
    }

    private void seen(Signal.Seen s) {
        AlertStore.Key key = new AlertStore.Key(s.ruleId(), s.subject());
        Tracked a = active.get(key);
        if (a != null) {
            if (!s.eventTime().isAfter(a.lastEventAt)) {
                return;
            }
            a.count++;
            a.title = s.title();
            a.lastEventAt = s.eventTime();
            learned.put(key, s.eventTime());
            a.lastValue = s.value();
            repeated.add(a);
            events.add(new Change(a, a.event("REPEATED", now)));
            return;
        }
        Instant last = lastEvent.get(key);
        if (last != null && !s.eventTime().isAfter(last)) {
            // a replay of what an earlier alert already saw
            return;
        }
        RuleDefinition d = versions.definition(s.ruleId(), s.ruleVersion());
        if (d == null) {
            return;
        }
        if (clearedKeys.contains(key)) {
            // the alert cleared earlier in this batch must leave the active key before the new one takes it
            flush();
        }
        RuleDefinition.CasePolicy policy = d.effectiveCasePolicy();
        boolean resolveOnClose = policy.opensCase() && policy.resolvesOnClose();
        Tracked raise = new Tracked(0, s.ruleId(), d.name(), s.subject(), d.severity(), s.location(),
                s.departmentId(), null, resolveOnClose, AlertStatus.RAISED, s.title(), s.eventTime(), s.value(), 1);
        raises.add(new AlertStore.NewAlert(s.ruleId(), s.ruleVersion(), d.name(), s.subject(), d.severity(), s.title(),
                now, s.eventTime(), s.value(), s.location(), s.departmentId(), s.thingId(), resolveOnClose));
        raised.add(raise);
        active.put(key, raise);
        learned.put(key, s.eventTime());
        history.add(new Line(raise, "RAISED", null, AlertStatus.RAISED, "rule:" + s.ruleId(), now,
                "v" + s.ruleVersion() + " @ " + s.eventTime()));
        events.add(new Change(raise, raise.event("RAISED", now)));
        if (policy.opensCase()) {
            casesToOpen.add(raise);
        }
    }

    private void cleared(Signal.Cleared s) {
        AlertStore.Key key = new AlertStore.Key(s.ruleId(), s.subject());
        Tracked a = active.get(key);
        if (a == null || a.resolveOnCaseClose) {
            // an alert waiting for its case stays until the case is closed
            return;
        }
        if (s.eventTime().isBefore(a.lastEventAt)) {
            // a replayed or out-of-order observation older than the alert's latest sighting does not clear it
            return;
        }
        AlertStatus from = a.status;
        a.status = AlertStatus.CLEARED;
        active.remove(key);
        lastEvent.put(key, a.lastEventAt);
        cleared.add(a);
        clearedKeys.add(key);
        history.add(new Line(a, "CLEARED", from, AlertStatus.CLEARED, "rule:" + s.ruleId(), now,
                "condition no longer holds @ " + s.eventTime()));
        events.add(new Change(a, a.event("CLEARED", now)));
    }

    /**
     * Writes what is pending: the raised alerts first (one multi-row INSERT, whose generated ids
     * come back in row order), then the repeats, the clears and the history lines, each one batched
     * statement.
     */
    private void flush() {
        if (!raises.isEmpty()) {
            long[] ids = alerts.insertAll(raises);
            int i = 0;
            for (Tracked t : raised) {
                t.id = ids[i++];
            }
        }
        alerts.repeatAll(repeated.stream().map(a -> new AlertStore.Repeat(a.id, a.storedCount, a.count, a.title, now,
                a.lastEventAt, a.lastValue)).toList());
        repeated.forEach(a -> a.storedCount = a.count);
        alerts.clearAll(cleared.stream().map(a -> new AlertStore.Clear(a.id, a.storedStatus)).toList(), now);
        alerts.historyAll(history.stream().map(l -> new AlertStore.History(l.alert().id, l.change(), l.from(), l.to(),
                l.actor(), null, l.at(), l.note())).toList());
        raises.clear();
        raised.clear();
        repeated.clear();
        cleared.clear();
        clearedKeys.clear();
        history.clear();
    }

    /** Returns the latest sightings the batch read or wrote, to remember once the transaction committed. */
    Map<AlertStore.Key, Instant> learned() {
        return learned;
    }

    /** Returns the changes to announce once the transaction committed, in order. */
    List<AlertChanged> events() {
        return events.stream().map(c -> c.event().alertId() == c.alert().id ? c.event() : withId(c.event(),
                c.alert().id)).toList();
    }

    private static AlertChanged withId(AlertChanged e, long id) {
        return new AlertChanged(id, e.ruleId(), e.ruleName(), e.title(), e.severity(), e.status(), e.change(),
                e.subject(), e.location(), e.departmentId(), e.count(), e.caseId(), e.at());
    }

    /** Returns the raised alerts whose rule opens a case. */
    List<Long> casesToOpen() {
        return casesToOpen.stream().map(t -> t.id).toList();
    }

    /** Returns the quarantines written. */
    List<Signal.Quarantined> quarantined() {
        return quarantined;
    }
}
