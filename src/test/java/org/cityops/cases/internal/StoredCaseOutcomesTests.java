package org.cityops.cases.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class StoredCaseOutcomesTests {

    @Test
    void theHandlingDeadlineIsReadFromTheDetailsTheHistoryRecorded() {
        assertThat(StoredCaseOutcomes.dueAt("department=7; dueAt=2026-03-04T09:00:00Z"))
                .isEqualTo(Instant.parse("2026-03-04T09:00:00Z"));
        assertThat(StoredCaseOutcomes.dueAt("extension=1 WORKING_DAYS; dueAt=2026-03-05T09:00:00Z"))
                .isEqualTo(Instant.parse("2026-03-05T09:00:00Z"));
        assertThat(StoredCaseOutcomes.dueAt("department=7; assist=[8]; dueAt=2026-03-04T09:00:00.5Z"))
                .isEqualTo(Instant.parse("2026-03-04T09:00:00.500Z"));
    }

    @Test
    void detailsWithoutAReadableDeadlineGiveNone() {
        assertThat(StoredCaseOutcomes.dueAt(null)).isNull();
        assertThat(StoredCaseOutcomes.dueAt("verifier=inspector-a")).isNull();
        assertThat(StoredCaseOutcomes.dueAt("dueAt=null")).isNull();
    }
}
