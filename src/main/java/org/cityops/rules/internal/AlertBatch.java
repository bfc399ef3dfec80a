package org.cityops.rules.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityops.geo.GridLocation;
import org.cityops.rules.AlertChanged;
import org.cityops.rules.AlertSeverity;
import org.cityops.rules.AlertStatus;

/**
 * The alert writes of one engine batch, inside the caller's transaction: the active alerts of
 * every rule and subject the batch names are read and locked with one query, the signals are
 * applied in order to that picture in memory, and repeats, clears and history lines go to the
 * database as JDBC batches. Raises are inserted one by one (they need their generated id), after
 * the pending clears when the same rule and subject was cleared earlier in the batch, so the
 * one-active-alert constraint always holds.
 *
 * <p>The same guarantees as one transaction per signal: one active alert per rule and subject;
 * exact counts (the rows are locked, the count written is absolute); a sighting no later than
 * what the alert (or, for a raise, any earlier alert of the rule and subject) last saw is a
 * replay and ignored; an alert waiting for its case does not clear with its rule.
 */
final class AlertBatch {

    private final AlertStore alerts;
    private final RuleStore rules;
    private final RuleVersions versions;
    private final Instant now;

    private final Map<AlertStore.Key, Tracked> active = new HashMap<>();
    private Map<AlertStore.Key, Instant> lastEvent = new HashMap<>();
    private final Map<Long, Tracked> repeated = new LinkedHashMap<>();
    private final Set<Long> cleared = new LinkedHashSet<>();
    private final Set<AlertStore.Key> clearedKeys = new HashSet<>();
    private final List<AlertStore.History> history = new ArrayList<>();
    private final List<AlertChanged> events = new ArrayList<>();
    private final List<Long> casesToOpen = new ArrayList<>();
    private final List<Signal.Quarantined> quarantined = new ArrayList<>();

    AlertBatch(AlertStore alerts, RuleStore rules, RuleVersions versions, Instant now) {
        this.alerts = alerts;
        this.rules = rules;
        this.versions = versions;
        this.now = now;
    }

    /** An active alert as the batch sees it. */
    private static final class Tracked {
        final long id;
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
        }

        AlertChanged event(String change, Instant at) {
            return new AlertChanged(id, ruleId, ruleName, title, severity, status, change, subject, location,
                    departmentId, count, caseId, at);
        }
    }

    /** Applies the signals in order and writes what remains pending. */
    void applyAll(List<Signal> signals) {
        Set<AlertStore.Key> keys = new LinkedHashSet<>();
        for (Signal s : signals) {
            if (s instanceof Signal.Seen seen) {
                keys.add(new AlertStore.Key(seen.ruleId(), seen.subject()));
            } else if (s instanceof Signal.Cleared c) {
                keys.add(new AlertStore.Key(c.ruleId(), c.subject()));
            }
        }
        if (!keys.isEmpty()) {
            for (AlertStore.AlertRow a : alerts.activeForUpdate(keys)) {
                active.put(new AlertStore.Key(a.ruleId(), a.subject()), new Tracked(a));
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
            if (!mayRaise.isEmpty()) {
                lastEvent = alerts.lastEventAt(mayRaise);
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
            a.lastValue = s.value();
            repeated.put(a.id, a);
            events.add(a.event("REPEATED", now));
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
        long id = alerts.insert(s.ruleId(), s.ruleVersion(), d.name(), s.subject(), d.severity(), s.title(), now,
                s.eventTime(), s.value(), s.location(), s.departmentId(), s.thingId(), resolveOnClose);
        Tracked raised = new Tracked(id, s.ruleId(), d.name(), s.subject(), d.severity(), s.location(),
                s.departmentId(), null, resolveOnClose, AlertStatus.RAISED, s.title(), s.eventTime(), s.value(), 1);
        active.put(key, raised);
        history.add(new AlertStore.History(id, "RAISED", null, AlertStatus.RAISED, "rule:" + s.ruleId(), null, now,
                "v" + s.ruleVersion() + " @ " + s.eventTime()));
        events.add(raised.event("RAISED", now));
        if (policy.opensCase()) {
            casesToOpen.add(id);
        }
    }

    private void cleared(Signal.Cleared s) {
        AlertStore.Key key = new AlertStore.Key(s.ruleId(), s.subject());
        Tracked a = active.get(key);
        if (a == null || a.resolveOnCaseClose) {
            // an alert waiting for its case stays until the case is closed
            return;
        }
        AlertStatus from = a.status;
        a.status = AlertStatus.CLEARED;
        active.remove(key);
        lastEvent.put(key, a.lastEventAt);
        cleared.add(a.id);
        clearedKeys.add(key);
        history.add(new AlertStore.History(a.id, "CLEARED", from, AlertStatus.CLEARED, "rule:" + s.ruleId(), null, now,
                "condition no longer holds @ " + s.eventTime()));
        events.add(a.event("CLEARED", now));
    }

    private void flush() {
        alerts.repeatAll(repeated.values().stream().map(a -> new AlertStore.Repeat(a.id, a.count, a.title, now,
                a.lastEventAt, a.lastValue)).toList());
        alerts.clearAll(cleared, now);
        alerts.historyAll(history);
        repeated.clear();
        cleared.clear();
        clearedKeys.clear();
        history.clear();
    }

    /** Returns the changes to announce once the transaction committed, in order. */
    List<AlertChanged> events() {
        return events;
    }

    /** Returns the raised alerts whose rule opens a case. */
    List<Long> casesToOpen() {
        return casesToOpen;
    }

    /** Returns the quarantines written. */
    List<Signal.Quarantined> quarantined() {
        return quarantined;
    }
}
