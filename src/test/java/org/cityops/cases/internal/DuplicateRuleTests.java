package org.cityops.cases.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class DuplicateRuleTests {

    static final Instant NOW = Instant.parse("2026-03-02T01:00:00Z");
    final DuplicateRule rule = new DuplicateRule(50, Duration.ofHours(24));

    /** Returns the point the distance east of (114.5, 24.5). */
    static double east(double meters) {
        return 114.5 + Math.toDegrees(meters / (6_371_008.8 * Math.cos(Math.toRadians(24.5))));
    }

    @Test
    void distancesAreGreatCircleMetres() {
        assertThat(DuplicateRule.distanceMeters(114.5, 24.5, east(40), 24.5)).isCloseTo(40.0,
                org.assertj.core.data.Offset.offset(0.01));
        // one degree of latitude is about 111.2 km
        assertThat(DuplicateRule.distanceMeters(0, 0, 0, 1)).isCloseTo(111_195, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void theBoxHoldsEveryPointWithinTheDistance() {
        DuplicateRule.Box box = rule.box(114.5, 24.5);
        assertThat(box.maxLon()).isGreaterThan(east(50));
        assertThat(box.minLon()).isLessThan(2 * 114.5 - east(50));
        assertThat(box.maxLat() - 24.5).isGreaterThan(Math.toDegrees(50 / 6_371_008.8));
        assertThat(box.maxLon() - box.minLon()).isLessThan(0.01);
    }

    @Test
    void theNearestCandidateWithinDistanceAndWindowIsChosen() {
        var far = new DuplicateRule.Candidate(1, east(60), 24.5, NOW.minusSeconds(60));
        var near = new DuplicateRule.Candidate(2, east(30), 24.5, NOW.minusSeconds(60));
        var nearer = new DuplicateRule.Candidate(3, east(10), 24.5, NOW.minusSeconds(3600));
        assertThat(rule.nearest(114.5, 24.5, NOW, List.of(far, near, nearer))).map(DuplicateRule.Candidate::id)
                .contains(3L);
    }

    @Test
    void aCandidateBeyondTheDistanceIsNoDuplicate() {
        var far = new DuplicateRule.Candidate(1, east(51), 24.5, NOW.minusSeconds(60));
        assertThat(rule.nearest(114.5, 24.5, NOW, List.of(far))).isEmpty();
    }

    @Test
    void aCandidateReportedBeforeTheWindowIsNoDuplicate() {
        var old = new DuplicateRule.Candidate(1, 114.5, 24.5, NOW.minus(Duration.ofHours(24)).minusSeconds(1));
        var edge = new DuplicateRule.Candidate(2, 114.5, 24.5, NOW.minus(Duration.ofHours(24)));
        assertThat(rule.nearest(114.5, 24.5, NOW, List.of(old))).isEmpty();
        assertThat(rule.nearest(114.5, 24.5, NOW, List.of(old, edge))).map(DuplicateRule.Candidate::id).contains(2L);
    }

    @Test
    void aNonPositiveDistanceOrWindowIsRefused() {
        assertThatThrownBy(() -> new DuplicateRule(0, Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DuplicateRule(50, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
