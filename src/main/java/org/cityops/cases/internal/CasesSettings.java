package org.cityops.cases.internal;

import java.time.Duration;
import java.util.Map;

import org.cityops.cases.Stage;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The city's case policy ({@code cityops.cases.*}).
 *
 * @param registerLimitMinutes working minutes from report to the register decision
 * @param dispatchLimitMinutes working minutes from registration (or return) to dispatch
 * @param verifyLimitMinutes   working minutes from feedback to the verification result
 * @param closeLimitMinutes    working minutes from verification to close
 * @param reopenWindow         how long after closing a case may be reopened
 * @param escalateOverdue      whether an overdue case moves up one level automatically
 * @param slaScanInterval      how often deadlines are checked
 * @param pageSizeMax          largest page a list returns
 */
@ConfigurationProperties("cityops.cases")
record CasesSettings(@DefaultValue("30") int registerLimitMinutes,
                     @DefaultValue("30") int dispatchLimitMinutes,
                     @DefaultValue("120") int verifyLimitMinutes,
                     @DefaultValue("60") int closeLimitMinutes,
                     @DefaultValue("7d") Duration reopenWindow,
                     @DefaultValue("true") boolean escalateOverdue,
                     @DefaultValue("1m") Duration slaScanInterval,
                     @DefaultValue("200") int pageSizeMax) {

    /** Returns the working-minute limits of the stages the category does not set. */
    Map<Stage, Long> stageLimits() {
        return Map.of(Stage.REGISTER, (long) registerLimitMinutes, Stage.DISPATCH, (long) dispatchLimitMinutes,
                Stage.VERIFY, (long) verifyLimitMinutes, Stage.CLOSE, (long) closeLimitMinutes);
    }
}
