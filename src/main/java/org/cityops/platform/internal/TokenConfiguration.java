package org.cityops.platform.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.cityops.platform.Actor;
import org.cityops.platform.TokenIssuer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The security beans that code without a web server needs too (commands, the org module's
 * account store): password hashing, claim names, the embedded signing key and token issuer.
 * The web-only part (filter chain, token decoding) is {@link SecurityConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TokenConfiguration.class);

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    ActorClaims actorClaims(PlatformSettings settings) {
        PlatformSettings.Claims c = settings.security().claims();
        return new ActorClaims(c.role(), c.region(), c.department(), c.username());
    }

    @Bean
    SigningKey signingKey(PlatformSettings settings) throws IOException {
        return new SigningKey(loadOrCreateKey(settings));
    }

    @Bean
    TokenIssuer tokenIssuer(PlatformSettings settings, SigningKey key, ActorClaims claims, Clock clock) {
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key.key()));
        boolean embedded = !settings.security().oidc();
        return new TokenIssuer() {
            @Override
            public IssuedToken issue(Actor actor, String displayName) {
                if (!embedded) {
                    throw new IllegalStateException("tokens are issued by the identity provider in oidc mode");
                }
                Instant now = clock.instant();
                Instant expires = now.plus(settings.security().tokenTtl());
                JwtClaimsSet.Builder set = JwtClaimsSet.builder()
                        .issuer("cityops")
                        .subject(actor.username())
                        .issuedAt(now)
                        .expiresAt(expires)
                        .claim(claims.usernameClaim(), actor.username())
                        .claim("name", displayName)
                        .claim(claims.roleClaim(), actor.role().name());
                if (actor.regionCode() != null) {
                    set.claim(claims.regionClaim(), actor.regionCode());
                }
                if (actor.departmentId() != null) {
                    set.claim(claims.departmentClaim(), actor.departmentId());
                }
                String token = encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), set.build())).getTokenValue();
                return new IssuedToken(token, expires);
            }

            @Override
            public boolean embedded() {
                return embedded;
            }
        };
    }

    private static SecretKey loadOrCreateKey(PlatformSettings settings) throws IOException {
        String configured = settings.security().jwtSecret();
        if (configured != null && !configured.isBlank()) {
            byte[] bytes = configured.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < 32) {
                throw new IllegalStateException("cityops.security.jwt-secret must be at least 32 bytes");
            }
            return new SecretKeySpec(bytes, "HmacSHA256");
        }
        Path file = Path.of(settings.dataDir(), "jwt-signing.key");
        if (Files.exists(file)) {
            return new SecretKeySpec(Base64.getDecoder().decode(Files.readString(file).trim()), "HmacSHA256");
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        Files.createDirectories(file.getParent());
        Files.writeString(file, Base64.getEncoder().encodeToString(bytes));
        try {
            Files.setPosixFilePermissions(file, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the folder's own permissions protect it
        }
        log.info("Generated a new token signing key at {}", file.toAbsolutePath());
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** The HMAC key embedded tokens are signed and checked with. */
    record SigningKey(SecretKey key) {
    }
}
