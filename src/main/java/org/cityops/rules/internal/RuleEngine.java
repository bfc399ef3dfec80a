package org.cityops.rules.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cityops.geo.GridLocation;
import org.cityops.sensing.SensedObservation;

/**
 * Judges observations against the active rules and tells what changed, as {@link Signal}s. Plain
 * Java and single-threaded: the caller feeds it from one thread. All state is in memory and
 * bounded: per datastream a window of recent values (by time and count), per rule and subject a
 * few fields (active, since, last seen, baseline, last time each correlation input held).
 *
 * <p>Windows are event-time based: an observation before a datastream's watermark (its newest
 * phenomenon time) but within the allowed lateness joins the window without being judged; one
 * older than that is dropped and counted; one seen already (same id or phenomenon time) is a
 * replay and ignored, so replaying observations never raises twice.
 */
final class RuleEngine {

    private final Duration lateness;
    private final int maxPointsPerStream;
    private final Map<Long, RuleSlot> rules = new LinkedHashMap<>();
    private final Map<Long, StreamWindow> streams = new HashMap<>();
    private Map<String, List<Entry>> byProperty = Map.of();
    private Map<String, List<Entry>> byDefinition = Map.of();
    private Duration retention = RuleDefinition.DEFAULT_WINDOW;
    /** Whether rules changed since the index was built: it is rebuilt once before the next judging. */
    private boolean stale;
    private int activeRules;
    private long tooLate;
    private long replays;

    RuleEngine(Duration lateness, int maxPointsPerStream) {
        this.lateness = lateness;
        this.maxPointsPerStream = maxPointsPerStream;
    }

    /** A rule with its state per subject. */
    private static final class RuleSlot {
        final CompiledRule rule;
        final Map<String, SubjectState> subjects = new HashMap<>();
        boolean quarantined;

        RuleSlot(CompiledRule rule) {
            this.rule = rule;
        }

        SubjectState subject(String subject) {
            return subjects.computeIfAbsent(subject, s -> new SubjectState(rule.inputs().size()));
        }
    }

    /** What a rule knows about one subject. */
    private static final class SubjectState {
        boolean active;
        Instant since;
        Instant lastSeen;
        long n;
        double mean;
        double variance;
        final Instant[] lastHeld;
        GridLocation location;
        Long departmentId;
        Long thingId;

        SubjectState(int inputs) {
            lastHeld = new Instant[inputs];
        }
    }

    /** A rule (input {@code -1}) or one of its correlation inputs, indexed by what it watches. */
    private record Entry(RuleSlot slot, int input, Watch watch) {
    }

    /** Adds the rule or replaces its earlier version; which subjects had active alerts is kept. */
    void put(CompiledRule rule) {
        RuleSlot old = rules.get(rule.id());
        RuleSlot slot = new RuleSlot(rule);
        if (old != null) {
            old.subjects.forEach((s, st) -> {
                if (st.active) {
                    SubjectState kept = slot.subject(s);
                    kept.active = true;
                    kept.location = st.location;
                    kept.departmentId = st.departmentId;
                    kept.thingId = st.thingId;
                }
            });
        }
        rules.put(rule.id(), slot);
        stale = true;
    }

    /** Stops evaluating the rule. */
    void remove(long ruleId) {
        if (rules.remove(ruleId) != null) {
            stale = true;
        }
    }

    /** Records that the rule has an active alert for the subject (after a restart), so it can clear. */
    void markActive(long ruleId, String subject) {
        RuleSlot slot = rules.get(ruleId);
        if (slot != null) {
            slot.subject(subject).active = true;
        }
    }

    /** Returns how many rules are being evaluated. */
    int activeRules() {
        indexed();
        return activeRules;
    }

    /** Returns how many observations came too late for their window since start. */
    long tooLate() {
        return tooLate;
    }

    /** Returns how many replayed observations were ignored since start. */
    long replays() {
        return replays;
    }

    /** Returns how many datastreams have a window. */
    int streams() {
        return streams.size();
    }

    /** Judges a batch of committed observations, in order, and returns what changed. */
    List<Signal> accept(List<SensedObservation> batch, Instant now) {
        indexed();
        List<Signal> out = new ArrayList<>();
        for (SensedObservation o : batch) {
            accept(o, now, out);
        }
        return out;
    }

    private void accept(SensedObservation o, Instant now, List<Signal> out) {
        Double value = numeric(o.result());
        if (value == null || o.phenomenonTime() == null || rules.isEmpty()) {
            return;
        }
        List<Entry> matching = null;
        for (List<Entry> candidates : List.of(byProperty.getOrDefault(nullSafe(o.observedProperty()), List.of()),
                byDefinition.getOrDefault(nullSafe(o.propertyDefinition()), List.of()))) {
            for (Entry e : candidates) {
                if (!e.slot().quarantined && e.watch().matches(o)) {
                    if (matching == null) {
                        matching = new ArrayList<>(4);
                    }
                    matching.add(e);
                }
            }
        }
        if (matching == null) {
            return;
        }
        StreamWindow w = streams.computeIfAbsent(o.datastreamId(), StreamWindow::new);
        StreamWindow.Admission admission = w.admit(o.observationId(), o.phenomenonTime(), value, lateness, retention,
                maxPointsPerStream);
        if (admission == StreamWindow.Admission.TOO_LATE) {
            tooLate++;
        }
        if (admission == StreamWindow.Admission.REPLAY) {
            replays++;
        }
        if (admission != StreamWindow.Admission.NEW) {
            return;
        }
        Facts facts = new Facts(o, value, w);
        for (Entry e : matching) {
            if (e.slot().quarantined) {
                continue;
            }
            try {
                judge(e, o, value, facts, out);
            } catch (CelConditions.EvaluationError error) {
                e.slot().quarantined = true;
                reindex();
                out.add(new Signal.Quarantined(e.slot().rule.id(), e.slot().rule.version(),
                        String.valueOf(error.getMessage()), now));
            }
        }
    }

    private void judge(Entry e, SensedObservation o, double value, Facts facts, List<Signal> out) {
        RuleSlot slot = e.slot();
        CompiledRule rule = slot.rule;
        RuleDefinition d = rule.definition();
        Instant t = o.phenomenonTime();
        String streamSubject = facts.window.subject();
        switch (d.kind()) {
            case CONDITION -> {
                SubjectState s = slot.subject(streamSubject);
                if (holds(rule.condition(), facts, d)) {
                    seen(slot, s, streamSubject, o, value, t, title(d, o, value), out);
                } else {
                    cleared(slot, s, streamSubject, t, out);
                }
            }
            case DURATION -> {
                SubjectState s = slot.subject(streamSubject);
                if (holds(rule.condition(), facts, d)) {
                    if (s.since == null) {
                        s.since = t;
                    }
                    if (!Duration.between(s.since, t).minus(d.holdFor()).isNegative()) {
                        seen(slot, s, streamSubject, o, value, t, title(d, o, value) + "，持续 "
                                + human(Duration.between(s.since, t)), out);
                    }
                } else {
                    s.since = null;
                    cleared(slot, s, streamSubject, t, out);
                }
            }
            case HYSTERESIS -> {
                SubjectState s = slot.subject(streamSubject);
                if (s.active && holds(rule.clearCondition(), facts, d)) {
                    cleared(slot, s, streamSubject, t, out);
                } else if (holds(rule.condition(), facts, d)) {
                    seen(slot, s, streamSubject, o, value, t, title(d, o, value), out);
                }
            }
            case ABSENCE -> {
                SubjectState s = slot.subject(streamSubject);
                if (s.lastSeen == null || t.isAfter(s.lastSeen)) {
                    s.lastSeen = t;
                }
                s.location = o.location();
                s.departmentId = o.departmentId();
                s.thingId = o.thingId();
                cleared(slot, s, streamSubject, t, out);
            }
            case ANOMALY -> {
                SubjectState s = slot.subject(streamSubject);
                RuleDefinition.Anomaly a = d.effectiveAnomaly();
                boolean anomalous = false;
                double z = 0;
                if (s.n >= a.warmup()) {
                    double sd = Math.sqrt(s.variance);
                    z = sd > 0 ? (value - s.mean) / sd : value == s.mean ? 0 : Double.POSITIVE_INFINITY;
                    anomalous = Math.abs(z) >= a.threshold();
                }
                double baseline = s.mean;
                if (s.n == 0) {
                    s.mean = value;
                } else {
                    double diff = value - s.mean;
                    double increment = a.alpha() * diff;
                    s.mean += increment;
                    s.variance = (1 - a.alpha()) * (s.variance + diff * increment);
                }
                s.n++;
                if (anomalous) {
                    seen(slot, s, streamSubject, o, value, t, String.format(Locale.ROOT,
                            "%s: %s %s 偏离基线 %s (z=%.1f)", d.name(), nullSafe(o.observedProperty()), number(value),
                            number(baseline), z), out);
                } else {
                    cleared(slot, s, streamSubject, t, out);
                }
            }
            case CORRELATION -> {
                String key = key(d.correlation().keyBy(), o.location());
                if (key == null) {
                    return;
                }
                String subject = d.correlation().keyBy().name().toLowerCase(Locale.ROOT) + ":" + key;
                SubjectState s = slot.subject(subject);
                if (holds(rule.inputs().get(e.input()), facts, d)
                        && (s.lastHeld[e.input()] == null || t.isAfter(s.lastHeld[e.input()]))) {
                    s.lastHeld[e.input()] = t;
                }
                Duration window = d.effectiveWindow();
                boolean all = true;
                for (Instant held : s.lastHeld) {
                    all &= held != null && Duration.between(held, t).abs().compareTo(window) <= 0;
                }
                if (all) {
                    List<String> names = d.correlation().inputs().stream().map(RuleDefinition.Input::name).toList();
                    seen(slot, s, subject, o, value, t, d.name() + ": " + String.join(" + ", names) + " @ " + subject,
                            out);
                } else {
                    cleared(slot, s, subject, t, out);
                }
            }
            default -> throw new IllegalStateException("unknown kind " + d.kind());
        }
    }

    /**
     * Starts an absence rule watching the datastreams of the given latest observations that it
     * covers, from their phenomenon time, unless it knows a later one: so a datastream that fell
     * silent before a restart, or before the rule was created, is still found silent. Other kinds
     * ignore it.
     */
    void watchSilence(long ruleId, List<SensedObservation> latest) {
        RuleSlot slot = rules.get(ruleId);
        if (slot == null || slot.rule.definition().kind() != RuleKind.ABSENCE) {
            return;
        }
        Watch watch = slot.rule.definition().watch();
        for (SensedObservation o : latest) {
            if (o.phenomenonTime() == null || !watch.matches(o)) {
                continue;
            }
            SubjectState s = slot.subject("datastream:" + o.datastreamId());
            if (s.lastSeen == null || o.phenomenonTime().isAfter(s.lastSeen)) {
                s.lastSeen = o.phenomenonTime();
                s.location = o.location();
                s.departmentId = o.departmentId();
                s.thingId = o.thingId();
            }
        }
    }

    /** Raises absence alerts for every watched datastream silent for longer than its rule allows at {@code now}. */
    List<Signal> checkAbsence(Instant now) {
        List<Signal> out = new ArrayList<>();
        for (RuleSlot slot : rules.values()) {
            RuleDefinition d = slot.rule.definition();
            if (slot.quarantined || d.kind() != RuleKind.ABSENCE) {
                continue;
            }
            slot.subjects.forEach((subject, s) -> {
                if (!s.active && s.lastSeen != null && !now.isBefore(s.lastSeen.plus(d.absentFor()))) {
                    s.active = true;
                    out.add(new Signal.Seen(slot.rule.id(), slot.rule.version(), subject, true,
                            s.lastSeen.plus(d.absentFor()), null, d.name() + ": " + subject + " 自 " + s.lastSeen
                            + " 起无数据 (超过 " + human(d.absentFor()) + ")", s.location, s.departmentId, s.thingId));
                }
            });
        }
        return out;
    }

    private boolean holds(CelConditions.Condition c, Facts facts, RuleDefinition d) {
        if (c.usesPrevious() && facts.window.previous() == null) {
            // before a datastream has a previous observation, a condition about it cannot hold
            return false;
        }
        return c.test(facts.bindings(c, d.effectiveWindow()));
    }

    private static void seen(RuleSlot slot, SubjectState s, String subject, SensedObservation o, double value,
                             Instant t, String title, List<Signal> out) {
        boolean first = !s.active;
        s.active = true;
        s.location = o.location();
        s.departmentId = o.departmentId();
        s.thingId = o.thingId();
        RuleDefinition d = slot.rule.definition();
        out.add(new Signal.Seen(slot.rule.id(), slot.rule.version(), subject, first, t, value, title, o.location(),
                d.kind() == RuleKind.CORRELATION ? null : o.departmentId(), o.thingId()));
    }

    private static void cleared(RuleSlot slot, SubjectState s, String subject, Instant t, List<Signal> out) {
        if (s.active) {
            s.active = false;
            out.add(new Signal.Cleared(slot.rule.id(), subject, t));
        }
    }

    private static String title(RuleDefinition d, SensedObservation o, double value) {
        return d.name() + ": " + nullSafe(o.observedProperty()) + " " + number(value);
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        // at most three decimals, no trailing zeros; cheaper than a format and a regex for every sighting
        return BigDecimal.valueOf(v).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static String human(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private static String key(RuleDefinition.KeyBy keyBy, GridLocation l) {
        if (l == null) {
            return null;
        }
        return switch (keyBy) {
            case GRID -> l.gridCode();
            case COMMUNITY -> l.communityCode();
            case STREET -> l.streetCode();
            case DISTRICT -> l.districtCode();
        };
    }

    /** Returns the observation's result as a number (true/false as 1/0), {@code null} when it is none. */
    static Double numeric(Object result) {
        if (result instanceof Number n) {
            return n.doubleValue();
        }
        if (result instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        return null;
    }

    private static String nullSafe(String s) {
        return s == null ? "" : s;
    }

    private void indexed() {
        if (stale) {
            reindex();
        }
    }

    private void reindex() {
        stale = false;
        int active = 0;
        Map<String, List<Entry>> names = new HashMap<>();
        Map<String, List<Entry>> definitions = new HashMap<>();
        Duration longest = RuleDefinition.DEFAULT_WINDOW;
        for (RuleSlot slot : rules.values()) {
            if (slot.quarantined) {
                continue;
            }
            active++;
            RuleDefinition d = slot.rule.definition();
            if (d.effectiveWindow().compareTo(longest) > 0) {
                longest = d.effectiveWindow();
            }
            if (d.kind() == RuleKind.CORRELATION) {
                List<RuleDefinition.Input> inputs = d.correlation().inputs();
                for (int i = 0; i < inputs.size(); i++) {
                    index(new Entry(slot, i, inputs.get(i).watch()), names, definitions);
                }
            } else {
                index(new Entry(slot, -1, d.watch()), names, definitions);
            }
        }
        byProperty = names;
        byDefinition = definitions;
        activeRules = active;
        retention = longest.plus(lateness);
    }

    private static void index(Entry e, Map<String, List<Entry>> names, Map<String, List<Entry>> definitions) {
        if (e.watch().observedProperty() != null) {
            names.computeIfAbsent(e.watch().observedProperty(), k -> new ArrayList<>()).add(e);
        } else {
            definitions.computeIfAbsent(e.watch().propertyDefinition(), k -> new ArrayList<>()).add(e);
        }
    }

    /** Returns the {@code entity} variable of the observation's datastream: its Thing and place. */
    static Map<String, Object> entityOf(SensedObservation o) {
        GridLocation l = o.location();
        Map<String, Object> e = new HashMap<>();
        e.put("type", nullSafe(o.thingType()));
        e.put("department", o.departmentId() == null ? 0L : o.departmentId());
        e.put("thing", o.thingId());
        e.put("datastream", o.datastreamId());
        e.put("property", nullSafe(o.observedProperty()));
        e.put("grid", l == null ? "" : nullSafe(l.gridCode()));
        e.put("community", l == null ? "" : nullSafe(l.communityCode()));
        e.put("street", l == null ? "" : nullSafe(l.streetCode()));
        e.put("district", l == null ? "" : nullSafe(l.districtCode()));
        e.put("city", l == null ? "" : nullSafe(l.cityCode()));
        e.put("tags", o.tags());
        return e;
    }

    /** The variables of one observation, built lazily and shared by the rules judging it. */
    private static final class Facts {
        final SensedObservation o;
        final double value;
        final StreamWindow window;
        private Map<String, Object> base;
        private Map<Duration, Map<String, Double>> aggregates;

        Facts(SensedObservation o, double value, StreamWindow window) {
            this.o = o;
            this.value = value;
            this.window = window;
        }

        /**
         * Returns the variables for the condition: one map per observation, whose {@code window}
         * entry is set to the aggregates of the rule's window length before each condition that reads it.
         */
        Map<String, Object> bindings(CelConditions.Condition c, Duration windowLength) {
            if (base == null) {
                base = new HashMap<>(8);
                base.put("value", value);
                base.put("time", o.phenomenonTime());
                StreamWindow.Point p = window.previous();
                base.put("previous", p == null ? Map.of() : Map.of("value", p.value(), "time", p.time()));
                base.put("entity", window.entity(o));
            }
            if (c.usesWindow()) {
                if (aggregates == null) {
                    aggregates = new HashMap<>(2);
                }
                base.put("window", aggregates.computeIfAbsent(windowLength,
                        w -> window.aggregate(o.phenomenonTime(), w)));
            }
            return base;
        }
    }
}
