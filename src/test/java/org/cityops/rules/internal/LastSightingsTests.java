package org.cityops.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LastSightingsTests {

    static final AlertStore.Key A = new AlertStore.Key(1, "datastream:1");
    static final AlertStore.Key B = new AlertStore.Key(1, "datastream:2");
    static final AlertStore.Key C = new AlertStore.Key(2, "datastream:1");
    static final Instant T = Instant.parse("2026-03-02T00:00:00Z");

    @Test
    void aSightingIsKeptWhenLaterThanTheOneKnownAndNoneMeansNoAlertAtAll() {
        LastSightings s = new LastSightings(10);
        assertThat(s.get(A)).isNull();
        s.learn(Map.of(A, LastSightings.NONE));
        assertThat(s.get(A)).isEqualTo(LastSightings.NONE);
        s.learn(Map.of(A, T.plusSeconds(60)));
        s.learn(Map.of(A, T));
        assertThat(s.get(A)).isEqualTo(T.plusSeconds(60));
        s.forget(List.of(A));
        assertThat(s.get(A)).isNull();
    }

    @Test
    void theLeastRecentlyUsedPairIsForgottenBeyondTheCapacity() {
        LastSightings s = new LastSightings(2);
        s.learn(Map.of(A, T));
        s.learn(Map.of(B, T));
        s.get(A);
        s.learn(Map.of(C, T));
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.get(B)).isNull();
        assertThat(s.get(A)).isEqualTo(T);
        assertThat(s.get(C)).isEqualTo(T);
    }
}
