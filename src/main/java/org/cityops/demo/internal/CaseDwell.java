package org.cityops.demo.internal;

import java.time.Duration;

/**
 * How long simulated people leave a case in each state before acting, so cases move at a human
 * pace: minutes for intake and dispatch, longer for handling; one case in nine is handled late
 * (hours), one in twenty-five is not registered, one in fifteen fails verification once.
 * Derived from the case id, so the pace survives a restart. Plain Java.
 */
final class CaseDwell {

    private CaseDwell() {
    }

    /** Returns how long a case stays in the state before the simulated people act on it. */
    static Duration of(String state, long caseId) {
        long jitter = Math.floorMod(caseId * 2654435761L, 60);
        return switch (state) {
            case "REPORTED" -> Duration.ofSeconds(30 + jitter);
            case "REGISTERED", "RETURNED" -> Duration.ofSeconds(40 + jitter);
            case "DISPATCHED" -> Duration.ofSeconds(60 + 2 * jitter);
            case "HANDLING" -> late(caseId) ? Duration.ofHours(3).plusMinutes(jitter) : Duration.ofMinutes(3 + jitter / 6);
            case "HANDLED" -> Duration.ofSeconds(45 + jitter);
            case "VERIFYING" -> Duration.ofSeconds(60 + jitter);
            case "VERIFIED" -> Duration.ofSeconds(20 + jitter / 2);
            default -> Duration.ofDays(365);
        };
    }

    /** Returns whether the department handles this case late. */
    static boolean late(long caseId) {
        return caseId % 9 == 4;
    }

    /** Returns whether intake refuses to register this case (不予立案). */
    static boolean rejected(long caseId) {
        return caseId % 25 == 7;
    }

    /** Returns whether the first verification of this case fails (返工). */
    static boolean reworked(long caseId) {
        return caseId % 15 == 2;
    }
}
