package org.cityops.rules.internal;

import java.util.List;
import java.util.Map;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;

/**
 * Evaluates conditions of the common shape — comparisons, {@code &&}, {@code ||}, {@code !} and
 * double arithmetic over numbers, strings, booleans, the variables and their fields (such as
 * {@code value > 95.0 && window.avg > 50.0}) — directly on the checked CEL syntax tree, about
 * twenty times faster than CEL's interpreter, which otherwise dominated the cost of judging.
 *
 * <p>It only answers where its answer is CEL's: whenever a value is not of the kind it handles (a
 * missing map key, a {@code null}, a string ordering, an equality across kinds, integer
 * arithmetic with its overflow rules) it throws {@link Unsupported} and the caller
 * evaluates the condition with CEL, which then decides — also what the error is. A condition with
 * any other construct (functions, macros, timestamps, lists, the conditional operator) is not
 * compiled here at all ({@link #of} returns {@code null}).
 */
final class DirectCondition {

    private final Node root;

    private DirectCondition(Node root) {
        this.root = root;
    }

    /** Signals that CEL must evaluate this time; carries no stack trace, it is not an error. */
    static final class Unsupported extends RuntimeException {
        static final Unsupported INSTANCE = new Unsupported();

        private Unsupported() {
            super("evaluated by CEL", null, false, false);
        }
    }

    /** One node of the tree: returns a Double, Long, String or Boolean, or throws {@link Unsupported}. */
    private interface Node {
        Object eval(Map<String, ?> vars);
    }

    /** Returns the direct form of the checked condition, or {@code null} when it has constructs this class leaves to CEL. */
    static DirectCondition of(CelAbstractSyntaxTree ast) {
        Node root = node(ast.getExpr());
        return root == null ? null : new DirectCondition(root);
    }

    /** Returns whether the condition holds, or throws {@link Unsupported} when CEL must decide. */
    boolean test(Map<String, ?> vars) {
        if (root.eval(vars) instanceof Boolean b) {
            return b;
        }
        throw Unsupported.INSTANCE;
    }

    private static Node node(CelExpr e) {
        return switch (e.exprKind().getKind()) {
            case CONSTANT -> constant(e.constant());
            case IDENT -> variable(e.ident().name());
            case SELECT -> field(e.select());
            case CALL -> call(e.call());
            default -> null;
        };
    }

    private static Node constant(CelConstant c) {
        Object v = switch (c.getKind()) {
            case DOUBLE_VALUE -> c.doubleValue();
            case INT64_VALUE -> c.int64Value();
            case STRING_VALUE -> c.stringValue();
            case BOOLEAN_VALUE -> c.booleanValue();
            default -> null;
        };
        return v == null ? null : vars -> v;
    }

    private static Node variable(String name) {
        return vars -> {
            Object v = vars.get(name);
            if (v == null) {
                throw Unsupported.INSTANCE;
            }
            return v;
        };
    }

    private static Node field(CelExpr.CelSelect s) {
        if (s.testOnly() || s.operand().exprKind().getKind() != CelExpr.ExprKind.Kind.IDENT) {
            return null;
        }
        String name = s.operand().ident().name();
        String key = s.field();
        return vars -> {
            if (vars.get(name) instanceof Map<?, ?> m) {
                Object v = m.get(key);
                if (v != null) {
                    return v;
                }
            }
            throw Unsupported.INSTANCE;
        };
    }

    private static Node call(CelExpr.CelCall c) {
        if (c.target().isPresent()) {
            return null;
        }
        List<CelExpr> args = c.args();
        if (args.size() == 1) {
            Node a = node(args.get(0));
            if (a == null) {
                return null;
            }
            return switch (c.function()) {
                case "!_" -> vars -> !bool(a.eval(vars));
                case "-_" -> vars -> -dbl(a.eval(vars));
                default -> null;
            };
        }
        if (args.size() != 2) {
            return null;
        }
        Node a = node(args.get(0));
        Node b = node(args.get(1));
        if (a == null || b == null) {
            return null;
        }
        return switch (c.function()) {
            case "_&&_" -> vars -> bool(a.eval(vars)) && bool(b.eval(vars));
            case "_||_" -> vars -> bool(a.eval(vars)) || bool(b.eval(vars));
            case "_<_" -> vars -> less(a.eval(vars), b.eval(vars));
            case "_<=_" -> vars -> {
                Object x = a.eval(vars);
                Object y = b.eval(vars);
                return !less(y, x) && ordered(x, y);
            };
            case "_>_" -> vars -> less(b.eval(vars), a.eval(vars));
            case "_>=_" -> vars -> {
                Object x = a.eval(vars);
                Object y = b.eval(vars);
                return !less(x, y) && ordered(x, y);
            };
            case "_==_" -> vars -> equal(a.eval(vars), b.eval(vars));
            case "_!=_" -> vars -> !equal(a.eval(vars), b.eval(vars));
            case "_+_" -> vars -> dbl(a.eval(vars)) + dbl(b.eval(vars));
            case "_-_" -> vars -> dbl(a.eval(vars)) - dbl(b.eval(vars));
            case "_*_" -> vars -> dbl(a.eval(vars)) * dbl(b.eval(vars));
            case "_/_" -> vars -> dbl(a.eval(vars)) / dbl(b.eval(vars));
            default -> null;
        };
    }

    private static boolean bool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw Unsupported.INSTANCE;
    }

    /** A double for arithmetic: CEL's double operators take doubles only (integers have their own, with overflow). */
    private static double dbl(Object v) {
        if (v instanceof Double d) {
            return d;
        }
        throw Unsupported.INSTANCE;
    }

    /**
     * Returns whether {@code x < y} as CEL has it: two doubles as Java compares them (false with a
     * NaN), two integers exactly, and a double with an integer as CEL's heterogeneous comparison
     * does ({@code Double.compare}: a NaN above every integer, -0.0 below 0).
     */
    private static boolean less(Object x, Object y) {
        if (x instanceof Double d && y instanceof Double e) {
            return d < e;
        }
        if (x instanceof Long l && y instanceof Long m) {
            return l < m;
        }
        if (x instanceof Double d && y instanceof Long m) {
            return compareDoubleInt(d, m) < 0;
        }
        if (x instanceof Long l && y instanceof Double e) {
            return compareDoubleInt(e, l) > 0;
        }
        throw Unsupported.INSTANCE;
    }

    /** Returns false when a NaN is compared with a double (every ordering is false then), true otherwise. */
    private static boolean ordered(Object x, Object y) {
        return !(x instanceof Double d && y instanceof Double e && (d.isNaN() || e.isNaN()));
    }

    /** CEL's comparison of a double with an integer. */
    private static int compareDoubleInt(double d, long l) {
        if (d < -9.223372036854776E18) {
            return -1;
        }
        if (d > 9.223372036854776E18) {
            return 1;
        }
        return Double.compare(d, (double) l);
    }

    /** Returns CEL's equality of two values of one kind; values of different kinds are left to CEL. */
    private static boolean equal(Object x, Object y) {
        if (x instanceof String s && y instanceof String t) {
            return s.equals(t);
        }
        if (x instanceof Boolean p && y instanceof Boolean q) {
            return p.booleanValue() == q.booleanValue();
        }
        if (x instanceof Double d && y instanceof Double e) {
            return d.doubleValue() == e.doubleValue();
        }
        if (x instanceof Long l && y instanceof Long m) {
            return l.longValue() == m.longValue();
        }
        throw Unsupported.INSTANCE;
    }
}
