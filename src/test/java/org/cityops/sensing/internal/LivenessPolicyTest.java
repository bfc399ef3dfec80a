package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LivenessPolicyTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void anIsoDurationIsAValidExpectedInterval() {
        assertThat(LivenessPolicy.intervalProblem(json("\"PT5M\""))).isNull();
        assertThat(LivenessPolicy.intervalProblem(json("null"))).isNull();
        assertThat(LivenessPolicy.intervalProblem(null)).isNull();
    }

    @Test
    void wordsNumbersAndNonPositiveDurationsAreNot() {
        assertThat(LivenessPolicy.intervalProblem(json("\"5 minutes\""))).contains("ISO 8601");
        assertThat(LivenessPolicy.intervalProblem(json("300"))).contains("ISO 8601");
        assertThat(LivenessPolicy.intervalProblem(json("\"PT0S\""))).contains("positive");
        assertThat(LivenessPolicy.intervalProblem(json("\"-PT5M\""))).contains("positive");
    }

    @Test
    void theDatastreamsOwnIntervalWinsOverTheDefault() {
        assertThat(LivenessPolicy.interval(json("{\"cityops:expectedInterval\":\"PT2M\"}"), Duration.ofHours(1)))
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(LivenessPolicy.interval(json("{}"), Duration.ofHours(1))).isEqualTo(Duration.ofHours(1));
        assertThat(LivenessPolicy.interval(null, Duration.ZERO)).as("zero default: not watched").isNull();
    }

    @Test
    void aDatastreamIsSilentOnlyWhenLongerThanItsIntervalHasPassed() {
        Instant heard = Instant.parse("2026-03-02T01:00:00Z");
        Duration five = Duration.ofMinutes(5);
        assertThat(LivenessPolicy.silent(heard, five, heard.plus(five))).isFalse();
        assertThat(LivenessPolicy.silent(heard, five, heard.plus(five).plusMillis(1))).isTrue();
        assertThat(LivenessPolicy.silent(null, five, heard)).isFalse();
        assertThat(LivenessPolicy.silent(heard, null, heard.plus(Duration.ofDays(9)))).isFalse();
    }
}
