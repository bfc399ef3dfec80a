package org.cityops.platform.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.core.Authentication;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Stateless bearer-token security of the HTTP API. Embedded mode checks the HS256 tokens
 * {@link TokenConfiguration} signs; OIDC mode validates an identity provider's tokens found
 * through its issuer URI. Either way role and scope come from claims. Only a servlet web
 * application has this: a command run without a web server needs none of it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

    static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    static final String AUDIENCES = "spring.security.oauth2.resourceserver.jwt.audiences";
    /** The header a device sends its API key in when writing to {@code /sta}. */
    static final String DEVICE_KEY_HEADER = "X-Api-Key";

    @Bean
    SecurityFilterChain api(HttpSecurity http, ActorClaims claims, PlatformSettings settings) throws Exception {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            // a token without one CityOps role gets no authority; the Actor it stands for is refused with the reason
            return claims.roleIfAny(jwt).map(role -> List.<GrantedAuthority>of(new SimpleGrantedAuthority("ROLE_"
                    + role.name()))).orElse(List.of());
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
                        // intake webhooks: authenticated by X-Api-Key and an HMAC signature, checked by the intake module
                        .requestMatchers(HttpMethod.POST, "/api/v1/intake/webhooks/*").permitAll()
                        // SensorThings: reads open to any client; writes need a caller unless a
                        // conformance run switches that off; a device's X-Api-Key is checked (and its
                        // writes confined to its own datastreams) by the sensing module
                        .requestMatchers(HttpMethod.GET, "/sta/**").permitAll()
                        // a batch authorises each of its requests as if sent alone (reads open, writes not)
                        .requestMatchers(HttpMethod.POST, "/sta/*/$batch").permitAll()
                        .requestMatchers("/sta/**").access((auth, ctx) -> new AuthorizationDecision(
                                settings.staAnonymousWrites() || isAuthenticated(auth.get())
                                        || ctx.getRequest().getHeader(DEVICE_KEY_HEADER) != null))
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

    private static boolean isAuthenticated(Authentication auth) {
        return auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken);
    }

    private static void problem(HttpServletResponse res, int status, String title, String detail) throws IOException {
        res.setStatus(status);
        res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        res.setCharacterEncoding("UTF-8");
        res.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}");
    }

    @Bean
    JwtDecoder jwtDecoder(PlatformSettings settings, TokenConfiguration.SigningKey key, Environment env, Clock clock) {
        // expiry is checked on the application's clock, the same one that stamps embedded tokens
        JwtTimestampValidator expiry = new JwtTimestampValidator();
        expiry.setClock(clock);
        if (settings.security().oidc()) {
            return oidcDecoder(env, expiry);
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key.key()).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(expiry);
        return decoder;
    }

    /**
     * Returns a decoder for the identity provider's tokens, checking issuer, expiry and (when
     * configured) audience. The issuer's discovery document is read at startup, so a wrong
     * issuer URI or an unreachable provider stops the start instead of failing every request.
     */
    private static JwtDecoder oidcDecoder(Environment env, JwtTimestampValidator expiry) {
        String issuer = env.getProperty(ISSUER_URI);
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalStateException("cityops.security.mode=oidc needs " + ISSUER_URI);
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(List.of(new JwtIssuerValidator(issuer), expiry));
        List<String> audiences = List.of(env.getProperty(AUDIENCES, String[].class, new String[0]));
        if (!audiences.isEmpty()) {
            // a token the provider issued to another client of the same realm is not for us
            validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(validators));
        return decoder;
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
}
