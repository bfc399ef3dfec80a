package org.cityops.sensing.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Translates the common, simple part of {@code $filter} and {@code $orderby} to portable SQL so
 * large sets (a datastream's observations) are filtered, sorted and paged by the database:
 * {@code and}/{@code or}/{@code not} over comparisons of {@code id} or a time property with a
 * literal, of a to-one relation's id ({@code Datastream/id eq 5}), {@code eq}/{@code ne} of a text
 * property with a string, and ordering by {@code id} or
 * a time property. Anything else is left to the Java evaluator, which gives the same answers.
 */
final class SqlTranslation {

    /**
     * SQL for one query.
     *
     * @param where   a condition over the entity's columns ({@code 1 = 1} without a filter)
     * @param params  the condition's parameters in order
     * @param orderBy the sort keys, ending with {@code id} so pages are stable
     */
    record Plan(String where, List<Object> params, String orderBy) {
    }

    private static final Set<String> COMPARISONS = Set.of("eq", "ne", "gt", "ge", "lt", "le");

    private SqlTranslation() {
    }

    /** Returns the SQL for the filter and order, or empty when some part needs the Java evaluator. */
    static Optional<Plan> of(EntityType type, Expr filter, List<QueryOptions.Order> orders) {
        List<Object> params = new ArrayList<>();
        String where = filter == null ? "1 = 1" : condition(type, filter, params);
        if (where == null) {
            return Optional.empty();
        }
        List<String> keys = new ArrayList<>();
        for (QueryOptions.Order o : orders) {
            String column = sortColumn(type, o.expression());
            if (column == null) {
                return Optional.empty();
            }
            // nulls sort as the largest value, as the Java comparator does
            keys.add(column + (o.descending() ? " desc nulls first" : " asc nulls last"));
        }
        keys.add("id asc");
        return Optional.of(new Plan(where, List.copyOf(params), String.join(", ", keys)));
    }

    private static String condition(EntityType type, Expr e, List<Object> params) {
        if (e instanceof Expr.Binary b && (b.operator().equals("and") || b.operator().equals("or"))) {
            String left = condition(type, b.left(), params);
            String right = left == null ? null : condition(type, b.right(), params);
            return right == null ? null : "(" + left + " " + b.operator() + " " + right + ")";
        }
        if (e instanceof Expr.Unary u && u.operator().equals("not")) {
            String inner = condition(type, u.operand(), params);
            return inner == null ? null : "not (" + inner + ")";
        }
        if (e instanceof Expr.Binary b && COMPARISONS.contains(b.operator())) {
            if (b.left() instanceof Expr.Path p && b.right() instanceof Expr.Literal l) {
                return comparison(type, p, b.operator(), l.value(), params);
            }
            if (b.right() instanceof Expr.Path p && b.left() instanceof Expr.Literal l) {
                return comparison(type, p, mirror(b.operator()), l.value(), params);
            }
        }
        return null;
    }

    private static String mirror(String op) {
        return switch (op) {
            case "gt" -> "lt";
            case "ge" -> "le";
            case "lt" -> "gt";
            case "le" -> "ge";
            default -> op;
        };
    }

    private static String comparison(EntityType type, Expr.Path path, String op, Object value, List<Object> params) {
        if (path.segments().size() == 2 && (path.segments().get(1).equals("id") || path.segments().get(1).equals("@iot.id"))) {
            return relatedId(type, path.segments().get(0), op, value, params);
        }
        if (path.segments().size() != 1) {
            return null;
        }
        String name = path.segments().get(0);
        if (name.equals("id") || name.equals("@iot.id")) {
            if (!(value instanceof Long id)) {
                return null;
            }
            params.add(id);
            return "id " + sql(op) + " ?";
        }
        EntityType.Property p = type.property(name).orElse(null);
        if (p == null) {
            return null;
        }
        if (value == null) {
            String column = p.kind() == EntityType.Kind.TIME ? p.column() + "_start" : p.column();
            return switch (op) {
                case "eq" -> column + " is null";
                case "ne" -> column + " is not null";
                default -> "1 = 0";
            };
        }
        return switch (p.kind()) {
            case TEXT -> {
                // only equality: ordering of text depends on the database's collation
                if (!(value instanceof String s) || !(op.equals("eq") || op.equals("ne"))) {
                    yield null;
                }
                params.add(s);
                yield op.equals("eq") ? p.column() + " = ?" : "(" + p.column() + " is null or " + p.column() + " <> ?)";
            }
            case INSTANT -> {
                OffsetDateTime t = instant(value);
                if (t == null) {
                    yield null;
                }
                params.add(t);
                yield op.equals("ne") ? "(" + p.column() + " is null or " + p.column() + " <> ?)"
                        : "(" + p.column() + " is not null and " + p.column() + " " + sql(op) + " ?)";
            }
            case TIME -> time(p.column(), op, value, params);
            case JSON -> null;
        };
    }

    /** Compares the id of a to-one relation stored on this entity ({@code Datastream/id eq 5}) through its column. */
    private static String relatedId(EntityType type, String navigation, String op, Object value, List<Object> params) {
        EntityType.Navigation nav = type.navigation(navigation).orElse(null);
        if (nav == null || nav.storage() != EntityType.Storage.OWN_COLUMN || !(value instanceof Long id)) {
            return null;
        }
        params.add(id);
        return op.equals("ne") ? "(" + nav.column() + " is null or " + nav.column() + " <> ?)"
                : "(" + nav.column() + " is not null and " + nav.column() + " " + sql(op) + " ?)";
    }

    /** Compares an instant-or-interval column pair with an instant the way the Java evaluator does. */
    private static String time(String column, String op, Object value, List<Object> params) {
        OffsetDateTime t = instant(value);
        if (t == null) {
            return null;
        }
        String start = column + "_start";
        String end = "coalesce(" + column + "_end, " + column + "_start)";
        String equal = "(" + start + " = ? and " + end + " = ?)";
        // every condition is true or false, never unknown, so "not" agrees with the Java evaluator
        switch (op) {
            case "eq" -> {
                params.add(t);
                params.add(t);
                return "(" + start + " is not null and " + equal + ")";
            }
            case "ne" -> {
                params.add(t);
                params.add(t);
                return "(" + start + " is null or not " + equal + ")";
            }
            case "gt", "ge" -> {
                params.add(t);
                return "(" + start + " is not null and " + start + " " + sql(op) + " ?)";
            }
            default -> {
                params.add(t);
                return "(" + start + " is not null and " + end + " " + sql(op) + " ?)";
            }
        }
    }

    private static OffsetDateTime instant(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof String s) {
            try {
                Instant at = TimeValue.dateTime(s).toInstant();
                return at.atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    private static String sortColumn(EntityType type, Expr e) {
        if (!(e instanceof Expr.Path p) || p.segments().size() != 1) {
            return null;
        }
        String name = p.segments().get(0);
        if (name.equals("id") || name.equals("@iot.id")) {
            return "id";
        }
        return type.property(name).map(prop -> switch (prop.kind()) {
            case INSTANT -> prop.column();
            case TIME -> prop.column() + "_start";
            default -> null;
        }).orElse(null);
    }

    private static String sql(String op) {
        return switch (op) {
            case "eq" -> "=";
            case "ne" -> "<>";
            case "gt" -> ">";
            case "ge" -> ">=";
            case "lt" -> "<";
            default -> "<=";
        };
    }
}
