package org.cityops.rules.internal;

import java.util.List;

/**
 * A rule version ready to evaluate: its definition with every CEL condition compiled once.
 *
 * @param id             the rule
 * @param version        the version
 * @param definition     what its author wrote
 * @param condition      the (raise) condition, {@code null} for kinds without one
 * @param clearCondition the clear condition of a HYSTERESIS rule
 * @param inputs         the compiled conditions of a CORRELATION's inputs, in order
 */
record CompiledRule(long id, int version, RuleDefinition definition, CelConditions.Condition condition,
                    CelConditions.Condition clearCondition, List<CelConditions.Condition> inputs) {

    /** Compiles the definition (assumed checked by {@link RuleCheck}). */
    static CompiledRule compile(long id, int version, RuleDefinition d, CelConditions cel) {
        CelConditions.Condition condition = d.condition() == null ? null : cel.compile(d.condition());
        CelConditions.Condition clear = d.clearCondition() == null ? null : cel.compile(d.clearCondition());
        List<CelConditions.Condition> inputs = d.correlation() == null ? List.of()
                : d.correlation().inputs().stream().map(i -> cel.compile(i.condition())).toList();
        return new CompiledRule(id, version, d, condition, clear, inputs);
    }
}
