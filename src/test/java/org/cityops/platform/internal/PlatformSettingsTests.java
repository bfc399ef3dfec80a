package org.cityops.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class PlatformSettingsTests {

    static final PlatformSettings.Claims CLAIMS = new PlatformSettings.Claims("cityops_role", "cityops_region",
            "cityops_department", "preferred_username");

    @Test
    void aMisspeltSecurityModeIsRefusedRatherThanTreatedAsEmbedded() {
        assertThatThrownBy(() -> new PlatformSettings.Security("odic", null, Duration.ofHours(8), CLAIMS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cityops.security.mode must be 'embedded' or 'oidc', not 'odic'");
    }

    @Test
    void onlyTheOidcModeHasAnIdentityProvider() {
        assertThat(new PlatformSettings.Security("oidc", null, Duration.ofHours(8), CLAIMS).oidc()).isTrue();
        assertThat(new PlatformSettings.Security("embedded", null, Duration.ofHours(8), CLAIMS).oidc()).isFalse();
    }
}
