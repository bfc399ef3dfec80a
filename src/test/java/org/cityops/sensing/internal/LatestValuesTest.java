package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LatestValuesTest {

    static Entity observation(long id, long datastream, String time) {
        return new Entity(EntityType.OBSERVATION, id, Map.of("phenomenonTime", TimeValue.instant(Instant.parse(time))),
                Map.of("Datastream", datastream, "FeatureOfInterest", 1L));
    }

    @Test
    void aBatchLeavesEachDatastreamWithItsNewestObservationByPhenomenonTimeThenId() {
        LatestValues latest = new LatestValues(null);
        latest.offer(List.of(observation(1, 10, "2026-11-29T01:00:00Z"), observation(2, 20, "2026-11-29T01:00:00Z")));
        latest.offer(List.of(
                observation(3, 10, "2026-11-29T03:00:00Z"),
                observation(4, 10, "2026-11-29T02:00:00Z"),
                observation(5, 20, "2026-11-29T00:00:00Z"),
                observation(6, 30, "2026-11-29T05:00:00Z"),
                observation(7, 30, "2026-11-29T05:00:00Z")));

        assertThat(latest.latest(10)).map(Entity::id).contains(3L);
        assertThat(latest.latest(20)).as("an older observation does not replace a newer one").map(Entity::id).contains(2L);
        assertThat(latest.latest(30)).as("the same time: the higher id").map(Entity::id).contains(7L);
        assertThat(latest.latest(40)).isEmpty();
    }
}
