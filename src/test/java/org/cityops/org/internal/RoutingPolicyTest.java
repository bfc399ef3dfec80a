package org.cityops.org.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.cityops.catalog.CategoryKind;
import org.cityops.geo.GridLocation;
import org.cityops.org.Routing.RoutingDecision;
import org.junit.jupiter.api.Test;

class RoutingPolicyTest {

    static final String CITY = "310000";
    static final String DISTRICT = "310101";
    static final String STREET = "310101001";
    static final String COMMUNITY = "310101001001";
    static final String GRID = "31010100100101";
    static final GridLocation HERE = new GridLocation(GRID, COMMUNITY, STREET, DISTRICT, CITY);

    static MatrixEntry entry(long id, String category, String region, long department, Basis basis) {
        return new MatrixEntry(id, category, region, department, basis, true, 0);
    }

    static long departmentFor(RoutingPolicy policy, String subclass, CategoryKind kind, Long owner) {
        return policy.route(subclass, kind, HERE, owner).map(RoutingDecision::departmentId).orElse(-1L);
    }

    @Test
    void componentGoesToItsOwnOwnerDepartmentBeforeAnyMatrixEntry() {
        RoutingPolicy policy = new RoutingPolicy(List.of(
                entry(1, "C0101", COMMUNITY, 10, Basis.LOCALITY),
                entry(2, "C0101", DISTRICT, 20, Basis.OWNER)));

        RoutingDecision d = policy.route("C0101", CategoryKind.COMPONENT, HERE, 99L).orElseThrow();

        assertThat(d.departmentId()).isEqualTo(99);
        assertThat(d.reason()).contains("owner first").contains("own owner department 99");
    }

    @Test
    void componentWithoutKnownOwnerPrefersOwnerEntriesOverMoreSpecificLocalityEntries() {
        RoutingPolicy policy = new RoutingPolicy(List.of(
                entry(1, "C0101", COMMUNITY, 10, Basis.LOCALITY),
                entry(2, "C0101", CITY, 20, Basis.OWNER)));

        RoutingDecision d = policy.route("C0101", CategoryKind.COMPONENT, HERE, null).orElseThrow();

        assertThat(d.departmentId()).isEqualTo(20);
        assertThat(d.reason()).contains("matrix entry 2").contains("OWNER").contains("city 310000");
    }

    @Test
    void componentFallsBackToLocalityWhenNoOwnerIsKnown() {
        RoutingPolicy policy = new RoutingPolicy(List.of(entry(1, "C0101", STREET, 10, Basis.LOCALITY)));

        assertThat(departmentFor(policy, "C0101", CategoryKind.COMPONENT, null)).isEqualTo(10);
    }

    @Test
    void eventGoesToTheLocalityBeforeTheOwner() {
        RoutingPolicy policy = new RoutingPolicy(List.of(
                entry(1, "E0101", CITY, 10, Basis.LOCALITY),
                entry(2, "E0101", COMMUNITY, 20, Basis.OWNER)));

        RoutingDecision d = policy.route("E0101", CategoryKind.EVENT, HERE, 99L).orElseThrow();

        assertThat(d.departmentId()).isEqualTo(10);
        assertThat(d.reason()).contains("locality first").contains("matrix entry 1");
    }

    @Test
    void eventFallsBackToOwnerEntriesWhenNoLocalityMatches() {
        RoutingPolicy policy = new RoutingPolicy(List.of(entry(2, "E0101", DISTRICT, 20, Basis.OWNER)));

        assertThat(departmentFor(policy, "E0101", CategoryKind.EVENT, null)).isEqualTo(20);
    }

    @Test
    void theSmallestRegionAlongThePathWinsWithinOneBasis() {
        RoutingPolicy policy = new RoutingPolicy(List.of(
                entry(1, "E0101", CITY, 10, Basis.LOCALITY),
                entry(2, "E0101", DISTRICT, 20, Basis.LOCALITY),
                entry(3, "E0101", STREET, 30, Basis.LOCALITY),
                entry(4, "E0101", GRID, 40, Basis.LOCALITY)));

        RoutingDecision d = policy.route("E0101", CategoryKind.EVENT, HERE, null).orElseThrow();

        assertThat(d.departmentId()).isEqualTo(40);
        assertThat(d.reason()).contains("unit grid " + GRID);
        assertThat(departmentFor(new RoutingPolicy(List.of(
                entry(1, "E0101", CITY, 10, Basis.LOCALITY),
                entry(3, "E0101", STREET, 30, Basis.LOCALITY),
                entry(2, "E0101", DISTRICT, 20, Basis.LOCALITY))), "E0101", CategoryKind.EVENT, null)).isEqualTo(30);
    }

    @Test
    void aSubclassEntryBeatsAMainClassEntryEvenForALargerRegion() {
        RoutingPolicy policy = new RoutingPolicy(List.of(
                entry(1, "E01", COMMUNITY, 10, Basis.LOCALITY),
                entry(2, "E0101", DISTRICT, 20, Basis.LOCALITY)));

        assertThat(departmentFor(policy, "E0101", CategoryKind.EVENT, null)).isEqualTo(20);
    }

    @Test
    void aMainClassEntryCoversItsSubclassesWhenNoSubclassEntryMatches() {
        RoutingPolicy policy = new RoutingPolicy(List.of(
                entry(1, "E01", STREET, 10, Basis.LOCALITY),
                entry(2, "E0102", STREET, 20, Basis.LOCALITY)));

        RoutingDecision d = policy.route("E0101", CategoryKind.EVENT, HERE, null).orElseThrow();

        assertThat(d.departmentId()).isEqualTo(10);
        assertThat(d.reason()).contains("main class E01");
    }

    @Test
    void entriesOfOtherRegionsAndCategoriesDoNotMatch() {
        RoutingPolicy policy = new RoutingPolicy(List.of(
                entry(1, "E0101", "310102", 10, Basis.LOCALITY),
                entry(2, "E02", CITY, 20, Basis.LOCALITY),
                entry(3, "C0101", CITY, 30, Basis.LOCALITY)));

        assertThat(policy.route("E0101", CategoryKind.EVENT, HERE, null)).isEmpty();
    }

    @Test
    void noMatchAtAllLeavesTheCaseForManualDispatch() {
        assertThat(new RoutingPolicy(List.of()).route("C0101", CategoryKind.COMPONENT, HERE, null)).isEmpty();
    }

    @Test
    void inactiveEntriesAreIgnored() {
        RoutingPolicy policy = new RoutingPolicy(List.of(
                new MatrixEntry(1, "E0101", GRID, 10, Basis.LOCALITY, false, 1),
                entry(2, "E0101", CITY, 20, Basis.LOCALITY)));

        assertThat(departmentFor(policy, "E0101", CategoryKind.EVENT, null)).isEqualTo(20);
    }

    @Test
    void missingLevelsOfTheLocationMatchNothing() {
        RoutingPolicy policy = new RoutingPolicy(List.of(entry(1, "E0101", DISTRICT, 10, Basis.LOCALITY)));
        GridLocation onlyCity = new GridLocation(null, null, null, null, CITY);

        assertThat(policy.route("E0101", CategoryKind.EVENT, onlyCity, null)).isEmpty();
    }
}
