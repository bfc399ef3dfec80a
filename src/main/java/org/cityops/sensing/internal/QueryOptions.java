package org.cityops.sensing.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cityops.platform.ProblemException;

/**
 * The query options of one request or of one {@code $expand} item: {@code $filter},
 * {@code $orderby}, {@code $top}, {@code $skip}, {@code $count}, {@code $select} and {@code $expand}.
 *
 * @param filter  the parsed filter, or {@code null}
 * @param orderBy the sort keys in order
 * @param top     the page size asked for, or {@code null} for the server's
 * @param skip    how many to skip
 * @param count   whether to report {@code @iot.count}
 * @param select  the properties to show, empty for all
 * @param expand  the relations to show inline
 * @param dataArray whether Observations are answered in the Data Array format ({@code $resultFormat=dataArray})
 */
record QueryOptions(Expr filter, List<Order> orderBy, Integer top, int skip, boolean count, List<String> select,
                    List<Expand> expand, boolean dataArray) {

    /** One sort key. */
    record Order(Expr expression, boolean descending) {
    }

    /** One relation to expand, with its own options. */
    record Expand(String navigation, QueryOptions options) {
    }

    static final QueryOptions NONE = new QueryOptions(null, List.of(), null, 0, false, List.of(), List.of(), false);

    /**
     * Returns the options of a request's query parameters (already URL-decoded); parameters not
     * starting with {@code $} are ignored, unknown {@code $} options are refused.
     */
    static QueryOptions parse(Map<String, String> parameters) {
        Map<String, String> options = new LinkedHashMap<>();
        parameters.forEach((k, v) -> {
            if (k.startsWith("$")) {
                options.put(k, v);
            }
        });
        return of(options, "");
    }

    private static QueryOptions of(Map<String, String> options, String prefix) {
        Expr filter = null;
        List<Order> orderBy = List.of();
        Integer top = null;
        int skip = 0;
        boolean count = false;
        List<String> select = List.of();
        List<Expand> expand = new ArrayList<>();
        boolean dataArray = false;
        for (Map.Entry<String, String> o : options.entrySet()) {
            String name = prefix + o.getKey();
            String v = o.getValue() == null ? "" : o.getValue().trim();
            switch (o.getKey()) {
                case "$filter" -> {
                    try {
                        filter = FilterParser.parse(v);
                    } catch (FilterParser.SyntaxError e) {
                        throw ProblemException.BadRequest.field(name, e.getMessage());
                    }
                }
                case "$orderby" -> orderBy = orderBy(name, v);
                case "$top" -> top = nonNegative(name, v);
                case "$skip" -> skip = nonNegative(name, v);
                case "$count" -> {
                    if (!v.equals("true") && !v.equals("false")) {
                        throw ProblemException.BadRequest.field(name, "must be true or false, not '" + v + "'");
                    }
                    count = v.equals("true");
                }
                case "$select" -> select = select(name, v);
                case "$expand" -> {
                    for (String item : split(name, v, ',')) {
                        expand.add(expandItem(name, item.trim()));
                    }
                }
                case "$resultFormat" -> {
                    if (!prefix.isEmpty() || !v.equals("dataArray")) {
                        throw ProblemException.BadRequest.field(name, "only dataArray is supported, on a request's Observations");
                    }
                    dataArray = true;
                }
                default -> throw ProblemException.BadRequest.field(name, "is not a supported query option");
            }
        }
        return new QueryOptions(filter, orderBy, top, skip, count, select, List.copyOf(merge(expand)), dataArray);
    }

    private static List<Expand> merge(List<Expand> items) {
        // "Datastreams,Datastreams/Sensor" expands Datastreams once with Sensor inside
        Map<String, Expand> byName = new LinkedHashMap<>();
        for (Expand e : items) {
            byName.merge(e.navigation(), e, (a, b) -> new Expand(a.navigation(), combine(a.options(), b.options())));
        }
        return new ArrayList<>(byName.values());
    }

    private static QueryOptions combine(QueryOptions a, QueryOptions b) {
        List<Expand> nested = new ArrayList<>(a.expand());
        nested.addAll(b.expand());
        return new QueryOptions(a.filter() != null ? a.filter() : b.filter(),
                a.orderBy().isEmpty() ? b.orderBy() : a.orderBy(), a.top() != null ? a.top() : b.top(),
                Math.max(a.skip(), b.skip()), a.count() || b.count(),
                a.select().isEmpty() ? b.select() : a.select(), merge(nested), false);
    }

    private static Expand expandItem(String name, String item) {
        if (item.isEmpty()) {
            throw ProblemException.BadRequest.field(name, "has an empty item");
        }
        int open = item.indexOf('(');
        String path = open < 0 ? item : item.substring(0, open).trim();
        QueryOptions nested = NONE;
        if (open >= 0) {
            if (!item.endsWith(")")) {
                throw ProblemException.BadRequest.field(name, "unbalanced parentheses in '" + item + "'");
            }
            Map<String, String> inner = new LinkedHashMap<>();
            for (String part : split(name, item.substring(open + 1, item.length() - 1), ';')) {
                int eq = part.indexOf('=');
                if (eq < 0) {
                    throw ProblemException.BadRequest.field(name, "expected $option=value in '" + part + "'");
                }
                inner.put(part.substring(0, eq).trim(), part.substring(eq + 1));
            }
            nested = of(inner, name + "(" + path + ")/");
        }
        String[] segments = path.split("/");
        QueryOptions options = nested;
        for (int i = segments.length - 1; i > 0; i--) {
            options = new QueryOptions(null, List.of(), null, 0, false, List.of(),
                    List.of(new Expand(segments[i], options)), false);
        }
        return new Expand(segments[0], options);
    }

    /** Splits at the separator outside parentheses and quoted strings. */
    private static List<String> split(String name, String v, char separator) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
                if (depth < 0) {
                    throw ProblemException.BadRequest.field(name, "unbalanced ')' at position " + (i + 1));
                }
            } else if (!quoted && depth == 0 && c == separator) {
                out.add(v.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0 || quoted) {
            throw ProblemException.BadRequest.field(name, "unbalanced parentheses or quotes");
        }
        out.add(v.substring(start));
        return out;
    }

    private static List<Order> orderBy(String name, String v) {
        List<Order> out = new ArrayList<>();
        for (String item : split(name, v, ',')) {
            String t = item.trim();
            boolean descending = false;
            String lower = t.toLowerCase(Locale.ROOT);
            if (lower.endsWith(" desc")) {
                descending = true;
                t = t.substring(0, t.length() - 5).trim();
            } else if (lower.endsWith(" asc")) {
                t = t.substring(0, t.length() - 4).trim();
            }
            try {
                out.add(new Order(FilterParser.parseOperand(t), descending));
            } catch (FilterParser.SyntaxError e) {
                throw ProblemException.BadRequest.field(name, e.getMessage() + " in '" + item.trim() + "'");
            }
        }
        return List.copyOf(out);
    }

    private static List<String> select(String name, String v) {
        List<String> out = new ArrayList<>();
        for (String item : v.split(",")) {
            String t = item.trim();
            if (t.isEmpty()) {
                throw ProblemException.BadRequest.field(name, "has an empty item");
            }
            out.add(t);
        }
        return List.copyOf(out);
    }

    private static int nonNegative(String name, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the offending text
        }
        throw ProblemException.BadRequest.field(name, "must be a non-negative integer, not '" + v + "'");
    }
}
