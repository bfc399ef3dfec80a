package org.cityops.rules.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.cityops.sensing.SensedObservation;

/** Replays stored observations through a private engine holding one rule and reports what it would have raised. */
final class DryRun {

    private DryRun() {
    }

    /** Returns the raises of the rule over the observations (oldest first), with absence checked up to {@code end}. */
    static RuleService.DryRunResult run(CompiledRule rule, List<SensedObservation> observations, Instant end,
                                        Duration lateness, int maxPoints, boolean truncated) {
        RuleEngine engine = new RuleEngine(lateness, maxPoints);
        engine.put(rule);
        List<RuleService.WouldRaise> raises = new ArrayList<>();
        int[] clears = {0};
        String error = null;
        for (SensedObservation o : observations) {
            // event time drives the replay: absence is judged as of each observation's time
            error = collect(engine.checkAbsence(o.phenomenonTime()), raises, clears);
            if (error == null) {
                error = collect(engine.accept(List.of(o), o.phenomenonTime()), raises, clears);
            }
            if (error != null) {
                break;
            }
        }
        if (error == null) {
            error = collect(engine.checkAbsence(end), raises, clears);
        }
        return new RuleService.DryRunResult(raises, clears[0], observations.size(), truncated, error);
    }

    private static String collect(List<Signal> signals, List<RuleService.WouldRaise> raises, int[] clears) {
        for (Signal s : signals) {
            if (s instanceof Signal.Seen seen && seen.first()) {
                raises.add(new RuleService.WouldRaise(seen.subject(), seen.eventTime(), seen.value(), seen.title()));
            } else if (s instanceof Signal.Cleared) {
                clears[0]++;
            } else if (s instanceof Signal.Quarantined q) {
                return q.error();
            }
        }
        return null;
    }
}
