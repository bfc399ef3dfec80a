package org.cityops.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.cityops.platform.ProblemException.FieldError;
import org.cityops.rules.AlertSeverity;
import org.junit.jupiter.api.Test;

/** What makes a rule definition unfit to save. */
class RuleCheckTests {

    final RuleCheck check = new RuleCheck(new CelConditions());

    static RuleDefinition condition(String cel) {
        return new RuleDefinition("r", null, RuleKind.CONDITION, AlertSeverity.RED,
                new Watch("level", null, null, null, null, null), cel, null, null, null, null, null, null, null);
    }

    @Test
    void aTypeErrorNamesLineAndColumnFromOne() {
        List<FieldError> errors = check.problems(condition("value > 1.0 &&\n  value * 2 > 3.0"));
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("condition");
            assertThat(e.message()).startsWith("line 2, column 9: found no matching overload for '_*_'")
                    .contains("decimal point");
        });
    }

    @Test
    void anUnknownVariableAndASyntaxErrorAreRefused() {
        assertThat(check.problems(condition("level > 2"))).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("line 1, column 1").contains("undeclared reference to 'level'"));
        assertThat(check.problems(condition("value >"))).singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("line 1, column"));
    }

    @Test
    void aConditionMustBeBoolean() {
        assertThat(check.problems(condition("value + 1.0"))).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("expected type 'bool'"));
    }

    @Test
    void comparingWithWholeNumbersIsAllowed() {
        assertThat(check.problems(condition("value > 30 && window.count >= 3"))).isEmpty();
    }

    @Test
    void overlongConditionsAreRefusedBeforeCompiling() {
        assertThat(check.problems(condition("value > 1.0" + " || value > 1.0".repeat(200)))).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("longer than"));
    }

    @Test
    void eachKindNeedsItsMembersAndRefusesOthers() {
        RuleDefinition duration = new RuleDefinition("r", null, RuleKind.DURATION, AlertSeverity.RED,
                new Watch("level", null, null, null, null, null), "value > 1", null, null, null,
                Duration.ofMinutes(5), null, null, null);
        assertThat(check.problems(duration)).extracting(FieldError::field).containsExactlyInAnyOrder("holdFor", "absentFor");
        RuleDefinition correlation = new RuleDefinition("r", null, RuleKind.CORRELATION, AlertSeverity.RED, null, null,
                null, null, null, null, new RuleDefinition.Correlation(null, List.of(
                new RuleDefinition.Input("a", new Watch(null, null, null, null, null, null), "value > 1"),
                new RuleDefinition.Input("a", new Watch("x", null, null, null, null, null), "value >"))), null, null);
        assertThat(check.problems(correlation)).extracting(FieldError::field).containsExactlyInAnyOrder(
                "correlation.keyBy", "correlation.inputs[0].watch.observedProperty", "correlation.inputs[1].name",
                "correlation.inputs[1].condition");
        RuleDefinition blank = new RuleDefinition(" ", null, null, null, null, null, null, null, null, null, null,
                null, null);
        assertThat(check.problems(blank)).extracting(FieldError::field).containsExactly("name", "severity", "kind");
    }

    @Test
    void aCasePolicyOpeningCasesNeedsACategory() {
        RuleDefinition d = new RuleDefinition("r", null, RuleKind.ANOMALY, AlertSeverity.RED,
                new Watch("level", null, null, null, null, null), null, null, null, null, null, null,
                new RuleDefinition.Anomaly(1, -1.0, 1.0), new RuleDefinition.CasePolicy(
                RuleDefinition.CasePolicy.Mode.OPEN_CASE, null, null, null));
        assertThat(check.problems(d)).extracting(FieldError::field).containsExactlyInAnyOrder("anomaly.warmup",
                "anomaly.threshold", "anomaly.alpha", "casePolicy.categoryCode");
    }

    static RuleDefinition tagged(List<String> tags) {
        return new RuleDefinition("r", null, RuleKind.CONDITION, AlertSeverity.RED,
                new Watch("level", null, null, null, null, null, tags), "value > 1", null, null, null, null, null, null,
                null);
    }

    @Test
    void tagsMustBeDistinctNonBlankAndFew() {
        assertThat(check.problems(tagged(List.of("flood", "river")))).isEmpty();
        assertThat(check.problems(tagged(List.of()))).extracting(FieldError::field).containsExactly("watch.tags");
        assertThat(check.problems(tagged(java.util.Arrays.asList("flood", null, "flood"))))
                .extracting(FieldError::field).containsExactly("watch.tags[1]", "watch.tags[2]");
        assertThat(check.problems(tagged(java.util.stream.IntStream.range(0, 17).mapToObj(i -> "t" + i).toList())))
                .extracting(FieldError::field).containsExactly("watch.tags");
    }

    @Test
    void aVersionJudgingOtherSubjectsIsToldApartFromOneChangingOnlyTheCondition() {
        assertThat(RuleService.judgesOtherSubjects(condition("value > 1"), condition("value > 2"))).isFalse();
        assertThat(RuleService.judgesOtherSubjects(condition("value > 1"), tagged(List.of("flood")))).isTrue();
    }
}
