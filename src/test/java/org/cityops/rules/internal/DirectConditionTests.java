package org.cityops.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class DirectConditionTests {

    final CelConditions cel = new CelConditions();

    @Test
    void conditionsOfTheCommonShapeAreEvaluatedDirectlyAndOthersByCel() {
        assertThat(cel.compile("value > 99.0").direct()).isNotNull();
        assertThat(cel.compile("value - previous.value > 1.5 && entity.type == 'gauge' || !(window.avg <= 3)")
                .direct()).isNotNull();
        assertThat(cel.compile("time > timestamp('2026-01-01T00:00:00Z')").direct()).isNull();
        assertThat(cel.compile("entity.tags.exists(t, t == 'flood')").direct()).isNull();
        assertThat(cel.compile("size(entity.type) > 3").direct()).isNull();
        assertThat(cel.compile("value > 3.0 ? true : false").direct()).isNull();
        assertThat(cel.compile("has(entity.type)").direct()).isNull();
    }

    @Test
    void aValueTheDirectFormDoesNotHandleIsLeftToCelWhichWordsTheError() {
        CelConditions.Condition c = cel.compile("window.avg > 50.0");
        assertThat(c.test(Map.of("value", 1.0, "window", Map.of("avg", 60.0)))).isTrue();
        // a missing key: CEL's error, not a silent false
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.test(Map.of("value", 1.0, "window", Map.of())))
                .isInstanceOf(CelConditions.EvaluationError.class).hasMessageContaining("avg");
    }

    /**
     * Random conditions of the shapes the direct form handles (and some it leaves to CEL) over
     * random facts — NaN, infinities, negative zero, integers where doubles are expected, missing
     * keys, strings — must give exactly CEL's answer: the same truth value, or an error both ways.
     */
    @Test
    void theDirectFormAnswersExactlyAsCelOnRandomConditionsAndFacts() {
        SplittableRandom random = new SplittableRandom(20261129);
        int compared = 0;
        int direct = 0;
        for (int i = 0; i < 4000; i++) {
            String source = condition(random, 3);
            CelConditions.Condition c;
            try {
                c = cel.compile(source);
            } catch (CelConditions.CompileError notWellTyped) {
                continue;
            }
            for (int j = 0; j < 5; j++) {
                Map<String, Object> facts = facts(random);
                String expected = outcome(() -> c.cel(facts));
                String actual = outcome(() -> c.test(facts));
                assertThat(actual).as("%s over %s", source, facts).isEqualTo(expected);
                compared++;
                if (c.direct() != null && !"unsupported".equals(outcome(() -> c.direct().test(facts)))) {
                    direct++;
                }
            }
        }
        assertThat(compared).isGreaterThan(10_000);
        assertThat(direct).as("cases answered by the direct form").isGreaterThan(compared / 3);
    }

    private static String outcome(java.util.function.BooleanSupplier test) {
        try {
            return String.valueOf(test.getAsBoolean());
        } catch (DirectCondition.Unsupported e) {
            return "unsupported";
        } catch (CelConditions.EvaluationError e) {
            return "error";
        }
    }

    private static final String[] NUMBERS = {"value", "previous.value", "window.avg", "window.max", "window.min",
            "window.rate", "window.count", "entity.department", "99.0", "-1.5", "0.0", "1e308", "3", "-7",
            "9007199254740993"};
    private static final String[] COMPARISONS = {" < ", " <= ", " > ", " >= ", " == ", " != "};
    private static final String[] ARITHMETIC = {" + ", " - ", " * ", " / "};
    private static final String[] OTHERS = {"entity.type == 'gauge'", "entity.type != 'gauge'", "entity.grid == ''",
            "entity.type < 'h'", "true", "false", "entity.flag", "entity.flag == true", "value == entity.type",
            "entity.department + 1 > 3", "time > timestamp('2026-01-01T00:00:00Z')", "previous.value == 5"};

    private static String number(SplittableRandom r, int depth) {
        if (depth == 0 || r.nextInt(3) == 0) {
            return NUMBERS[r.nextInt(NUMBERS.length)];
        }
        if (r.nextInt(6) == 0) {
            return "-(" + number(r, depth - 1) + ")";
        }
        return "(" + number(r, depth - 1) + ARITHMETIC[r.nextInt(ARITHMETIC.length)] + number(r, depth - 1) + ")";
    }

    private static String condition(SplittableRandom r, int depth) {
        int kind = depth == 0 ? r.nextInt(2) : r.nextInt(5);
        return switch (kind) {
            case 0 -> number(r, 2) + COMPARISONS[r.nextInt(COMPARISONS.length)] + number(r, 2);
            case 1 -> OTHERS[r.nextInt(OTHERS.length)];
            case 2 -> "!(" + condition(r, depth - 1) + ")";
            case 3 -> "(" + condition(r, depth - 1) + " && " + condition(r, depth - 1) + ")";
            default -> "(" + condition(r, depth - 1) + " || " + condition(r, depth - 1) + ")";
        };
    }

    private static final double[] DOUBLES = {0.0, -0.0, 1.0, 5.0, 50.0, 99.5, -3.25, Double.NaN,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e308, 9.007199254740993e15};

    private static Map<String, Object> facts(SplittableRandom r) {
        Map<String, Object> facts = new HashMap<>();
        facts.put("value", r.nextInt(4) == 0 ? DOUBLES[r.nextInt(DOUBLES.length)] : r.nextDouble() * 100);
        facts.put("time", Instant.parse("2026-03-02T00:00:00Z").plusSeconds(r.nextInt(100_000)));
        facts.put("previous", switch (r.nextInt(3)) {
            case 0 -> Map.of();
            case 1 -> Map.of("value", 5L, "time", Instant.parse("2026-03-01T00:00:00Z"));
            default -> Map.of("value", DOUBLES[r.nextInt(DOUBLES.length)], "time", Instant.parse("2026-03-01T00:00:00Z"));
        });
        Map<String, Double> window = new HashMap<>();
        for (String k : List.of("avg", "max", "min", "rate", "count")) {
            if (r.nextInt(8) != 0) {
                window.put(k, r.nextInt(3) == 0 ? DOUBLES[r.nextInt(DOUBLES.length)] : r.nextDouble() * 100);
            }
        }
        facts.put("window", window);
        Map<String, Object> entity = new HashMap<>();
        if (r.nextInt(8) != 0) {
            entity.put("type", r.nextBoolean() ? "gauge" : "camera");
        }
        entity.put("department", List.of(3L, 4L, 1L << 60).get(r.nextInt(3)));
        entity.put("grid", r.nextBoolean() ? "" : "G-1");
        if (r.nextBoolean()) {
            entity.put("flag", r.nextBoolean());
        }
        facts.put("entity", entity);
        return facts;
    }
}
