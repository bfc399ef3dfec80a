package org.cityops.rules.internal;

import java.util.Map;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

/**
 * Compiles rule conditions written in CEL against the variables a rule sees, and evaluates them.
 * Compiling costs far more than evaluating, so each condition is compiled once per rule version.
 *
 * <p>Variables: {@code value} (double), {@code time} (timestamp), {@code previous} (map with
 * {@code value}, {@code time}), {@code window} (map of doubles: avg, min, max, sum, count, first, last,
 * delta, rate) and {@code entity} (map: type, department, thing, datastream, property, grid, community,
 * street, district, city). Numbers of different types compare freely ({@code value > 30}); arithmetic
 * needs matching types ({@code value * 2.0}).
 */
final class CelConditions {

    /** The longest condition accepted, in characters. */
    static final int MAX_LENGTH = 2000;

    private final Cel cel;

    CelConditions() {
        this(MAX_LENGTH, 1000);
    }

    /** Returns a compiler refusing conditions over {@code maxLength} code points and comprehensions over {@code maxIterations}. */
    CelConditions(int maxLength, int maxIterations) {
        CelOptions options = CelOptions.current()
                .enableHeterogeneousNumericComparisons(true)
                .comprehensionMaxIterations(maxIterations)
                .maxExpressionCodePointSize(maxLength)
                .build();
        this.cel = CelFactory.standardCelBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addVar("value", SimpleType.DOUBLE)
                .addVar("time", SimpleType.TIMESTAMP)
                .addVar("previous", MapType.create(SimpleType.STRING, SimpleType.DYN))
                .addVar("window", MapType.create(SimpleType.STRING, SimpleType.DOUBLE))
                .addVar("entity", MapType.create(SimpleType.STRING, SimpleType.DYN))
                .setResultType(SimpleType.BOOL)
                .build();
    }

    /** Returns the compiled condition, or throws {@link CompileError} with the first error's message and position. */
    Condition compile(String expression) {
        CelValidationResult result = cel.compile(expression);
        if (result.hasError()) {
            CelIssue first = result.getErrors().get(0);
            int line = Math.max(first.getSourceLocation().getLine(), 1);
            // CEL counts columns from 0; people and editors count from 1
            int column = Math.max(first.getSourceLocation().getColumn(), 0) + 1;
            throw new CompileError(first.getMessage(), line, column, result.getErrorString());
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            boolean usesPrevious = uses(ast, "previous");
            boolean usesWindow = uses(ast, "window");
            return new Condition(expression, cel.createProgram(ast), usesPrevious, usesWindow,
                    DirectCondition.of(ast));
        } catch (dev.cel.common.CelValidationException | CelEvaluationException e) {
            throw new CompileError(e.getMessage(), 1, 1, e.getMessage());
        }
    }

    private static boolean uses(CelAbstractSyntaxTree ast, String variable) {
        return CelNavigableAst.fromAst(ast).getRoot().allNodes()
                .anyMatch(n -> n.getKind() == CelExpr.ExprKind.Kind.IDENT && variable.equals(n.expr().ident().name()));
    }

    /** A condition that does not compile: the first error's message, line and column (both from 1), and CEL's full report. */
    static final class CompileError extends RuntimeException {
        final int line;
        final int column;
        final String report;

        CompileError(String message, int line, int column, String report) {
            super(message);
            this.line = line;
            this.column = column;
            this.report = report;
        }
    }

    /** A condition failed while evaluating (division by zero, missing key …): the rule must be quarantined. */
    static final class EvaluationError extends RuntimeException {
        EvaluationError(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * A compiled condition and which optional variables it reads.
     *
     * @param source       the CEL text
     * @param program      the evaluable program
     * @param usesPrevious whether it reads {@code previous} (it is not evaluated before a datastream has one)
     * @param usesWindow   whether it reads {@code window} (aggregates are computed only then)
     * @param direct       its direct evaluation, for conditions of the common shape; {@code null} for the others
     */
    record Condition(String source, CelRuntime.Program program, boolean usesPrevious, boolean usesWindow,
                     DirectCondition direct) {

        /** Returns whether the condition holds for the facts, or throws {@link EvaluationError}. */
        boolean test(Map<String, ?> facts) {
            if (direct != null) {
                try {
                    return direct.test(facts);
                } catch (DirectCondition.Unsupported unsupported) {
                    // CEL decides, and words the error if there is one
                }
            }
            return cel(facts);
        }

        /** Returns whether the condition holds for the facts by CEL's own evaluation, or throws {@link EvaluationError}. */
        boolean cel(Map<String, ?> facts) {
            try {
                return Boolean.TRUE.equals(program.eval(facts));
            } catch (CelEvaluationException | RuntimeException e) {
                throw new EvaluationError(e.getMessage(), e);
            }
        }
    }
}
