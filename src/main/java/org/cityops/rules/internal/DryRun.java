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

    /**
     * What a dry run found.
     *
     * @param raises       the alerts the rule would have raised, in event-time order
     * @param clears       how many times an alert would have cleared
     * @param observations how many stored observations were replayed
     * @param truncated    whether the range held more observations than a dry run reads
     * @param error        the run-time error that would have quarantined the rule, {@code null} when none
     */
    record Result(List<WouldRaise> raises, int clears, int observations, boolean truncated, String error) {
    }

    /** One alert a dry run would have raised. */
    record WouldRaise(String subject, Instant time, Double value, String title) {
    }

    /** Returns the raises of the rule over the observations (oldest first), with absence checked up to {@code end}. */
    static Result run(CompiledRule rule, List<SensedObservation> observations, Instant end,
                                        Duration lateness, int maxPoints, boolean truncated) {
        RuleEngine engine = new RuleEngine(lateness, maxPoints);
        engine.put(rule);
        List<WouldRaise> raises = new ArrayList<>();
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
        return new Result(raises, clears[0], observations.size(), truncated, error);
    }

    private static String collect(List<Signal> signals, List<WouldRaise> raises, int[] clears) {
        for (Signal s : signals) {
            if (s instanceof Signal.Seen seen && seen.first()) {
                raises.add(new WouldRaise(seen.subject(), seen.eventTime(), seen.value(), seen.title()));
            } else if (s instanceof Signal.Cleared) {
                clears[0]++;
            } else if (s instanceof Signal.Quarantined q) {
                return q.error();
            }
        }
        return null;
    }
}
