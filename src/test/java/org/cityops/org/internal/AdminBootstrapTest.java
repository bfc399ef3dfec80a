package org.cityops.org.internal;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import org.cityops.platform.Actor;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;

class AdminBootstrapTest {

    static final TokenIssuer EMBEDDED = new TokenIssuer() {
        @Override
        public IssuedToken issue(Actor actor, String displayName) {
            throw new IllegalStateException("not used by the bootstrap");
        }

        @Override
        public boolean embedded() {
            return true;
        }
    };

    final UserAccounts users = mock(UserAccounts.class);

    @Test
    void inOidcModeNoAdministratorIsCreatedEvenWithAConfiguredPassword() {
        new AdminBootstrap(users, new BootstrapSettings("a-configured-password"), AuthControllerTest.OIDC)
                .run(new DefaultApplicationArguments());

        verifyNoInteractions(users);
    }

    @Test
    void inEmbeddedModeTheFirstStartCreatesTheAdministrator() {
        when(users.activeAdminExists()).thenReturn(false);

        new AdminBootstrap(users, new BootstrapSettings("a-configured-password"), EMBEDDED)
                .run(new DefaultApplicationArguments());

        verify(users).ensureAdmin("a-configured-password");
    }

    @Test
    void inEmbeddedModeAnExistingAdministratorIsLeftAlone() {
        when(users.activeAdminExists()).thenReturn(true);

        new AdminBootstrap(users, new BootstrapSettings(null), EMBEDDED).run(new DefaultApplicationArguments());

        verify(users, never()).ensureAdmin(anyString());
    }
}
