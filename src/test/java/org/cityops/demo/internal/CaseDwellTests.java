package org.cityops.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class CaseDwellTests {

    @Test
    void intakeAndDispatchTakeMinutesAndLateCasesHours() {
        for (long id = 1; id < 200; id++) {
            assertThat(CaseDwell.of("REPORTED", id)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(90));
            assertThat(CaseDwell.of("REGISTERED", id)).isLessThan(Duration.ofMinutes(2));
            Duration handling = CaseDwell.of("HANDLING", id);
            if (CaseDwell.late(id)) {
                assertThat(handling).isGreaterThanOrEqualTo(Duration.ofHours(3));
            } else {
                assertThat(handling).isBetween(Duration.ofMinutes(3), Duration.ofMinutes(13));
            }
        }
    }

    @Test
    void aFewCasesAreLateRejectedOrReworked() {
        long late = 0, rejected = 0, reworked = 0;
        for (long id = 1; id <= 900; id++) {
            late += CaseDwell.late(id) ? 1 : 0;
            rejected += CaseDwell.rejected(id) ? 1 : 0;
            reworked += CaseDwell.reworked(id) ? 1 : 0;
        }
        assertThat(late).isEqualTo(100);
        assertThat(rejected).isEqualTo(36);
        assertThat(reworked).isEqualTo(60);
    }

    @Test
    void aStateTheSimulatorDoesNotHandleWaitsForever() {
        assertThat(CaseDwell.of("CLOSED", 1)).isGreaterThan(Duration.ofDays(300));
    }
}
