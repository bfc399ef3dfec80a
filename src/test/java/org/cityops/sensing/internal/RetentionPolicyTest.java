package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RetentionPolicyTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant NOW = Instant.parse("2026-03-02T01:00:00Z");

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void retentionIsAWholeNumberOfDaysZeroOrMore() {
        assertThat(RetentionPolicy.daysProblem(json("30"))).isNull();
        assertThat(RetentionPolicy.daysProblem(json("0"))).isNull();
        assertThat(RetentionPolicy.daysProblem(json("-1"))).isNotNull();
        assertThat(RetentionPolicy.daysProblem(json("1.5"))).isNotNull();
        assertThat(RetentionPolicy.daysProblem(json("\"30\""))).isNotNull();
    }

    @Test
    void theDatastreamOverridesItsObservedPropertyWhichOverridesTheDefault() {
        JsonNode ds = json("{\"cityops:retentionDays\":0}");
        JsonNode op = json("{\"cityops:retentionDays\":10}");
        assertThat(RetentionPolicy.days(ds, op, 90)).isZero();
        assertThat(RetentionPolicy.days(json("{}"), op, 90)).isEqualTo(10);
        assertThat(RetentionPolicy.days(null, null, 90)).isEqualTo(90);
        assertThat(RetentionPolicy.days(null, null, -3)).isZero();
    }

    @Test
    void observationsBeforeTheCutoffGoButNeverTheLatest() {
        Instant recent = NOW.minus(Duration.ofDays(1));
        assertThat(RetentionPolicy.purgeBefore(30, NOW, recent)).isEqualTo(NOW.minus(Duration.ofDays(30)));
        Instant old = NOW.minus(Duration.ofDays(60));
        assertThat(RetentionPolicy.purgeBefore(30, NOW, old)).as("strictly before the latest: it stays").isEqualTo(old);
        assertThat(RetentionPolicy.purgeBefore(0, NOW, recent)).isNull();
        assertThat(RetentionPolicy.purgeBefore(30, NOW, null)).isNull();
    }

    @Test
    void aMultiDatastreamKeepsItsOwnRetentionElseTheLongestOfItsObservedPropertiesElseTheDefault() {
        JsonNode ten = json("{\"cityops:retentionDays\": 10}");
        JsonNode twenty = json("{\"cityops:retentionDays\": 20}");
        JsonNode forever = json("{\"cityops:retentionDays\": 0}");
        assertThat(RetentionPolicy.multiDays(json("{\"cityops:retentionDays\": 3}"), java.util.List.of(ten, twenty), 90))
                .isEqualTo(3);
        assertThat(RetentionPolicy.multiDays(null, java.util.List.of(ten, twenty), 90)).isEqualTo(20);
        assertThat(RetentionPolicy.multiDays(null, java.util.Arrays.asList(ten, null), 90)).isEqualTo(10);
        assertThat(RetentionPolicy.multiDays(json("{}"), java.util.List.of(ten, forever), 90)).isZero();
        assertThat(RetentionPolicy.multiDays(null, java.util.Arrays.asList(null, json("{\"cityops:retentionDays\": -4}")), 90))
                .isEqualTo(90);
    }
}
