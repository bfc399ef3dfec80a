package org.cityops.sensing.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;

import org.locationtech.jts.geom.Geometry;

import tools.jackson.databind.JsonNode;

/**
 * Evaluates {@code $filter} and {@code $orderby} expressions over an entity in Java.
 * A path through a to-many relation yields all values reached ({@link Many}); comparisons and
 * functions then hold when any of them does (the OData "any" reading).
 */
final class FilterEvaluator {

    /** Resolves a property path from an entity; returns a {@link Many} for paths through to-many relations. */
    interface PathResolver {
        Object resolve(Entity entity, List<String> path);
    }

    /** Several values reached through a to-many relation. */
    record Many(List<Object> values) {
    }

    /** An expression that cannot be evaluated for the values it met (a type error), reported as 400. */
    static final class EvaluationError extends RuntimeException {
        EvaluationError(String message) {
            super(message);
        }
    }

    private static final OffsetDateTime MIN_DATE_TIME = OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime MAX_DATE_TIME = OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999,
            ZoneOffset.UTC);

    private final Clock clock;
    private final PathResolver resolver;

    FilterEvaluator(Clock clock, PathResolver resolver) {
        this.clock = clock;
        this.resolver = resolver;
    }

    /** Returns whether the filter holds for the entity (a null or non-boolean outcome does not). */
    boolean test(Expr filter, Entity entity) {
        return truthy(evaluate(filter, entity));
    }

    /** Returns the value of the expression for the entity. */
    Object evaluate(Expr e, Entity entity) {
        if (e instanceof Expr.Literal l) {
            return l.value();
        }
        if (e instanceof Expr.Path p) {
            return resolver.resolve(entity, p.segments());
        }
        if (e instanceof Expr.Unary u) {
            return unary(u, entity);
        }
        if (e instanceof Expr.Binary b) {
            return binary(b, entity);
        }
        return call((Expr.Call) e, entity);
    }

    private static boolean truthy(Object v) {
        if (v instanceof Many m) {
            return m.values().stream().anyMatch(FilterEvaluator::truthy);
        }
        return Boolean.TRUE.equals(v);
    }

    private Object unary(Expr.Unary u, Entity entity) {
        Object v = evaluate(u.operand(), entity);
        if (u.operator().equals("not")) {
            return !truthy(v);
        }
        return lift1(v, raw -> {
            Object x = normalise(raw);
            if (x == null) {
                return null;
            }
            if (x instanceof Long l) {
                return -l;
            }
            if (x instanceof Number n) {
                return -n.doubleValue();
            }
            throw new EvaluationError("'-' needs a number, not " + describe(x));
        });
    }

    private Object binary(Expr.Binary b, Entity entity) {
        switch (b.operator()) {
            case "and" -> {
                return truthy(evaluate(b.left(), entity)) && truthy(evaluate(b.right(), entity));
            }
            case "or" -> {
                return truthy(evaluate(b.left(), entity)) || truthy(evaluate(b.right(), entity));
            }
            default -> {
            }
        }
        Object l = evaluate(b.left(), entity);
        Object r = evaluate(b.right(), entity);
        return switch (b.operator()) {
            case "eq", "ne", "gt", "ge", "lt", "le" -> anyPair(l, r, (x, y) -> compare(b.operator(), x, y));
            default -> lift2(l, r, (x, y) -> arithmetic(b.operator(), x, y));
        };
    }

    // ------------------------------------------------------------------- comparison

    static boolean compare(String op, Object l, Object r) {
        Object left = normalise(l);
        Object right = normalise(r);
        // a JSON member is of the standard's type "any" (result, properties/…): next to a string, such as the
        // literal '3', it compares as its JSON text, so "result ne '2'" excludes the result 2
        if (right instanceof String && isJsonNumberOrBoolean(l)) {
            left = l.toString();
        } else if (left instanceof String && isJsonNumberOrBoolean(r)) {
            right = r.toString();
        }
        l = left;
        r = right;
        if (l == null || r == null) {
            boolean bothNull = l == null && r == null;
            return switch (op) {
                case "eq" -> bothNull;
                case "ne" -> !bothNull;
                default -> false;
            };
        }
        if (l instanceof TimeValue || r instanceof TimeValue) {
            return compareTimes(op, asTime(l, r), asTime(r, l));
        }
        Integer c = order(l, r);
        if (c == null) {
            return op.equals("ne");
        }
        return switch (op) {
            case "eq" -> c == 0;
            case "ne" -> c != 0;
            case "gt" -> c > 0;
            case "ge" -> c >= 0;
            case "lt" -> c < 0;
            default -> c <= 0;
        };
    }

    private static boolean isJsonNumberOrBoolean(Object v) {
        return v instanceof JsonNode n && (n.isNumber() || n.isBoolean());
    }

    /** Returns the order of two comparable values, or {@code null} when they cannot be compared. */
    static Integer order(Object l, Object r) {
        l = normalise(l);
        r = normalise(r);
        if (l instanceof Number a && r instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
        }
        if (l instanceof String a && r instanceof String b) {
            return a.compareTo(b);
        }
        if (l instanceof Boolean a && r instanceof Boolean b) {
            return a.compareTo(b);
        }
        if (l instanceof OffsetDateTime || r instanceof OffsetDateTime) {
            Instant a = instantOf(l);
            Instant b = instantOf(r);
            return a == null || b == null ? null : a.compareTo(b);
        }
        if (l instanceof LocalDate a && r instanceof LocalDate b) {
            return a.compareTo(b);
        }
        if (l instanceof LocalTime a && r instanceof LocalTime b) {
            return a.compareTo(b);
        }
        if (l instanceof Duration a && r instanceof Duration b) {
            return a.compareTo(b);
        }
        if (l instanceof Geometry a && r instanceof Geometry b) {
            return a.equalsTopo(b) ? 0 : null;
        }
        if (l instanceof JsonNode a && r instanceof JsonNode b) {
            return a.equals(b) ? 0 : null;
        }
        return null;
    }

    private static TimeValue asTime(Object v, Object other) {
        if (v instanceof TimeValue t) {
            return t;
        }
        Instant at = instantOf(v);
        if (at == null) {
            throw new EvaluationError("cannot compare a time with " + describe(v));
        }
        return TimeValue.instant(at);
    }

    private static boolean compareTimes(String op, TimeValue a, TimeValue b) {
        Instant aStart = a.start();
        Instant aEnd = a.interval() ? a.end() : a.start();
        Instant bStart = b.start();
        Instant bEnd = b.interval() ? b.end() : b.start();
        boolean equal = aStart.equals(bStart) && aEnd.equals(bEnd);
        // intervals compare as wholes: "gt" means entirely after, "lt" entirely before
        return switch (op) {
            case "eq" -> equal;
            case "ne" -> !equal;
            case "gt" -> aStart.isAfter(bEnd);
            case "ge" -> !aStart.isBefore(bEnd);
            case "lt" -> aEnd.isBefore(bStart);
            default -> !aEnd.isAfter(bStart);
        };
    }

    private static Instant instantOf(Object v) {
        if (v instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (v instanceof TimeValue t && !t.interval()) {
            return t.start();
        }
        if (v instanceof String s) {
            try {
                return TimeValue.dateTime(s).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    /** Returns plain Java values for JSON scalars so they compare with literals. */
    static Object normalise(Object v) {
        if (v instanceof JsonNode n) {
            if (n.isNull() || n.isMissingNode()) {
                return null;
            }
            if (n.isString()) {
                return n.asString();
            }
            if (n.isIntegralNumber() && n.canConvertToLong()) {
                return n.asLong();
            }
            if (n.isNumber()) {
                return n.asDouble();
            }
            if (n.isBoolean()) {
                return n.asBoolean();
            }
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        return v;
    }

    // ------------------------------------------------------------------- arithmetic

    private static Object arithmetic(String op, Object l, Object r) {
        l = normalise(l);
        r = normalise(r);
        if (l == null || r == null) {
            return null;
        }
        if (l instanceof OffsetDateTime t && r instanceof Duration d) {
            return switch (op) {
                case "add" -> t.plus(d);
                case "sub" -> t.minus(d);
                default -> throw new EvaluationError("'" + op + "' is not defined for a date-time and a duration");
            };
        }
        if (l instanceof OffsetDateTime a && r instanceof OffsetDateTime b && op.equals("sub")) {
            return Duration.between(b, a);
        }
        if (l instanceof Duration a && r instanceof Duration b) {
            return switch (op) {
                case "add" -> a.plus(b);
                case "sub" -> a.minus(b);
                default -> throw new EvaluationError("'" + op + "' is not defined for two durations");
            };
        }
        if (!(l instanceof Number a) || !(r instanceof Number b)) {
            throw new EvaluationError("'" + op + "' needs numbers, not " + describe(l) + " and " + describe(r));
        }
        if (a instanceof Long x && b instanceof Long y) {
            switch (op) {
                case "add" -> { return Math.addExact(x, y); }
                case "sub" -> { return Math.subtractExact(x, y); }
                case "mul" -> { return Math.multiplyExact(x, y); }
                case "mod" -> {
                    if (y == 0) {
                        return null;
                    }
                    return x % y;
                }
                default -> {
                    if (y == 0) {
                        return null;
                    }
                    // division of integers is exact when it can be, otherwise real
                    return x % y == 0 ? (Object) (x / y) : (Object) ((double) x / y);
                }
            }
        }
        double x = a.doubleValue();
        double y = b.doubleValue();
        return switch (op) {
            case "add" -> x + y;
            case "sub" -> x - y;
            case "mul" -> x * y;
            case "mod" -> y == 0 ? null : x % y;
            default -> y == 0 ? null : x / y;
        };
    }

    // ------------------------------------------------------------------- functions

    private Object call(Expr.Call c, Entity entity) {
        List<Object> args = new ArrayList<>();
        for (Expr a : c.arguments()) {
            args.add(evaluate(a, entity));
        }
        String f = c.function();
        return switch (f) {
            case "now" -> OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            case "mindatetime" -> args.isEmpty() ? MIN_DATE_TIME : lift1(args.get(0), v -> bound(v, true));
            case "maxdatetime" -> args.isEmpty() ? MAX_DATE_TIME : lift1(args.get(0), v -> bound(v, false));
            case "substringof" -> anyPairValue(args.get(0), args.get(1), (a, b) -> string(f, b).contains(string(f, a)));
            case "contains" -> anyPairValue(args.get(0), args.get(1), (a, b) -> string(f, a).contains(string(f, b)));
            case "endswith" -> anyPairValue(args.get(0), args.get(1), (a, b) -> string(f, a).endsWith(string(f, b)));
            case "startswith" -> anyPairValue(args.get(0), args.get(1), (a, b) -> string(f, a).startsWith(string(f, b)));
            case "length" -> lift1(args.get(0), v -> (long) string(f, v).length());
            case "indexof" -> lift2(args.get(0), args.get(1), (a, b) -> (long) string(f, a).indexOf(string(f, b)));
            case "substring" -> lift1(args.get(0), v -> substring(string(f, v), args));
            case "tolower" -> lift1(args.get(0), v -> string(f, v).toLowerCase(Locale.ROOT));
            case "toupper" -> lift1(args.get(0), v -> string(f, v).toUpperCase(Locale.ROOT));
            case "trim" -> lift1(args.get(0), v -> string(f, v).trim());
            case "concat" -> lift2(args.get(0), args.get(1), (a, b) -> string(f, a) + string(f, b));
            case "year" -> lift1(args.get(0), v -> (long) dateTime(f, v).getYear());
            case "month" -> lift1(args.get(0), v -> (long) dateTime(f, v).getMonthValue());
            case "day" -> lift1(args.get(0), v -> (long) dateTime(f, v).getDayOfMonth());
            case "hour" -> lift1(args.get(0), v -> (long) dateTime(f, v).getHour());
            case "minute" -> lift1(args.get(0), v -> (long) dateTime(f, v).getMinute());
            case "second" -> lift1(args.get(0), v -> (long) dateTime(f, v).getSecond());
            case "fractionalseconds" -> lift1(args.get(0), v -> dateTime(f, v).getNano() / 1e9);
            case "date" -> lift1(args.get(0), v -> dateTime(f, v).toLocalDate());
            case "time" -> lift1(args.get(0), v -> dateTime(f, v).toLocalTime());
            case "totaloffsetminutes" -> lift1(args.get(0), v -> (long) dateTime(f, v).getOffset().getTotalSeconds() / 60);
            case "round" -> lift1(args.get(0), v -> rounded(f, v, RoundingMode.HALF_UP));
            case "floor" -> lift1(args.get(0), v -> rounded(f, v, RoundingMode.FLOOR));
            case "ceiling" -> lift1(args.get(0), v -> rounded(f, v, RoundingMode.CEILING));
            case "geo.distance" -> lift2(args.get(0), args.get(1), (a, b) -> geometry(f, a).distance(geometry(f, b)));
            case "geo.length" -> lift1(args.get(0), v -> length(geometry(f, v)));
            case "st_relate" -> anyPairValue(args.get(0), args.get(1),
                    (a, b) -> geometry(f, a).relate(geometry(f, b), string(f, args.get(2))));
            default -> anyPairValue(args.get(0), args.get(1), (a, b) -> spatial(f, geometry(f, a), geometry(f, b)));
        };
    }

    /** Returns the length of lines; points and areas have none (an area's perimeter is not its length). */
    private static double length(Geometry g) {
        return g.getDimension() == 1 ? g.getLength() : 0.0;
    }

    private static boolean spatial(String f, Geometry a, Geometry b) {
        return switch (f) {
            case "geo.intersects", "st_intersects" -> a.intersects(b);
            case "st_equals" -> a.equalsTopo(b);
            case "st_disjoint" -> a.disjoint(b);
            case "st_touches" -> a.touches(b);
            case "st_within" -> a.within(b);
            case "st_overlaps" -> a.overlaps(b);
            case "st_crosses" -> a.crosses(b);
            case "st_contains" -> a.contains(b);
            default -> throw new EvaluationError("unknown function '" + f + "'");
        };
    }

    private static Object substring(String s, List<Object> args) {
        Object start = normalise(args.get(1));
        if (!(start instanceof Long from)) {
            throw new EvaluationError("substring needs an integer start");
        }
        int begin = (int) Math.max(0, Math.min(from, s.length()));
        if (args.size() == 2) {
            return s.substring(begin);
        }
        Object length = normalise(args.get(2));
        if (!(length instanceof Long len)) {
            throw new EvaluationError("substring needs an integer length");
        }
        return s.substring(begin, (int) Math.max(begin, Math.min(s.length(), begin + len)));
    }

    private static Object bound(Object v, boolean start) {
        if (v instanceof TimeValue t) {
            Instant at = start || !t.interval() ? t.start() : t.end();
            return at.atOffset(ZoneOffset.UTC);
        }
        return dateTime(start ? "mindatetime" : "maxdatetime", v);
    }

    private static Object rounded(String f, Object v, RoundingMode mode) {
        v = normalise(v);
        if (v instanceof Long) {
            return v;
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString()).setScale(0, mode).doubleValue();
        }
        throw new EvaluationError(f + " needs a number, not " + describe(v));
    }

    private static String string(String f, Object v) {
        v = normalise(v);
        if (v instanceof String s) {
            return s;
        }
        throw new EvaluationError(f + " needs a string, not " + describe(v));
    }

    private static OffsetDateTime dateTime(String f, Object v) {
        v = normalise(v);
        if (v instanceof OffsetDateTime t) {
            return t;
        }
        if (v instanceof TimeValue t && !t.interval()) {
            return t.start().atOffset(ZoneOffset.UTC);
        }
        if (v instanceof TimeValue t) {
            throw new EvaluationError(f + " needs a date-time, not the interval " + t);
        }
        Instant at = instantOf(v);
        if (at != null) {
            return TimeValue.dateTime((String) v);
        }
        throw new EvaluationError(f + " needs a date-time, not " + describe(v));
    }

    private static Geometry geometry(String f, Object v) {
        if (v instanceof Geometry g) {
            return g;
        }
        if (v instanceof JsonNode n) {
            try {
                return GeoJson.geometry(n);
            } catch (IllegalArgumentException e) {
                throw new EvaluationError(f + " needs a geometry: " + e.getMessage());
            }
        }
        throw new EvaluationError(f + " needs a geometry, not " + describe(v));
    }

    private static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof JsonNode n) {
            return "JSON " + n.getNodeType().name().toLowerCase(Locale.ROOT);
        }
        return v.getClass().getSimpleName() + " " + v;
    }

    // ------------------------------------------------------------------- lifting over Many

    private interface Fn1 {
        Object apply(Object v);
    }

    private static Object lift1(Object v, Fn1 f) {
        if (v instanceof Many m) {
            List<Object> out = new ArrayList<>();
            for (Object x : m.values()) {
                out.add(lift1(x, f));
            }
            return new Many(out);
        }
        if (normalise(v) == null) {
            return null;
        }
        return f.apply(v);
    }

    private static Object lift2(Object a, Object b, BiFunction<Object, Object, Object> f) {
        if (a instanceof Many m) {
            List<Object> out = new ArrayList<>();
            for (Object x : m.values()) {
                out.add(lift2(x, b, f));
            }
            return new Many(out);
        }
        if (b instanceof Many m) {
            List<Object> out = new ArrayList<>();
            for (Object y : m.values()) {
                out.add(lift2(a, y, f));
            }
            return new Many(out);
        }
        if (normalise(a) == null || normalise(b) == null) {
            return null;
        }
        return f.apply(a, b);
    }

    private static Object anyPairValue(Object a, Object b, BiFunction<Object, Object, Boolean> f) {
        return lift2(a, b, f::apply);
    }

    private static boolean anyPair(Object a, Object b, BiFunction<Object, Object, Boolean> f) {
        if (a instanceof Many m) {
            return m.values().stream().anyMatch(x -> anyPair(x, b, f));
        }
        if (b instanceof Many m) {
            return m.values().stream().anyMatch(y -> anyPair(a, y, f));
        }
        return Objects.requireNonNullElse(f.apply(a, b), false);
    }
}
