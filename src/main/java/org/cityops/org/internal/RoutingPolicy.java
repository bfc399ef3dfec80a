package org.cityops.org.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cityops.catalog.CategoryKind;
import org.cityops.geo.GridLocation;
import org.cityops.org.Routing.RoutingDecision;

/**
 * The routing rule over a snapshot of the responsibility matrix: components go owner first
 * (先属主、后属地), events locality first (先属地、后属主). Within one basis the most specific
 * entry wins: a subclass entry before a main-class entry, then the smallest region along the
 * case's path (grid, community, street, district, city).
 */
final class RoutingPolicy {

    private static final String[] REGION_NAMES = {"unit grid", "community", "street", "district", "city"};

    private final Map<String, List<MatrixEntry>> byCategory;

    /** Returns a policy over the active entries among the given ones. */
    RoutingPolicy(Collection<MatrixEntry> entries) {
        Map<String, List<MatrixEntry>> index = new HashMap<>();
        for (MatrixEntry e : entries) {
            if (e.active()) {
                index.computeIfAbsent(e.categoryCode(), k -> new ArrayList<>()).add(e);
            }
        }
        index.replaceAll((k, v) -> List.copyOf(v));
        this.byCategory = Map.copyOf(index);
    }

    /**
     * Returns the responsible department and why, or empty when neither the owner nor any
     * entry matches (the case then waits for a dispatcher).
     *
     * @param ownerDepartmentId the component's own owner department, or null when unknown
     */
    Optional<RoutingDecision> route(String subclassCode, CategoryKind kind, GridLocation location,
                                    Long ownerDepartmentId) {
        List<String> path = path(location);
        Basis first = kind == CategoryKind.COMPONENT ? Basis.OWNER : Basis.LOCALITY;
        Basis second = first == Basis.OWNER ? Basis.LOCALITY : Basis.OWNER;
        String rule = kind == CategoryKind.COMPONENT ? "component: owner first (先属主、后属地)"
                : "event: locality first (先属地、后属主)";
        for (Basis basis : List.of(first, second)) {
            if (basis == Basis.OWNER && ownerDepartmentId != null) {
                return Optional.of(new RoutingDecision(ownerDepartmentId,
                        rule + "; the " + kind.chineseName() + "'s own owner department " + ownerDepartmentId));
            }
            Optional<Match> match = bestMatch(subclassCode, basis, path);
            if (match.isPresent()) {
                Match m = match.get();
                MatrixEntry e = m.entry();
                return Optional.of(new RoutingDecision(e.departmentId(), rule + "; matrix entry " + e.id()
                        + " (" + basis + " " + basis.chineseName() + ", "
                        + (e.forSubclass() ? "subclass " : "main class ") + e.categoryCode()
                        + " in " + REGION_NAMES[m.depth()] + " " + e.regionCode() + ") names department "
                        + e.departmentId()));
            }
        }
        return Optional.empty();
    }

    private Optional<Match> bestMatch(String subclassCode, Basis basis, List<String> path) {
        List<Match> matches = new ArrayList<>();
        collect(subclassCode, basis, path, matches);
        if (Codes.isSubclass(subclassCode)) {
            collect(Codes.mainClassOf(subclassCode), basis, path, matches);
        }
        return matches.stream().min(Comparator
                .comparing((Match m) -> !m.entry().forSubclass())
                .thenComparingInt(Match::depth)
                .thenComparingLong(m -> m.entry().id()));
    }

    private void collect(String categoryCode, Basis basis, List<String> path, List<Match> into) {
        for (MatrixEntry e : byCategory.getOrDefault(categoryCode, List.of())) {
            if (e.basis() != basis) {
                continue;
            }
            int depth = path.indexOf(e.regionCode());
            if (depth >= 0) {
                into.add(new Match(e, depth));
            }
        }
    }

    /** Returns the location's codes from the smallest region to the city; absent levels stay as null gaps. */
    private static List<String> path(GridLocation location) {
        List<String> path = new ArrayList<>(5);
        path.add(location.gridCode());
        path.add(location.communityCode());
        path.add(location.streetCode());
        path.add(location.districtCode());
        path.add(location.cityCode());
        // a null level must never match, and indexOf(null) would find it
        path.replaceAll(code -> code == null || code.isBlank() ? "\u0000" : code);
        return path;
    }

    private record Match(MatrixEntry entry, int depth) {
    }
}
