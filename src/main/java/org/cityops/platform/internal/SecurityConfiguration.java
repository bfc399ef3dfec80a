package org.cityops.platform.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import jakarta.servlet.http.HttpServletResponse;
import org.cityops.platform.Actor;
import org.cityops.platform.TokenIssuer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;

/**
 * Stateless bearer-token security. Embedded mode signs its own HS256 tokens with a key kept
 * under the data folder (so tokens survive a restart); OIDC mode validates an identity
 * provider's tokens from its issuer URI. Either way role and scope come from claims.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecurityFilterChain api(HttpSecurity http, ActorClaims claims) throws Exception {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            String role = jwt.getClaimAsString(claims.roleClaim());
            return role == null ? List.of() : List.of(new SimpleGrantedAuthority("ROLE_" + role));
        });
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/login").permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        // Open311 GeoReport v2: public reads; submitting checks its api_key parameter itself
                        .requestMatchers("/open311/v2/**").permitAll()
                        .requestMatchers("/api/**", "/actuator/**").authenticated()
                        .anyRequest().permitAll())
                .oauth2ResourceServer(o -> o
                        .jwt(j -> j.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint((req, res, e) -> problem(res, 401, "Unauthorized",
                                "Authentication required: send a valid bearer token")))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problem(res, 401, "Unauthorized",
                                "Authentication required: send a valid bearer token"))
                        .accessDeniedHandler((req, res, ex) -> problem(res, 403, "Forbidden",
                                "Your role does not allow this")));
        return http.build();
    }

    private static void problem(HttpServletResponse res, int status, String title, String detail) throws IOException {
        res.setStatus(status);
        res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        res.setCharacterEncoding("UTF-8");
        res.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}");
    }

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
    JwtDecoder jwtDecoder(PlatformSettings settings, SigningKey key, Environment env, Clock clock) {
        if ("oidc".equals(settings.security().mode())) {
            String issuer = env.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri");
            if (issuer == null || issuer.isBlank()) {
                throw new IllegalStateException("cityops.security.mode=oidc needs "
                        + "spring.security.oauth2.resourceserver.jwt.issuer-uri");
            }
            return JwtDecoders.fromIssuerLocation(issuer);
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key.key()).macAlgorithm(MacAlgorithm.HS256).build();
        // expiry is checked on the same clock that stamped the token
        JwtTimestampValidator expiry = new JwtTimestampValidator();
        expiry.setClock(clock);
        decoder.setJwtValidator(expiry);
        return decoder;
    }

    @Bean
    TokenIssuer tokenIssuer(PlatformSettings settings, SigningKey key, ActorClaims claims, Clock clock) {
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key.key()));
        boolean embedded = !"oidc".equals(settings.security().mode());
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

    @Bean
    WebMvcConfigurer actorArguments(ActorClaims claims) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new ActorArgumentResolver(claims));
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
            Files.setPosixFilePermissions(file, Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                    java.nio.file.attribute.PosixFilePermission.OWNER_WRITE));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the folder's own permissions protect it
        }
        log.info("Generated a new token signing key at {}", file.toAbsolutePath());
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    record SigningKey(SecretKey key) {
    }
}
