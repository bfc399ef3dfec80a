package org.cityops.org.internal;

import java.security.SecureRandom;

import org.cityops.platform.TokenIssuer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On first start (no active administrator) creates {@code admin} and prints a random
 * password once, so a fresh installation can be entered and nothing ships with a known password.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final UserAccounts users;
    private final BootstrapSettings settings;
    private final TokenIssuer tokens;

    AdminBootstrap(UserAccounts users, BootstrapSettings settings, TokenIssuer tokens) {
        this.users = users;
        this.settings = settings;
        this.tokens = tokens;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!tokens.embedded() || users.activeAdminExists()) {
            return;
        }
        boolean configured = settings.adminPassword() != null && !settings.adminPassword().isBlank();
        String password = configured ? settings.adminPassword() : randomPassword();
        users.ensureAdmin(password);
        if (configured) {
            log.warn("Created the administrator 'admin' with the password from cityops.bootstrap.admin-password");
        } else {
            // printed this once only: it is stored as a hash and never logged again
            log.warn("""

                    ================================================================
                      CityOps first start: administrator account created
                        username: admin
                        password: {}
                      This password is shown only once. Log in and change it:
                        POST /api/v1/auth/login, then POST /api/v1/me/password
                    ================================================================
                    """, password);
        }
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
