package org.cityops.rules.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.cityops.geo.GridLocation;
import org.cityops.rules.AlertSeverity;
import org.cityops.sensing.SensedObservation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Observations per second through the rule engine (the work the {@code ObservationFeed} listener's
 * thread does per committed batch, without writing alerts): 1,000 active rules over 100,000
 * datastreams. 100 observed properties × 10 districts; one rule per (property, district) with one
 * of four CEL conditions (a threshold, a threshold plus a 10-minute window average, a jump over the
 * previous value, a rate of change plus an entity attribute), so each observation is matched
 * against the 10 rules of its property and judged by the one of its district. Each operation is a
 * batch of 100 observations of consecutive datastreams, one minute later per round over all of
 * them; values are uniform in [0, 100), so a few percent raise or clear. With {@code rules=0} the
 * same batches meet an engine without rules (the cost of the feed hook alone).
 *
 * <p>Lives in the engine's package (in this separate project) because the engine is internal to
 * the rules module.
 */
@State(Scope.Benchmark)
public class RuleEngineBenchmark {

    static final int BATCH = 100;
    static final int PROPERTIES = 100;
    static final int DISTRICTS = 10;
    static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    static final String[] CONDITIONS = {
            "value > 99.0",
            "value > 95.0 && window.avg > 50.0",
            "value - previous.value > 95.0",
            "window.rate > 5000.0 && entity.type == 'gauge'"};

    @Param({"1000"})
    public int rules;

    @Param({"100000"})
    public int streams;

    RuleEngine engine;
    GridLocation[] places;
    String[] properties;
    SplittableRandom random;
    long next;
    long signals;
    long observationIds;

    @Setup(Level.Trial)
    public void setUp() {
        engine = new RuleEngine(Duration.ofMinutes(5), 2000);
        CelConditions cel = new CelConditions();
        properties = new String[PROPERTIES];
        for (int p = 0; p < PROPERTIES; p++) {
            properties[p] = "property-" + p;
        }
        places = new GridLocation[DISTRICTS];
        for (int d = 0; d < DISTRICTS; d++) {
            String district = "3101" + String.format("%02d", d);
            places[d] = new GridLocation(district + "00100101", district + "001001", district + "001", district, "310100");
        }
        for (int r = 0; r < rules; r++) {
            int p = r % PROPERTIES;
            int d = (r / PROPERTIES) % DISTRICTS;
            RuleDefinition def = new RuleDefinition("bench-" + r, null, RuleKind.CONDITION, AlertSeverity.YELLOW,
                    new Watch(properties[p], null, null, places[d].districtCode(), null, null),
                    CONDITIONS[r % CONDITIONS.length], null, Duration.ofMinutes(10), null, null, null, null, null);
            engine.put(CompiledRule.compile(r + 1, 1, def, cel));
        }
        random = new SplittableRandom(42);
    }

    @TearDown(Level.Trial)
    public void report() {
        System.out.printf("%n[rule engine] %d rules, %d datastreams with a window, %d observations, %d signals%n",
                engine.activeRules(), engine.streams(), observationIds, signals);
    }

    /** Returns the signals of one batch of 100 observations; measured as observations per second. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public List<Signal> observationsPerSecond() {
        List<SensedObservation> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            long k = next++;
            int stream = (int) (k % streams);
            long round = k / streams;
            int p = stream % PROPERTIES;
            int d = (stream / PROPERTIES) % DISTRICTS;
            batch.add(new SensedObservation(++observationIds, stream, stream, "gauge", null, places[d], properties[p],
                    null, T0.plusSeconds(60 * round), random.nextDouble() * 100));
        }
        List<Signal> out = engine.accept(batch, T0);
        signals += out.size();
        return out;
    }
}
