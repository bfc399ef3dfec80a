package org.cityops.org.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.Test;

class AuthControllerTest {

    /** The issuer of an OIDC deployment: tokens come from the identity provider. */
    static final TokenIssuer OIDC = new TokenIssuer() {
        @Override
        public IssuedToken issue(Actor actor, String displayName) {
            throw new IllegalStateException("not in oidc mode");
        }

        @Override
        public boolean embedded() {
            return false;
        }
    };

    @Test
    void loginInOidcModeIsNotFoundAndPointsToTheIdentityProvider() {
        AuthController controller = new AuthController(null, OIDC);

        assertThatThrownBy(() -> controller.login(new AuthController.LoginRequest("admin", "whatever")))
                .isInstanceOfSatisfying(ProblemException.NotFound.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.getMessage()).contains("identity provider");
                });
    }
}
