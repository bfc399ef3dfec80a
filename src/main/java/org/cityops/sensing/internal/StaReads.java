package org.cityops.sensing.internal;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.cityops.platform.ProblemException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers SensorThings reads: entity sets with {@code $filter}/{@code $orderby} evaluated in
 * Java over the candidates in scope (at most {@code maxScan}), server-driven paging, and the
 * rendering of entities with self and navigation links, {@code $select} and nested {@code $expand}.
 */
@Service
@Transactional(readOnly = true)
class StaReads {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final StaStore store;
    private final Clock clock;
    private final SensingSettings settings;

    StaReads(StaStore store, Clock clock, SensingSettings settings) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
    }

    /** One page of a collection. */
    record Page(List<Entity> entities, Long count, boolean more, int top, int skip) {
    }

    /** Returns the entity or throws 404 naming it. */
    Entity require(EntityType type, long id) {
        return store.find(type, id).orElseThrow(() ->
                new ProblemException.NotFound("No " + type.singular() + " with @iot.id " + id));
    }

    /** Returns whether the entity with the id is among those in scope (e.g. a Datastream of a given Thing). */
    boolean inScope(EntityType type, StaStore.Scope scope, long id) {
        return store.inScope(type, scope, id);
    }

    /** Returns one page of the entities in scope that match the options. */
    Page page(EntityType type, StaStore.Scope scope, QueryOptions o) {
        check(type, o);
        int top = Math.min(o.top() == null ? settings.maxTop() : o.top(), settings.maxTop());
        int skip = o.skip();
        if (o.filter() == null && o.orderBy().isEmpty()) {
            List<Entity> rows = store.list(type, scope, skip, top + 1L);
            // with $top=0 only the count is wanted: a next link would lead nowhere new
            boolean more = top > 0 && rows.size() > top;
            Long count = o.count() ? store.count(type, scope) : null;
            return new Page(more ? rows.subList(0, top) : rows, count, more, top, skip);
        }
        Optional<SqlTranslation.Plan> plan = StaStore.linked(scope) ? Optional.empty()
                : SqlTranslation.of(type, o.filter(), o.orderBy());
        if (plan.isPresent()) {
            List<Entity> rows = store.list(type, scope, plan.get(), skip, top + 1L);
            boolean more = top > 0 && rows.size() > top;
            Long count = o.count() ? store.count(type, scope, plan.get()) : null;
            return new Page(more ? rows.subList(0, top) : rows, count, more, top, skip);
        }
        List<Entity> candidates = store.list(type, scope, 0, settings.maxScan() + 1L);
        if (candidates.size() > settings.maxScan()) {
            throw ProblemException.BadRequest.field("$filter", "this request would evaluate more than "
                    + settings.maxScan() + " " + type.plural() + " in memory: narrow it, e.g. through a Datastream");
        }
        FilterEvaluator evaluator = evaluator();
        List<Entity> matching = new ArrayList<>();
        try {
            for (Entity e : candidates) {
                if (o.filter() == null || evaluator.test(o.filter(), e)) {
                    matching.add(e);
                }
            }
            if (!o.orderBy().isEmpty()) {
                matching.sort(comparator(o.orderBy(), evaluator));
            }
        } catch (FilterEvaluator.EvaluationError e) {
            throw ProblemException.BadRequest.field(o.filter() != null ? "$filter" : "$orderby", e.getMessage());
        } catch (ArithmeticException e) {
            throw ProblemException.BadRequest.field("$filter", "arithmetic overflow: " + e.getMessage());
        }
        int from = Math.min(skip, matching.size());
        int to = (int) Math.min((long) from + top, matching.size());
        return new Page(List.copyOf(matching.subList(from, to)), o.count() ? (long) matching.size() : null,
                top > 0 && to < matching.size(), top, skip);
    }

    private static Comparator<Entity> comparator(List<QueryOptions.Order> orders, FilterEvaluator evaluator) {
        Map<Entity, List<Object>> keys = new HashMap<>();
        return (a, b) -> {
            List<Object> ka = keys.computeIfAbsent(a, e -> orders.stream().map(o -> evaluator.evaluate(o.expression(), e)).toList());
            List<Object> kb = keys.computeIfAbsent(b, e -> orders.stream().map(o -> evaluator.evaluate(o.expression(), e)).toList());
            for (int i = 0; i < orders.size(); i++) {
                int c = compareKeys(ka.get(i), kb.get(i));
                if (c != 0) {
                    return orders.get(i).descending() ? -c : c;
                }
            }
            return Long.compare(a.id(), b.id());
        };
    }

    private static int compareKeys(Object a, Object b) {
        a = sortable(a);
        b = sortable(b);
        if (a == null || b == null) {
            // nulls sort last ascending, as the database does here
            return a == null && b == null ? 0 : a == null ? 1 : -1;
        }
        Integer c = FilterEvaluator.order(a, b);
        return c == null ? a.toString().compareTo(b.toString()) : c;
    }

    private static Object sortable(Object v) {
        if (v instanceof FilterEvaluator.Many m) {
            return m.values().isEmpty() ? null : sortable(m.values().get(0));
        }
        if (v instanceof TimeValue t) {
            return t.start().atOffset(ZoneOffset.UTC);
        }
        return FilterEvaluator.normalise(v);
    }

    /** Returns an evaluator whose path resolution reads related entities once per request. */
    FilterEvaluator evaluator() {
        Map<String, Optional<Entity>> single = new HashMap<>();
        Map<String, List<Entity>> many = new HashMap<>();
        return new FilterEvaluator(clock, new FilterEvaluator.PathResolver() {
            @Override
            public Object resolve(Entity entity, List<String> path) {
                String head = path.get(0);
                List<String> rest = path.subList(1, path.size());
                if (head.equals("id") || head.equals("@iot.id")) {
                    return entity.id();
                }
                Optional<EntityType.Navigation> nav = entity.type().navigation(head);
                if (nav.isPresent()) {
                    EntityType.Navigation n = nav.get();
                    if (!n.toMany()) {
                        Long id = entity.links().get(n.name());
                        if (id == null) {
                            return null;
                        }
                        Optional<Entity> target = single.computeIfAbsent(n.targetName() + id,
                                k -> store.find(n.target(), id));
                        return target.map(t -> rest.isEmpty() ? t.id() : resolve(t, rest)).orElse(null);
                    }
                    List<Entity> targets = many.computeIfAbsent(entity.type() + "/" + entity.id() + "/" + n.name(),
                            k -> store.list(n.target(), new StaStore.Scope(entity.type(), entity.id(), n), 0,
                                    settings.maxScan()));
                    List<Object> values = new ArrayList<>();
                    for (Entity t : targets) {
                        Object v = rest.isEmpty() ? t.id() : resolve(t, rest);
                        if (v instanceof FilterEvaluator.Many m) {
                            values.addAll(m.values());
                        } else {
                            values.add(v);
                        }
                    }
                    return new FilterEvaluator.Many(values);
                }
                Object value = entity.values().get(head);
                for (String segment : rest) {
                    if (!(value instanceof JsonNode node)) {
                        return null;
                    }
                    value = node.isArray() && segment.matches("\\d+") ? node.get(Integer.parseInt(segment))
                            : node.get(segment);
                }
                return value;
            }
        });
    }

    /** Refuses paths that name no property or relation of the type (checked before any row is read). */
    static void check(EntityType type, QueryOptions o) {
        if (o.filter() != null) {
            checkExpr(type, o.filter(), "$filter");
        }
        for (QueryOptions.Order order : o.orderBy()) {
            checkExpr(type, order.expression(), "$orderby");
        }
        for (QueryOptions.Expand e : o.expand()) {
            EntityType.Navigation nav = type.navigation(e.navigation()).orElseThrow(() ->
                    ProblemException.BadRequest.field("$expand", type.singular() + " has no relation '"
                            + e.navigation() + "'"));
            check(nav.target(), e.options());
        }
        for (String s : o.select()) {
            if (!selectable(type, s)) {
                throw ProblemException.BadRequest.field("$select", type.singular() + " has no property '" + s + "'");
            }
        }
    }

    private static boolean selectable(EntityType type, String s) {
        return Set.of("id", "@iot.id", "selfLink", "@iot.selfLink").contains(s) || type.property(s).isPresent()
                || type.navigation(s).isPresent();
    }

    private static void checkExpr(EntityType type, Expr e, String option) {
        if (e instanceof Expr.Path p) {
            checkPath(type, p.segments(), p.toString(), option);
        } else if (e instanceof Expr.Binary b) {
            checkExpr(type, b.left(), option);
            checkExpr(type, b.right(), option);
        } else if (e instanceof Expr.Unary u) {
            checkExpr(type, u.operand(), option);
        } else if (e instanceof Expr.Call c) {
            c.arguments().forEach(a -> checkExpr(type, a, option));
        }
    }

    private static void checkPath(EntityType type, List<String> path, String whole, String option) {
        String head = path.get(0);
        if (head.equals("id") || head.equals("@iot.id")) {
            if (path.size() > 1) {
                throw ProblemException.BadRequest.field(option, "'" + whole + "': id has no members");
            }
            return;
        }
        Optional<EntityType.Navigation> nav = type.navigation(head);
        if (nav.isPresent()) {
            if (path.size() > 1) {
                checkPath(nav.get().target(), path.subList(1, path.size()), whole, option);
            }
            return;
        }
        Optional<EntityType.Property> property = type.property(head);
        if (property.isEmpty()) {
            throw ProblemException.BadRequest.field(option, "'" + whole + "': " + type.singular()
                    + " has no property or relation '" + head + "'");
        }
        if (path.size() > 1 && property.get().kind() != EntityType.Kind.JSON) {
            throw ProblemException.BadRequest.field(option, "'" + whole + "': " + head + " has no members");
        }
    }

    // ------------------------------------------------------------------ rendering

    /** Returns the JSON of one entity with links, selection and expansions. */
    ObjectNode render(Entity e, String base, Version version, QueryOptions o) {
        ObjectNode out = NODES.objectNode();
        Set<String> select = Set.copyOf(o.select());
        boolean all = select.isEmpty();
        String self = base + "/" + e.type().plural() + "(" + e.id() + ")";
        if (all || select.contains("id") || select.contains("@iot.id")) {
            out.put("@iot.id", e.id());
        }
        if (all || select.contains("selfLink") || select.contains("@iot.selfLink")) {
            out.put("@iot.selfLink", self);
        }
        for (EntityType.Property p : e.type().properties()) {
            if (p.since11() && version == Version.V1_0 && e.values().get(p.name()) == null) {
                continue;
            }
            if (all || select.contains(p.name())) {
                out.set(p.name(), json(e.values().get(p.name())));
            }
        }
        for (EntityType.Navigation n : e.type().navigations()) {
            if (all || select.contains(n.name())) {
                out.put(n.name() + "@iot.navigationLink", self + "/" + n.name());
            }
        }
        for (QueryOptions.Expand x : o.expand()) {
            EntityType.Navigation n = e.type().navigation(x.navigation()).orElseThrow();
            if (!n.toMany()) {
                Long id = e.links().get(n.name());
                Optional<Entity> target = id == null ? Optional.empty() : store.find(n.target(), id);
                target.ifPresent(t -> out.set(n.name(), render(t, base, version, x.options())));
                continue;
            }
            Page page = page(n.target(), new StaStore.Scope(e.type(), e.id(), n), x.options());
            ArrayNode list = out.putArray(n.name());
            page.entities().forEach(t -> list.add(render(t, base, version, x.options())));
            if (page.count() != null) {
                out.put(n.name() + "@iot.count", page.count());
            }
            if (page.more() && x.options().filter() == null && x.options().orderBy().isEmpty()) {
                out.put(n.name() + "@iot.nextLink", self + "/" + n.name() + "?$top=" + page.top() + "&$skip="
                        + (page.skip() + page.top()));
            }
        }
        return out;
    }

    /** Returns a stored value as JSON. */
    static JsonNode json(Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof JsonNode n) {
            return n;
        }
        if (v instanceof TimeValue t) {
            return NODES.stringNode(t.toString());
        }
        if (v instanceof Long l) {
            return NODES.numberNode(l);
        }
        return NODES.stringNode(v.toString());
    }
}
