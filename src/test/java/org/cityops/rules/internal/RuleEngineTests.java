package org.cityops.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.cityops.geo.GridLocation;
import org.cityops.rules.AlertSeverity;
import org.cityops.sensing.SensedObservation;
import org.junit.jupiter.api.Test;

/** The rule engine in plain Java, time given by the observations and by the caller. */
class RuleEngineTests {

    static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");
    static final CelConditions CEL = new CelConditions();
    static final GridLocation GRID_A = new GridLocation("A01", "C1", "S1", "D1", "X");
    static final GridLocation GRID_B = new GridLocation("B01", "C2", "S1", "D1", "X");

    final RuleEngine engine = new RuleEngine(Duration.ofMinutes(5), 1000);
    long nextId = 1;

    static Watch watch(String property) {
        return new Watch(property, null, null, null, null, null);
    }

    static RuleDefinition rule(RuleKind kind, String condition) {
        return new RuleDefinition("r", null, kind, AlertSeverity.YELLOW, watch("level"), condition, null, null, null,
                null, null, null, null);
    }

    void put(long id, RuleDefinition d) {
        assertThat(new RuleCheck(CEL).problems(d)).isEmpty();
        engine.put(CompiledRule.compile(id, 1, d, CEL));
    }

    SensedObservation obs(long datastream, String property, Instant at, double value, GridLocation where) {
        return new SensedObservation(nextId++, datastream, datastream, "gauge", 7L, where, property, "urn:" + property,
                at, value);
    }

    List<Signal> feed(long datastream, int minute, double value) {
        return engine.accept(List.of(obs(datastream, "level", T0.plusSeconds(60L * minute), value, GRID_A)), T0);
    }

    @Test
    void conditionRaisesRepeatsAndClears() {
        put(1, rule(RuleKind.CONDITION, "value > 2"));
        assertThat(feed(10, 0, 1.0)).isEmpty();
        List<Signal> raised = feed(10, 1, 2.5);
        assertThat(raised).singleElement().isInstanceOfSatisfying(Signal.Seen.class, s -> {
            assertThat(s.first()).isTrue();
            assertThat(s.subject()).isEqualTo("datastream:10");
            assertThat(s.value()).isEqualTo(2.5);
            assertThat(s.location()).isEqualTo(GRID_A);
            assertThat(s.departmentId()).isEqualTo(7L);
        });
        assertThat(feed(10, 2, 3.0)).singleElement().isInstanceOfSatisfying(Signal.Seen.class,
                s -> assertThat(s.first()).isFalse());
        assertThat(feed(10, 3, 1.0)).singleElement().isInstanceOf(Signal.Cleared.class);
        assertThat(feed(10, 4, 1.0)).isEmpty();
    }

    @Test
    void otherPropertiesAndUnmatchedWatchesAreIgnored() {
        put(1, new RuleDefinition("r", null, RuleKind.CONDITION, AlertSeverity.RED,
                new Watch("level", null, "gauge", "S1", null, 7L), "value > 2", null, null, null, null, null, null, null));
        assertThat(engine.accept(List.of(obs(1, "rain", T0, 9, GRID_A)), T0)).isEmpty();
        assertThat(engine.accept(List.of(obs(2, "level", T0, 9, new GridLocation("Z", "Z", "Z", "Z", "Z"))), T0)).isEmpty();
        assertThat(engine.accept(List.of(obs(3, "level", T0, 9, null)), T0)).isEmpty();
        assertThat(engine.accept(List.of(obs(4, "level", T0, 9, GRID_A)), T0)).hasSize(1);
    }

    @Test
    void windowCoversTheStatedEventTimeAndExcludesItsStart() {
        put(1, new RuleDefinition("r", null, RuleKind.CONDITION, AlertSeverity.RED, watch("level"),
                "window.count == 3.0 && window.sum == 6.0", null, Duration.ofMinutes(10), null, null, null, null, null));
        feed(10, 0, 1.0);
        feed(10, 5, 2.0);
        // at minute 10 the observation of minute 0 lies exactly one window back: outside (t - 10m, t]
        assertThat(feed(10, 10, 3.0)).isEmpty();
        // at minute 11 the window holds minutes 5, 10 and 11: count 3, sum 7
        assertThat(feed(10, 11, 2.0)).isEmpty();
        engine.remove(1);
        put(2, new RuleDefinition("r", null, RuleKind.CONDITION, AlertSeverity.RED, watch("level"),
                "window.count == 3.0 && window.min == 1.0 && window.max == 3.0 && window.first == 2.0 "
                        + "&& window.delta == -1.0", null, Duration.ofMinutes(10), null, null, null, null, null));
        assertThat(feed(11, 0, 2.0)).isEmpty();
        assertThat(feed(11, 5, 3.0)).isEmpty();
        assertThat(feed(11, 9, 1.0)).hasSize(1);
    }

    @Test
    void rateIsTheChangePerHourAcrossTheWindow() {
        put(1, new RuleDefinition("r", null, RuleKind.CONDITION, AlertSeverity.RED, watch("level"),
                "window.rate > 1.49 && window.rate < 1.51", null, Duration.ofMinutes(30), null, null, null, null, null));
        assertThat(feed(10, 0, 1.0)).isEmpty();
        assertThat(feed(10, 5, 1.0)).isEmpty();
        // +0.25 in the 10 minutes from the window's first to its last observation = 1.5 per hour
        assertThat(feed(10, 10, 1.25)).hasSize(1);
    }

    @Test
    void lateObservationsWithinTheLatenessJoinTheWindowWithoutBeingJudgedAndOlderOnesAreDropped() {
        put(1, new RuleDefinition("r", null, RuleKind.CONDITION, AlertSeverity.RED, watch("level"),
                "window.count >= 3.0 || value > 100", null, Duration.ofMinutes(30), null, null, null, null, null));
        feed(10, 10, 1.0);
        // 4 minutes late, within 5 minutes of lateness: joins, is not judged even though it is > 100
        assertThat(feed(10, 6, 500.0)).isEmpty();
        // 7 minutes late: dropped and counted
        assertThat(feed(10, 3, 500.0)).isEmpty();
        assertThat(engine.tooLate()).isEqualTo(1);
        // the late one counts in the window: minutes 6, 10, 11
        assertThat(feed(10, 11, 1.0)).hasSize(1);
    }

    @Test
    void replayedObservationsAreIgnored() {
        put(1, rule(RuleKind.CONDITION, "value > 2"));
        SensedObservation o = obs(10, "level", T0, 5, GRID_A);
        assertThat(engine.accept(List.of(o), T0)).hasSize(1);
        assertThat(engine.accept(List.of(o), T0)).isEmpty();
        // the same datastream and phenomenon time under another id is a replay too
        assertThat(engine.accept(List.of(obs(10, "level", T0, 5, GRID_A)), T0)).isEmpty();
        assertThat(engine.replays()).isEqualTo(2);
    }

    @Test
    void previousIsTheObservationBeforeAndAConditionOnItWaitsForOne() {
        put(1, rule(RuleKind.CONDITION, "value - previous.value > 0.5 && time > previous.time"));
        assertThat(feed(10, 0, 10.0)).isEmpty();
        assertThat(feed(10, 1, 10.2)).isEmpty();
        assertThat(feed(10, 2, 11.0)).hasSize(1);
    }

    @Test
    void entityAttributesAreVisibleToConditions() {
        put(1, rule(RuleKind.CONDITION, "entity.type == 'gauge' && entity.grid == 'A01' && entity.department == 7"));
        assertThat(feed(10, 0, 1.0)).hasSize(1);
    }

    @Test
    void theEntityFollowsItsThingWhenItMovesToAnotherGrid() {
        put(1, rule(RuleKind.CONDITION, "entity.grid == 'A01'"));
        assertThat(feed(10, 0, 1.0)).hasSize(1);
        assertThat(engine.accept(List.of(obs(10, "level", T0.plusSeconds(60), 1.0, GRID_B)), T0))
                .singleElement().isInstanceOf(Signal.Cleared.class);
    }

    @Test
    void durationRaisesOnlyOnceTheConditionHeldLongEnough() {
        put(1, new RuleDefinition("r", null, RuleKind.DURATION, AlertSeverity.RED, watch("level"), "value > 2", null,
                null, Duration.ofMinutes(10), null, null, null, null));
        assertThat(feed(10, 0, 3)).isEmpty();
        assertThat(feed(10, 5, 3)).isEmpty();
        assertThat(feed(10, 9, 1)).isEmpty();
        assertThat(feed(10, 10, 3)).isEmpty();
        assertThat(feed(10, 19, 3)).isEmpty();
        assertThat(feed(10, 20, 3)).singleElement().isInstanceOf(Signal.Seen.class);
        assertThat(feed(10, 21, 1)).singleElement().isInstanceOf(Signal.Cleared.class);
    }

    @Test
    void hysteresisClearsOnlyBelowTheClearThreshold() {
        put(1, new RuleDefinition("r", null, RuleKind.HYSTERESIS, AlertSeverity.RED, watch("level"), "value > 5",
                "value < 3", null, null, null, null, null, null));
        assertThat(feed(10, 0, 4)).isEmpty();
        assertThat(feed(10, 1, 6)).singleElement().isInstanceOf(Signal.Seen.class);
        assertThat(feed(10, 2, 4)).isEmpty();
        assertThat(feed(10, 3, 2)).singleElement().isInstanceOf(Signal.Cleared.class);
        assertThat(feed(10, 4, 4)).isEmpty();
    }

    @Test
    void absenceIsRaisedWhenTheClockPassesTheAllowedSilenceAndClearedByNewData() {
        put(1, new RuleDefinition("r", null, RuleKind.ABSENCE, AlertSeverity.RED, watch("level"), null, null, null,
                null, Duration.ofMinutes(15), null, null, null));
        feed(10, 0, 1);
        assertThat(engine.checkAbsence(T0.plus(Duration.ofMinutes(14)))).isEmpty();
        List<Signal> raised = engine.checkAbsence(T0.plus(Duration.ofMinutes(15)));
        assertThat(raised).singleElement().isInstanceOfSatisfying(Signal.Seen.class, s -> {
            assertThat(s.subject()).isEqualTo("datastream:10");
            assertThat(s.eventTime()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
            assertThat(s.location()).isEqualTo(GRID_A);
        });
        assertThat(engine.checkAbsence(T0.plus(Duration.ofMinutes(30)))).isEmpty();
        assertThat(feed(10, 31, 1)).singleElement().isInstanceOf(Signal.Cleared.class);
    }

    RuleDefinition flood(Duration window) {
        return new RuleDefinition("内涝风险", null, RuleKind.CORRELATION, AlertSeverity.ORANGE, null, null, null, window,
                null, null, new RuleDefinition.Correlation(RuleDefinition.KeyBy.GRID, List.of(
                new RuleDefinition.Input("rain", watch("rainfall"), "value > 30"),
                new RuleDefinition.Input("water", watch("level"), "window.delta > 0.1")
        )), null, null);
    }

    List<Signal> at(long datastream, String property, int minute, double value, GridLocation where) {
        return engine.accept(List.of(obs(datastream, property, T0.plusSeconds(60L * minute), value, where)), T0);
    }

    @Test
    void correlationRaisesWhenEveryInputHeldInTheSameGridWithinTheWindow() {
        put(1, flood(Duration.ofMinutes(30)));
        assertThat(at(1, "rainfall", 0, 35, GRID_A)).isEmpty();
        assertThat(at(2, "level", 5, 1.00, GRID_A)).isEmpty();
        // the same rise in another grid does not count for grid A
        assertThat(at(3, "level", 6, 1.00, GRID_B)).isEmpty();
        assertThat(at(3, "level", 10, 1.50, GRID_B)).isEmpty();
        List<Signal> raised = at(2, "level", 20, 1.15, GRID_A);
        assertThat(raised).singleElement().isInstanceOfSatisfying(Signal.Seen.class, s -> {
            assertThat(s.subject()).isEqualTo("grid:A01");
            assertThat(s.title()).contains("rain + water");
            assertThat(s.departmentId()).isNull();
        });
    }

    @Test
    void correlationInputsFurtherApartThanTheWindowDoNotMeet() {
        put(1, flood(Duration.ofMinutes(30)));
        assertThat(at(1, "rainfall", 0, 35, GRID_A)).isEmpty();
        assertThat(at(2, "level", 31, 1.00, GRID_A)).isEmpty();
        assertThat(at(2, "level", 40, 1.20, GRID_A)).isEmpty();
        assertThat(at(1, "rainfall", 45, 40, GRID_A)).hasSize(1);
        // dry again, but both inputs held within the last 30 minutes: still holds
        assertThat(at(1, "rainfall", 46, 0, GRID_A)).singleElement().isInstanceOfSatisfying(Signal.Seen.class,
                s -> assertThat(s.first()).isFalse());
        // 32 minutes after the water last rose the inputs no longer meet
        assertThat(at(1, "rainfall", 72, 0, GRID_A)).singleElement().isInstanceOf(Signal.Cleared.class);
    }

    @Test
    void anomalyFlagsNothingDuringWarmUpAndThenASuddenDeviation() {
        put(1, new RuleDefinition("r", null, RuleKind.ANOMALY, AlertSeverity.BLUE, watch("level"), null, null, null,
                null, null, null, new RuleDefinition.Anomaly(10, 4.0, 0.2), null));
        // a jump during warm-up is learnt, not flagged
        assertThat(feed(10, 0, 1.0)).isEmpty();
        assertThat(feed(10, 1, 50.0)).isEmpty();
        for (int i = 2; i < 40; i++) {
            assertThat(feed(10, i, 10 + (i % 2 == 0 ? 0.1 : -0.1))).as("minute %d", i).isEmpty();
        }
        assertThat(feed(10, 40, 30.0)).singleElement().isInstanceOfSatisfying(Signal.Seen.class,
                s -> assertThat(s.title()).contains("z="));
        assertThat(feed(10, 41, 10.0)).singleElement().isInstanceOf(Signal.Cleared.class);
    }

    @Test
    void aRuleFailingAtRunTimeIsQuarantinedAndTheOthersGoOn() {
        put(1, rule(RuleKind.CONDITION, "int(value) / int(value - value) > 1"));
        put(2, rule(RuleKind.CONDITION, "value > 2"));
        List<Signal> signals = feed(10, 0, 5);
        assertThat(signals).anySatisfy(s -> assertThat(s).isInstanceOfSatisfying(Signal.Quarantined.class, q -> {
            assertThat(q.ruleId()).isEqualTo(1);
            assertThat(q.error()).contains("by zero");
        }));
        assertThat(signals).anySatisfy(s -> assertThat(s).isInstanceOf(Signal.Seen.class));
        assertThat(feed(10, 1, 6)).singleElement().isInstanceOfSatisfying(Signal.Seen.class,
                s -> assertThat(s.ruleId()).isEqualTo(2));
        assertThat(engine.activeRules()).isEqualTo(1);
    }

    @Test
    void aMissingMapKeyQuarantinesToo() {
        put(1, rule(RuleKind.CONDITION, "entity.colour == 'red'"));
        assertThat(feed(10, 0, 5)).singleElement().isInstanceOf(Signal.Quarantined.class);
    }

    @Test
    void aChangedRuleKeepsKnowingWhichSubjectsAreActiveSoTheyClear() {
        put(1, rule(RuleKind.CONDITION, "value > 2"));
        feed(10, 0, 5);
        engine.put(CompiledRule.compile(1, 2, rule(RuleKind.CONDITION, "value > 3"), CEL));
        assertThat(feed(10, 1, 2.5)).singleElement().isInstanceOf(Signal.Cleared.class);
    }

    @Test
    void restoredActiveSubjectsClearAfterARestart() {
        put(1, rule(RuleKind.CONDITION, "value > 2"));
        engine.markActive(1, "datastream:10");
        assertThat(feed(10, 0, 1)).singleElement().isInstanceOf(Signal.Cleared.class);
    }

    @Test
    void booleanResultsCountAsOneAndZeroAndTextIsIgnored() {
        put(1, rule(RuleKind.CONDITION, "value == 1.0"));
        SensedObservation on = new SensedObservation(1, 10, 10, null, null, null, "level", null, T0, true);
        SensedObservation text = new SensedObservation(2, 10, 10, null, null, null, "level", null, T0.plusSeconds(1), "x");
        assertThat(engine.accept(List.of(on, text), T0)).hasSize(1);
    }

    @Test
    void aWatchWithTagsMatchesOnlyThingsCarryingEveryTag() {
        put(1, new RuleDefinition("r", null, RuleKind.CONDITION, AlertSeverity.YELLOW,
                new Watch("level", null, null, null, null, null, List.of("flood", "river")), "value > 2", null, null,
                null, null, null, null, null));
        SensedObservation both = new SensedObservation(1, 10, 10, null, null, GRID_A, "level", null, T0, 3.0,
                List.of("river", "flood", "bridge"));
        SensedObservation one = new SensedObservation(2, 11, 11, null, null, GRID_A, "level", null, T0, 3.0,
                List.of("flood"));
        assertThat(engine.accept(List.of(both, one), T0)).singleElement()
                .satisfies(s -> assertThat(((Signal.Seen) s).subject()).isEqualTo("datastream:10"));
    }

    @Test
    void anAbsenceRuleWatchesSilenceFromTheLatestStoredObservation() {
        put(1, new RuleDefinition("r", null, RuleKind.ABSENCE, AlertSeverity.BLUE, watch("level"), null, null, null,
                null, Duration.ofMinutes(15), null, null, null));
        engine.watchSilence(1, List.of(obs(10, "level", T0, 1.0, GRID_A), obs(11, "other", T0, 1.0, GRID_A)));
        assertThat(engine.checkAbsence(T0.plus(Duration.ofMinutes(14)))).isEmpty();
        assertThat(engine.checkAbsence(T0.plus(Duration.ofMinutes(15)))).singleElement()
                .satisfies(s -> assertThat(((Signal.Seen) s).subject()).isEqualTo("datastream:10"));
    }

    @Test
    void numbersInAlertTitlesHaveAtMostThreeDecimalsAndNoTrailingZeros() {
        assertThat(RuleEngine.number(3.0)).isEqualTo("3");
        assertThat(RuleEngine.number(-12.0)).isEqualTo("-12");
        assertThat(RuleEngine.number(2.5)).isEqualTo("2.5");
        assertThat(RuleEngine.number(3.14159)).isEqualTo("3.142");
        assertThat(RuleEngine.number(-1.2345)).isEqualTo("-1.235");
        assertThat(RuleEngine.number(0.0004)).isEqualTo("0");
        assertThat(RuleEngine.number(1e20)).isEqualTo("100000000000000000000");
        assertThat(RuleEngine.number(Double.NaN)).isEqualTo("NaN");
    }
}
