package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.cityops.platform.ProblemException;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class ObservationInputTest {

    static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
    static final StaWrites.Parent UNDER_DATASTREAM_7 = new StaWrites.Parent(
            EntityType.OBSERVATION.navigation("Datastream").orElseThrow(), 7);

    static JsonNode json(String text) {
        return StaStore.JSON.readTree(text);
    }

    static String failingField(String body, StaWrites.Parent parent) {
        try {
            ObservationInput.read(json(body), parent, NOW);
        } catch (ProblemException.BadRequest e) {
            return e.errors().get(0).field();
        }
        throw new AssertionError("accepted " + body);
    }

    @Test
    void bodyThatOnlyLinksEntitiesTakesTheIngestPath() {
        assertThat(ObservationInput.linksOnly(json("""
                {"result": 1, "Datastream": {"@iot.id": 1}, "FeatureOfInterest": {"@iot.id": 2}}"""))).isTrue();
        assertThat(ObservationInput.linksOnly(json("[1, 2]"))).as("refused on the ingest path").isTrue();
    }

    @Test
    void bodyCreatingItsFeatureOfInterestInlineTakesTheTransactionalPath() {
        assertThat(ObservationInput.linksOnly(json("""
                {"result": 1, "Datastream": {"@iot.id": 1},
                 "FeatureOfInterest": {"name": "here", "encodingType": "application/geo+json",
                                       "feature": {"type": "Point", "coordinates": [1, 2]}}}"""))).isFalse();
        assertThat(ObservationInput.linksOnly(json("{\"@iot.id\": 5}"))).isFalse();
    }

    @Test
    void observationPostedUnderADatastreamBelongsToIt() {
        ObservationInput.Draft d = ObservationInput.read(json("""
                {"result": 2.5, "phenomenonTime": "2026-11-28T10:00:00+08:00", "resultTime": "2026-11-28T02:00:01Z",
                 "parameters": {"depth": 3}}"""), UNDER_DATASTREAM_7, NOW);
        assertThat(d.streamType()).isEqualTo(EntityType.DATASTREAM);
        assertThat(d.streamId()).isEqualTo(7);
        assertThat(d.featureId()).isNull();
        assertThat(d.values().get("phenomenonTime")).isEqualTo(TimeValue.instant(Instant.parse("2026-11-28T02:00:00Z")));
        assertThat(d.values()).containsKeys("validTime", "resultQuality").containsEntry("validTime", null);
    }

    @Test
    void observationWithoutPhenomenonTimeWasObservedWhenReceived() {
        ObservationInput.Draft d = ObservationInput.read(json("""
                {"result": true, "MultiDatastream": {"@iot.id": "12"}, "FeatureOfInterest": {"@iot.id": 4}}"""),
                null, NOW);
        assertThat(d.streamType()).isEqualTo(EntityType.MULTI_DATASTREAM);
        assertThat(d.streamId()).isEqualTo(12);
        assertThat(d.featureId()).isEqualTo(4L);
        assertThat(d.values().get("phenomenonTime")).isEqualTo(TimeValue.instant(NOW));
    }

    @Test
    void eachBadMemberIsNamedInTheRefusal() {
        assertThat(failingField("[]", null)).isEqualTo("body");
        assertThat(failingField("{\"result\": 1, \"colour\": \"red\"}", UNDER_DATASTREAM_7)).isEqualTo("colour");
        assertThat(failingField("{\"result\": 1, \"phenomenonTime\": \"yesterday\"}", UNDER_DATASTREAM_7))
                .isEqualTo("phenomenonTime");
        assertThat(failingField("{\"result\": 1, \"resultTime\": 20261128}", UNDER_DATASTREAM_7)).isEqualTo("resultTime");
        assertThat(failingField("{\"result\": 1, \"resultTime\": \"2026-11-28T00:00:00Z/2026-11-28T01:00:00Z\"}",
                UNDER_DATASTREAM_7)).isEqualTo("resultTime");
        assertThat(failingField("{\"phenomenonTime\": \"2026-11-28T00:00:00Z\"}", UNDER_DATASTREAM_7)).isEqualTo("result");
        assertThat(failingField("{\"result\": 1}", null)).isEqualTo("Datastream");
        assertThat(failingField("{\"result\": 1, \"Datastream\": {\"@iot.id\": 1}, \"MultiDatastream\": {\"@iot.id\": 2}}",
                null)).isEqualTo("Datastream");
        assertThat(failingField("{\"result\": 1, \"Datastream\": {\"@iot.id\": \"one\"}}", null))
                .isEqualTo("Datastream/@iot.id");
        assertThat(failingField("{\"result\": 1, \"Datastream\": 3}", null)).isEqualTo("Datastream");
        assertThat(failingField("{\"result\": 1, \"FeatureOfInterest\": null}", UNDER_DATASTREAM_7))
                .isEqualTo("FeatureOfInterest");
    }

    @Test
    void aBodyLinkOverridesTheStreamOfThePath() {
        ObservationInput.Draft d = ObservationInput.read(json("{\"result\": 1, \"Datastream\": {\"@iot.id\": 9}}"),
                UNDER_DATASTREAM_7, NOW);
        assertThat(d.streamId()).isEqualTo(9);
    }

    @Test
    void theLatestObservationIsTheOneObservedLastThenTheOneStoredLast() {
        Entity early = observation(5, "2026-11-28T08:00:00Z");
        Entity late = observation(3, "2026-11-28T09:00:00Z");
        Entity lateAgain = observation(4, "2026-11-28T09:00:00Z");
        assertThat(LatestValues.newer(early, late)).isSameAs(late);
        assertThat(LatestValues.newer(late, early)).isSameAs(late);
        assertThat(LatestValues.newer(late, lateAgain)).isSameAs(lateAgain);
    }

    private static Entity observation(long id, String at) {
        return new Entity(EntityType.OBSERVATION, id,
                Map.of("phenomenonTime", TimeValue.instant(Instant.parse(at))), Map.of("Datastream", 1L));
    }
}
