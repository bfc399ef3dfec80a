package org.cityops.rules.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.cityops.platform.ProblemException.FieldError;

/**
 * Says what is wrong with a rule definition: missing or superfluous members for its kind, bad
 * durations, and CEL conditions that do not compile (with line and column). Plain Java.
 */
final class RuleCheck {

    /** The longest window or duration a rule may state. */
    static final Duration MAX_SPAN = Duration.ofDays(1);

    private final CelConditions cel;

    RuleCheck(CelConditions cel) {
        this.cel = cel;
    }

    /** Returns every problem of the definition, empty when it may be saved. */
    List<FieldError> problems(RuleDefinition d) {
        List<FieldError> errors = new ArrayList<>();
        if (d.name() == null || d.name().isBlank()) {
            errors.add(new FieldError("name", "is required"));
        } else if (d.name().length() > 200) {
            errors.add(new FieldError("name", "is longer than 200 characters"));
        }
        if (d.severity() == null) {
            errors.add(new FieldError("severity", "is required: BLUE, YELLOW, ORANGE or RED"));
        }
        if (d.kind() == null) {
            errors.add(new FieldError("kind", "is required: CONDITION, DURATION, HYSTERESIS, ABSENCE, CORRELATION or ANOMALY"));
            return errors;
        }
        RuleKind k = d.kind();
        if (k == RuleKind.CORRELATION) {
            absent(errors, "watch", d.watch(), k);
        } else {
            watch(errors, "watch", d.watch());
        }
        boolean needsCondition = k == RuleKind.CONDITION || k == RuleKind.DURATION || k == RuleKind.HYSTERESIS;
        if (needsCondition) {
            condition(errors, "condition", d.condition());
        } else {
            absent(errors, "condition", d.condition(), k);
        }
        if (k == RuleKind.HYSTERESIS) {
            condition(errors, "clearCondition", d.clearCondition());
        } else {
            absent(errors, "clearCondition", d.clearCondition(), k);
        }
        span(errors, "window", d.window(), false);
        span(errors, "holdFor", d.holdFor(), k == RuleKind.DURATION);
        if (k != RuleKind.DURATION) {
            absent(errors, "holdFor", d.holdFor(), k);
        }
        span(errors, "absentFor", d.absentFor(), k == RuleKind.ABSENCE);
        if (k != RuleKind.ABSENCE) {
            absent(errors, "absentFor", d.absentFor(), k);
        }
        if (k == RuleKind.CORRELATION) {
            correlation(errors, d.correlation());
        } else {
            absent(errors, "correlation", d.correlation(), k);
        }
        if (k == RuleKind.ANOMALY) {
            anomaly(errors, d.anomaly());
        } else {
            absent(errors, "anomaly", d.anomaly(), k);
        }
        RuleDefinition.CasePolicy p = d.casePolicy();
        if (p != null) {
            if (p.mode() == null) {
                errors.add(new FieldError("casePolicy.mode", "is required: NONE or OPEN_CASE"));
            } else if (p.opensCase() && (p.categoryCode() == null || p.categoryCode().isBlank())) {
                errors.add(new FieldError("casePolicy.categoryCode", "is required to open cases"));
            }
        }
        return errors;
    }

    private void correlation(List<FieldError> errors, RuleDefinition.Correlation c) {
        if (c == null) {
            errors.add(new FieldError("correlation", "is required for a CORRELATION rule"));
            return;
        }
        if (c.keyBy() == null) {
            errors.add(new FieldError("correlation.keyBy", "is required: GRID, COMMUNITY, STREET or DISTRICT"));
        }
        if (c.inputs() == null || c.inputs().size() < 2 || c.inputs().size() > 8) {
            errors.add(new FieldError("correlation.inputs", "must name 2 to 8 inputs"));
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < c.inputs().size(); i++) {
            RuleDefinition.Input in = c.inputs().get(i);
            String at = "correlation.inputs[" + i + "]";
            if (in == null) {
                errors.add(new FieldError(at, "is required"));
                continue;
            }
            if (in.name() == null || in.name().isBlank()) {
                errors.add(new FieldError(at + ".name", "is required"));
            } else if (!names.add(in.name())) {
                errors.add(new FieldError(at + ".name", "repeats the name of another input"));
            }
            watch(errors, at + ".watch", in.watch());
            condition(errors, at + ".condition", in.condition());
        }
    }

    private static void anomaly(List<FieldError> errors, RuleDefinition.Anomaly a) {
        if (a == null) {
            return;
        }
        if (a.warmup() != null && (a.warmup() < 2 || a.warmup() > 10_000)) {
            errors.add(new FieldError("anomaly.warmup", "must be between 2 and 10000 observations"));
        }
        if (a.threshold() != null && !(a.threshold() > 0)) {
            errors.add(new FieldError("anomaly.threshold", "must be a positive number of standard deviations"));
        }
        if (a.alpha() != null && !(a.alpha() > 0 && a.alpha() < 1)) {
            errors.add(new FieldError("anomaly.alpha", "must lie between 0 and 1 (exclusive)"));
        }
    }

    private static void watch(List<FieldError> errors, String field, Watch w) {
        if (w == null) {
            errors.add(new FieldError(field, "is required"));
        } else {
            if (blank(w.observedProperty()) && blank(w.propertyDefinition())) {
                errors.add(new FieldError(field + ".observedProperty", "or " + field + ".propertyDefinition is required"));
            }
            tags(errors, field + ".tags", w.tags());
        }
    }

    /** The most tags a watch may name. */
    static final int MAX_TAGS = 16;
    /** The longest tag. */
    static final int MAX_TAG_LENGTH = 64;

    private static void tags(List<FieldError> errors, String field, List<String> tags) {
        if (tags == null) {
            return;
        }
        if (tags.isEmpty()) {
            errors.add(new FieldError(field, "names no tag: leave it out to watch Things whatever their tags"));
        } else if (tags.size() > MAX_TAGS) {
            errors.add(new FieldError(field, "names more than " + MAX_TAGS + " tags"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            String t = tags.get(i);
            if (blank(t)) {
                errors.add(new FieldError(field + "[" + i + "]", "is blank"));
            } else if (t.length() > MAX_TAG_LENGTH) {
                errors.add(new FieldError(field + "[" + i + "]", "is longer than " + MAX_TAG_LENGTH + " characters"));
            } else if (!seen.add(t)) {
                errors.add(new FieldError(field + "[" + i + "]", "repeats the tag " + t));
            }
        }
    }

    private void condition(List<FieldError> errors, String field, String expression) {
        if (expression == null || expression.isBlank()) {
            errors.add(new FieldError(field, "is required"));
            return;
        }
        if (expression.length() > CelConditions.MAX_LENGTH) {
            errors.add(new FieldError(field, "is longer than " + CelConditions.MAX_LENGTH + " characters"));
            return;
        }
        try {
            cel.compile(expression);
        } catch (CelConditions.CompileError e) {
            errors.add(new FieldError(field, "line " + e.line + ", column " + e.column + ": " + e.getMessage()
                    + hint(e.getMessage())));
        }
    }

    private static String hint(String message) {
        if (message != null && (message.contains("(double, int)") || message.contains("(int, double)"))) {
            return " (value and window.* are doubles: write numbers in arithmetic with a decimal point, e.g. 2.0)";
        }
        return "";
    }

    private static void span(List<FieldError> errors, String field, Duration d, boolean required) {
        if (d == null) {
            if (required) {
                errors.add(new FieldError(field, "is required (an ISO-8601 duration such as PT10M)"));
            }
            return;
        }
        if (d.isNegative() || d.isZero()) {
            errors.add(new FieldError(field, "must be positive"));
        } else if (d.compareTo(MAX_SPAN) > 0) {
            errors.add(new FieldError(field, "must not exceed " + MAX_SPAN));
        }
    }

    private static void absent(List<FieldError> errors, String field, Object value, RuleKind kind) {
        if (value != null) {
            errors.add(new FieldError(field, "is not used by a " + kind + " rule"));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
