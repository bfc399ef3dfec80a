package org.cityops.sensing.internal;

import java.util.List;

/** A parsed {@code $filter} or {@code $orderby} expression. */
sealed interface Expr {

    /** A literal: {@code null}, Boolean, Long, Double, String, OffsetDateTime, LocalDate, LocalTime, Duration or Geometry. */
    record Literal(Object value) implements Expr {
    }

    /** A property path such as {@code Datastream/ObservedProperty/name} or {@code properties/owner}. */
    record Path(List<String> segments) implements Expr {
        @Override
        public String toString() {
            return String.join("/", segments);
        }
    }

    /** A binary operator: comparison, logical or arithmetic. */
    record Binary(String operator, Expr left, Expr right) implements Expr {
    }

    /** Logical {@code not} or arithmetic negation ({@code -}). */
    record Unary(String operator, Expr operand) implements Expr {
    }

    /** A function call such as {@code substringof('a', name)} or {@code geo.distance(location, geography'POINT(1 2)')}. */
    record Call(String function, List<Expr> arguments, int position) implements Expr {
    }
}
