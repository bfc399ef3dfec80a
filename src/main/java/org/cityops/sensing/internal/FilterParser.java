package org.cityops.sensing.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Parses the SensorThings/OData {@code $filter} grammar: a tokenizer followed by recursive
 * descent with the OData precedence (or &lt; and &lt; not &lt; comparison &lt; additive &lt;
 * multiplicative &lt; unary minus &lt; primary). Errors name the position and the token.
 */
final class FilterParser {

    /** A syntax error at a 1-based character position in the expression. */
    static final class SyntaxError extends RuntimeException {
        private final int position;

        SyntaxError(String message, int position) {
            super(message + " at position " + position);
            this.position = position;
        }

        /** Returns the 1-based character position of the offending token. */
        int position() {
            return position;
        }
    }

    /** Functions and the numbers of arguments they accept. */
    static final Map<String, Set<Integer>> FUNCTIONS = Map.ofEntries(
            Map.entry("substringof", Set.of(2)), Map.entry("endswith", Set.of(2)), Map.entry("startswith", Set.of(2)),
            Map.entry("contains", Set.of(2)),
            Map.entry("length", Set.of(1)), Map.entry("indexof", Set.of(2)), Map.entry("substring", Set.of(2, 3)),
            Map.entry("tolower", Set.of(1)), Map.entry("toupper", Set.of(1)), Map.entry("trim", Set.of(1)),
            Map.entry("concat", Set.of(2)),
            Map.entry("year", Set.of(1)), Map.entry("month", Set.of(1)), Map.entry("day", Set.of(1)),
            Map.entry("hour", Set.of(1)), Map.entry("minute", Set.of(1)), Map.entry("second", Set.of(1)),
            Map.entry("fractionalseconds", Set.of(1)), Map.entry("date", Set.of(1)), Map.entry("time", Set.of(1)),
            Map.entry("totaloffsetminutes", Set.of(1)), Map.entry("now", Set.of(0)),
            Map.entry("mindatetime", Set.of(0, 1)), Map.entry("maxdatetime", Set.of(0, 1)),
            Map.entry("round", Set.of(1)), Map.entry("floor", Set.of(1)), Map.entry("ceiling", Set.of(1)),
            Map.entry("geo.distance", Set.of(2)), Map.entry("geo.length", Set.of(1)),
            Map.entry("geo.intersects", Set.of(2)),
            Map.entry("st_equals", Set.of(2)), Map.entry("st_disjoint", Set.of(2)), Map.entry("st_touches", Set.of(2)),
            Map.entry("st_within", Set.of(2)), Map.entry("st_overlaps", Set.of(2)), Map.entry("st_crosses", Set.of(2)),
            Map.entry("st_intersects", Set.of(2)), Map.entry("st_contains", Set.of(2)), Map.entry("st_relate", Set.of(3)));

    private static final Set<String> COMPARISONS = Set.of("eq", "ne", "gt", "ge", "lt", "le");
    private static final Set<String> ADDITIVE = Set.of("add", "sub");
    private static final Set<String> MULTIPLICATIVE = Set.of("mul", "div", "mod");

    enum TokenKind { WORD, STRING, NUMBER, DATETIME, TYPED, OPEN, CLOSE, COMMA, MINUS, END }

    /** One token: kind, text (for {@link TokenKind#TYPED} the prefix), value and 1-based position. */
    record Token(TokenKind kind, String text, Object value, int position) {
        String shown() {
            return kind == TokenKind.END ? "end of expression" : "'" + text + "'";
        }
    }

    private final List<Token> tokens;
    private int next;

    private FilterParser(String text) {
        this.tokens = tokenize(text);
    }

    /** Returns the expression tree of a {@code $filter} value, or throws a {@link SyntaxError}. */
    static Expr parse(String text) {
        FilterParser parser = new FilterParser(text);
        if (parser.peek().kind() == TokenKind.END) {
            throw new SyntaxError("empty expression", 1);
        }
        Expr e = parser.or();
        parser.expectEnd();
        return e;
    }

    /** Returns the expression of one {@code $orderby} item (without its direction). */
    static Expr parseOperand(String text) {
        FilterParser parser = new FilterParser(text);
        Expr e = parser.additive();
        parser.expectEnd();
        return e;
    }

    private void expectEnd() {
        Token t = peek();
        if (t.kind() != TokenKind.END) {
            throw new SyntaxError("unexpected token " + t.shown(), t.position());
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        return tokens.get(next++);
    }

    private boolean word(String w) {
        Token t = peek();
        return t.kind() == TokenKind.WORD && t.text().equals(w);
    }

    private Expr or() {
        Expr left = and();
        while (word("or")) {
            take();
            left = new Expr.Binary("or", left, and());
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (word("and")) {
            take();
            left = new Expr.Binary("and", left, not());
        }
        return left;
    }

    // "not" binds looser than comparison so that "not name eq 'x'" means what it reads as
    private Expr not() {
        if (word("not")) {
            take();
            return new Expr.Unary("not", not());
        }
        return comparison();
    }

    private Expr comparison() {
        Expr left = additive();
        Token t = peek();
        if (t.kind() == TokenKind.WORD && COMPARISONS.contains(t.text())) {
            take();
            left = new Expr.Binary(t.text(), left, additive());
            Token after = peek();
            if (after.kind() == TokenKind.WORD && COMPARISONS.contains(after.text())) {
                throw new SyntaxError("comparisons cannot be chained: unexpected " + after.shown(), after.position());
            }
        }
        return left;
    }

    Expr additive() {
        Expr left = multiplicative();
        while (peek().kind() == TokenKind.WORD && ADDITIVE.contains(peek().text())) {
            String op = take().text();
            left = new Expr.Binary(op, left, multiplicative());
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = unary();
        while (peek().kind() == TokenKind.WORD && MULTIPLICATIVE.contains(peek().text())) {
            String op = take().text();
            left = new Expr.Binary(op, left, unary());
        }
        return left;
    }

    private Expr unary() {
        if (peek().kind() == TokenKind.MINUS) {
            take();
            return new Expr.Unary("-", unary());
        }
        return primary();
    }

    private Expr primary() {
        Token t = take();
        switch (t.kind()) {
            case OPEN -> {
                Expr inner = or();
                Token close = take();
                if (close.kind() != TokenKind.CLOSE) {
                    throw new SyntaxError("expected ')' but found " + close.shown(), close.position());
                }
                return inner;
            }
            case STRING, NUMBER, DATETIME, TYPED -> {
                return new Expr.Literal(t.value());
            }
            case WORD -> {
                return word(t);
            }
            default -> throw new SyntaxError("unexpected token " + t.shown(), t.position());
        }
    }

    private Expr word(Token t) {
        String w = t.text();
        switch (w) {
            case "true" -> { return new Expr.Literal(Boolean.TRUE); }
            case "false" -> { return new Expr.Literal(Boolean.FALSE); }
            case "null" -> { return new Expr.Literal(null); }
            default -> { }
        }
        if (peek().kind() == TokenKind.OPEN) {
            String function = w.toLowerCase(Locale.ROOT);
            Set<Integer> arities = FUNCTIONS.get(function);
            if (arities == null) {
                throw new SyntaxError("unknown function '" + w + "'", t.position());
            }
            take();
            List<Expr> args = new ArrayList<>();
            if (peek().kind() != TokenKind.CLOSE) {
                args.add(or());
                while (peek().kind() == TokenKind.COMMA) {
                    take();
                    args.add(or());
                }
            }
            Token close = take();
            if (close.kind() != TokenKind.CLOSE) {
                throw new SyntaxError("expected ',' or ')' in " + function + "(…) but found " + close.shown(),
                        close.position());
            }
            if (!arities.contains(args.size())) {
                throw new SyntaxError(function + " takes " + arities + " argument(s), not " + args.size(), t.position());
            }
            return new Expr.Call(function, args, t.position());
        }
        if (COMPARISONS.contains(w) || ADDITIVE.contains(w) || MULTIPLICATIVE.contains(w)
                || w.equals("and") || w.equals("or") || w.equals("not")) {
            throw new SyntaxError("operator '" + w + "' needs an operand before it", t.position());
        }
        List<String> segments = List.of(w.split("/", -1));
        if (segments.stream().anyMatch(String::isEmpty)) {
            throw new SyntaxError("malformed property path '" + w + "'", t.position());
        }
        return new Expr.Path(segments);
    }

    // ---------------------------------------------------------------- tokenizer

    static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            int pos = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                out.add(new Token(TokenKind.OPEN, "(", null, pos));
                i++;
            } else if (c == ')') {
                out.add(new Token(TokenKind.CLOSE, ")", null, pos));
                i++;
            } else if (c == ',') {
                out.add(new Token(TokenKind.COMMA, ",", null, pos));
                i++;
            } else if (c == '\'') {
                int[] end = new int[1];
                String value = quoted(s, i, end);
                out.add(new Token(TokenKind.STRING, s.substring(i, end[0]), value, pos));
                i = end[0];
            } else if (c == '-' && (i + 1 >= n || !Character.isDigit(s.charAt(i + 1)) || operandBefore(out))) {
                out.add(new Token(TokenKind.MINUS, "-", null, pos));
                i++;
            } else if (Character.isDigit(c) || c == '-') {
                int j = i + 1;
                while (j < n && !Character.isWhitespace(s.charAt(j)) && s.charAt(j) != ')' && s.charAt(j) != ','
                        && s.charAt(j) != '(') {
                    j++;
                }
                String text = s.substring(i, j);
                out.add(numberOrTemporal(text, pos));
                i = j;
            } else if (Character.isLetter(c) || c == '_' || c == '@' || c == '$') {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || "_./@$:".indexOf(s.charAt(j)) >= 0)) {
                    j++;
                }
                String text = s.substring(i, j);
                if (j < n && s.charAt(j) == '\'') {
                    int[] end = new int[1];
                    String body = quoted(s, j, end);
                    out.add(new Token(TokenKind.TYPED, s.substring(i, end[0]), typed(text, body, pos), pos));
                    i = end[0];
                } else {
                    out.add(new Token(TokenKind.WORD, text, null, pos));
                    i = j;
                }
            } else {
                throw new SyntaxError("unexpected character '" + c + "'", pos);
            }
        }
        out.add(new Token(TokenKind.END, "", null, n + 1));
        return out;
    }

    private static boolean operandBefore(List<Token> out) {
        if (out.isEmpty()) {
            return false;
        }
        TokenKind k = out.get(out.size() - 1).kind();
        return k == TokenKind.CLOSE || k == TokenKind.NUMBER || k == TokenKind.STRING || k == TokenKind.DATETIME
                || (k == TokenKind.WORD && !isOperatorWord(out.get(out.size() - 1).text()));
    }

    private static boolean isOperatorWord(String w) {
        return COMPARISONS.contains(w) || ADDITIVE.contains(w) || MULTIPLICATIVE.contains(w)
                || w.equals("and") || w.equals("or") || w.equals("not");
    }

    /** Reads a single-quoted string starting at {@code start}; a doubled quote stands for one quote. */
    private static String quoted(String s, int start, int[] end) {
        StringBuilder b = new StringBuilder();
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                    b.append('\'');
                    i += 2;
                    continue;
                }
                end[0] = i + 1;
                return b.toString();
            }
            b.append(c);
            i++;
        }
        throw new SyntaxError("unterminated string", start + 1);
    }

    private static Token numberOrTemporal(String text, int pos) {
        if (text.matches("-?\\d{4}-\\d{2}-\\d{2}T.*")) {
            try {
                return new Token(TokenKind.DATETIME, text, TimeValue.dateTime(text), pos);
            } catch (DateTimeParseException e) {
                throw new SyntaxError("invalid date/time '" + text + "'", pos);
            }
        }
        if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
            try {
                return new Token(TokenKind.DATETIME, text, LocalDate.parse(text), pos);
            } catch (DateTimeParseException e) {
                throw new SyntaxError("invalid date '" + text + "'", pos);
            }
        }
        if (text.matches("\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?")) {
            return new Token(TokenKind.DATETIME, text, LocalTime.parse(text), pos);
        }
        try {
            if (text.matches("-?\\d+")) {
                return new Token(TokenKind.NUMBER, text, Long.parseLong(text), pos);
            }
            if (text.matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?[dDmMfF]?")) {
                String digits = text.replaceAll("[dDmMfF]$", "");
                return new Token(TokenKind.NUMBER, text, Double.parseDouble(digits), pos);
            }
        } catch (NumberFormatException e) {
            throw new SyntaxError("number out of range '" + text + "'", pos);
        }
        throw new SyntaxError("invalid literal '" + text + "'", pos);
    }

    private static Object typed(String prefix, String body, int pos) {
        switch (prefix.toLowerCase(Locale.ROOT)) {
            case "geography", "geometry" -> {
                String wkt = body.replaceFirst("^(?i)SRID=\\d+;", "");
                try {
                    Geometry g = new WKTReader().read(wkt);
                    return g;
                } catch (ParseException e) {
                    throw new SyntaxError("invalid " + prefix + " literal '" + body + "': " + e.getMessage(), pos);
                }
            }
            case "duration" -> {
                try {
                    return Duration.parse(body);
                } catch (DateTimeParseException e) {
                    throw new SyntaxError("invalid duration '" + body + "' (use days, hours, minutes, seconds)", pos);
                }
            }
            default -> throw new SyntaxError("unknown literal type '" + prefix + "'", pos);
        }
    }
}
