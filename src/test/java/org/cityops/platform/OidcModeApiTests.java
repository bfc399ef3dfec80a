package org.cityops.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Runs the application in production security mode against a tiny OpenID Connect provider
 * started in the test (discovery document and JWKS over real HTTP), with custom claim names,
 * and proves which of its tokens are accepted, as whom, and what the caller may then see.
 */
@IntegrationTest
class OidcModeApiTests {

    static final String KEY_ID = "idp-signing-key";
    static final RSAKey KEY = rsaKey(KEY_ID);
    /** Another provider's key published under the same key id: only the signature tells them apart. */
    static final RSAKey FORGED = rsaKey(KEY_ID);
    static final IdentityProvider IDP = IdentityProvider.start(KEY);

    static final double[] IN_EAST = {120.005, 20.005};
    static final double[] IN_WEST = {120.035, 20.005};

    @LocalServerPort int port;
    @Autowired Clock clock;
    @Autowired JdbcClient jdbc;

    static boolean ownH2Database() {
        String url = System.getProperty("spring.datasource.url");
        return url == null || url.startsWith("jdbc:h2:");
    }

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry registry) {
        registry.add("cityops.security.mode", () -> "oidc");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", IDP::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> "cityops");
        registry.add("cityops.security.claims.role", () -> "roles_cityops");
        registry.add("cityops.security.claims.region", () -> "division_code");
        registry.add("cityops.security.claims.department", () -> "department_id");
        registry.add("cityops.security.claims.username", () -> "login");
        if (ownH2Database()) {
            // a database of its own, so whether an administrator was bootstrapped is observable
            registry.add("spring.datasource.url", () -> "jdbc:h2:mem:cityops-oidc;MODE=PostgreSQL;"
                    + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        }
    }

    @AfterAll
    static void stopProvider() {
        IDP.stop();
    }

    Api anonymous() {
        return Api.on(port, null);
    }

    Api bearer(String token) {
        return anonymous().withToken(token);
    }

    Map<String, Object> claims(String login, String role) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("iss", IDP.issuer());
        claims.put("sub", "subject-of-" + login);
        claims.put("aud", List.of("cityops"));
        claims.put("login", login);
        if (role != null) {
            claims.put("roles_cityops", role);
        }
        Instant now = clock.instant();
        claims.put("iat", now);
        claims.put("exp", now.plus(Duration.ofMinutes(10)));
        return claims;
    }

    String token(Map<String, Object> claims) {
        return sign(claims, KEY);
    }

    String token(String login, String role, String claim, Object value) {
        Map<String, Object> claims = claims(login, role);
        claims.put(claim, value);
        return token(claims);
    }

    Api as(String login, String role, String region) {
        Map<String, Object> claims = claims(login, role);
        if (region != null) {
            claims.put("division_code", region);
        }
        return bearer(token(claims));
    }

    @Test
    void aProviderTokenReachesTheApiAsTheActorItsCustomClaimsName() {
        Api.Response me = as("wang.li", "DISTRICT_DISPATCHER", "950101").get("/api/v1/me");

        assertThat(me.status()).as(me.body()).isEqualTo(200);
        JsonNode body = me.json();
        assertThat(body.get("username").asString()).isEqualTo("wang.li");
        assertThat(body.get("role").asString()).isEqualTo("DISTRICT_DISPATCHER");
        assertThat(body.get("regionCode").asString()).isEqualTo("950101");
        assertThat(body.get("departmentId").isNull()).isTrue();
        assertThat(body.get("managedHere").asBoolean()).as("no local account").isFalse();
    }

    @Test
    void aDepartmentClaimSentAsTextIsTheCallersDepartment() {
        Api.Response me = bearer(token("li.gang", "DEPARTMENT_HANDLER", "department_id", "4711")).get("/api/v1/me");

        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().get("departmentId").asLong()).isEqualTo(4711L);
    }

    @Test
    void theSubjectNamesTheCallerWhenTheUsernameClaimIsMissing() {
        Map<String, Object> claims = claims("ignored", "LEADER");
        claims.remove("login");

        Api.Response me = bearer(token(claims)).get("/api/v1/me");

        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().get("username").asString()).isEqualTo("subject-of-ignored");
    }

    @Test
    void aRoleUnderTheDefaultClaimNameIsNotReadOnceTheNameIsConfigured() {
        Api.Response me = bearer(token("zhao.min", null, "cityops_role", "ADMIN")).get("/api/v1/me");

        assertProblem(me, 403, "no role claim 'roles_cityops'");
    }

    @Test
    void aRoleClaimListingTheProvidersRolesBesideOneOfOursGivesThatRole() {
        Api.Response me = bearer(token("chen.jie", null, "roles_cityops",
                List.of("offline_access", "uma_authorization", "LEADER"))).get("/api/v1/me");

        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().get("role").asString()).isEqualTo("LEADER");
        assertProblem(bearer(token("chen.jie", null, "roles_cityops", List.of("LEADER", "ADMIN"))).get("/api/v1/me"),
                403, "several CityOps roles");
    }

    @Test
    void anUnknownRoleIsForbidden() {
        assertProblem(as("zhao.min", "SUPERUSER", null).get("/api/v1/me"), 403, "Unknown role 'SUPERUSER'");
    }

    @Test
    void aDepartmentHandlerWithoutDepartmentIsForbidden() {
        assertProblem(as("li.gang", "DEPARTMENT_HANDLER", null).get("/api/v1/me"), 403,
                "must belong to a department");
    }

    @Test
    void aDistrictDispatcherWithoutRegionIsForbiddenRatherThanCityWide() {
        assertProblem(as("wang.li", "DISTRICT_DISPATCHER", null).get("/api/v1/cases?limit=1"), 403,
                "needs the region claim 'division_code'");
    }

    @Test
    void aTokenSignedByAnotherKeyIsUnauthorized() {
        assertUnauthorized(bearer(sign(claims("wang.li", "ADMIN"), FORGED)));
    }

    @Test
    void anExpiredTokenIsUnauthorized() {
        Map<String, Object> claims = claims("wang.li", "ADMIN");
        claims.put("iat", clock.instant().minus(Duration.ofHours(2)));
        claims.put("exp", clock.instant().minus(Duration.ofHours(1)));

        assertUnauthorized(bearer(token(claims)));
    }

    @Test
    void aTokenFromAnotherIssuerIsUnauthorized() {
        Map<String, Object> claims = claims("wang.li", "ADMIN");
        claims.put("iss", IDP.issuer() + "/realms/other");

        assertUnauthorized(bearer(token(claims)));
    }

    @Test
    void aTokenForAnotherAudienceIsUnauthorized() {
        Map<String, Object> claims = claims("wang.li", "ADMIN");
        claims.put("aud", List.of("another-app"));

        assertUnauthorized(bearer(token(claims)));
    }

    @Test
    void anEmbeddedModeTokenIsUnauthorized() throws JOSEException {
        // signed with the very secret the test profile gives embedded mode
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), jwtClaims(claims("wang.li", "ADMIN")));
        jwt.sign(new MACSigner("test-secret-test-secret-test-secret-0123456789".getBytes(StandardCharsets.UTF_8)));

        assertUnauthorized(bearer(jwt.serialize()));
    }

    @Test
    void noTokenIsUnauthorized() {
        assertUnauthorized(anonymous());
    }

    @Test
    void passwordLoginIsNotFoundAndPointsToTheIdentityProvider() {
        Api.Response login = anonymous().post("/api/v1/auth/login",
                Map.of("username", "admin", "password", "admin-test-password"));

        assertProblem(login, 404, "identity provider");
        assertThat(login.json().has("token")).as("no token is issued").isFalse();
    }

    @Test
    void noAdministratorIsBootstrapped() {
        assumeTrue(ownH2Database(), "the shared PostgreSQL database holds the embedded-mode tests' admin");

        assertThat(jdbc.sql("SELECT count(*) FROM org_user").query(Long.class).single())
                .as("no local accounts are created in OIDC mode").isZero();
    }

    @Test
    void theRegionClaimLimitsWhichCasesADistrictDispatcherSees() throws IOException {
        Api admin = as("oidc-admin", "ADMIN", null);
        Api.Response imported = admin.importGeoJson("src/test/resources/platform/oidc-city.geojson");
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);

        long inEast = report(as("inspector-east", "GRID_INSPECTOR", "950101001"), IN_EAST);
        long inWest = report(as("city-dispatcher", "CITY_DISPATCHER", null), IN_WEST);
        Api east = as("dispatcher-east", "DISTRICT_DISPATCHER", "950101");
        Api west = as("dispatcher-west", "DISTRICT_DISPATCHER", "950102");

        assertThat(east.get("/api/v1/cases/" + inEast).status()).isEqualTo(200);
        assertThat(east.get("/api/v1/cases/" + inWest).status()).isEqualTo(404);
        assertThat(west.get("/api/v1/cases/" + inEast).status()).isEqualTo(404);
        assertThat(ids(east.get("/api/v1/cases?limit=200"))).contains(inEast).doesNotContain(inWest);
        assertThat(ids(west.get("/api/v1/cases?limit=200"))).contains(inWest).doesNotContain(inEast);
        assertThat(ids(as("city-leader", "LEADER", null).get("/api/v1/cases?limit=200"))).contains(inEast, inWest);
    }

    long report(Api reporter, double[] at) {
        Api.Response r = reporter.post("/api/v1/cases", Map.of("sourceType", "INSPECTOR", "categoryCode", "E0101",
                "longitude", at[0], "latitude", at[1], "description", "路边有暴露垃圾",
                "attachments", List.of("photo://before-1.jpg"), "reporter", Map.of("name", "张三", "contact", "13812345678")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    static List<Long> ids(Api.Response page) {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        List<Long> out = new ArrayList<>();
        page.json().get("items").forEach(n -> out.add(n.get("id").asLong()));
        return out;
    }

    static void assertUnauthorized(Api caller) {
        assertProblem(caller.get("/api/v1/me"), 401, "bearer token");
    }

    static void assertProblem(Api.Response r, int status, String detail) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.json().get("detail").asString()).contains(detail);
    }

    static String sign(Map<String, Object> claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), jwtClaims(claims));
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static JWTClaimsSet jwtClaims(Map<String, Object> claims) {
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder();
        claims.forEach((name, value) -> set.claim(name, value instanceof Instant i ? Date.from(i) : value));
        return set.build();
    }

    static RSAKey rsaKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An OpenID provider reduced to what a resource server asks of it: discovery and public keys. */
    record IdentityProvider(HttpServer server, String issuer) {

        static IdentityProvider start(RSAKey key) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
                String issuer = "http://localhost:" + server.getAddress().getPort();
                String discovery = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/jwks\","
                        + "\"subject_types_supported\":[\"public\"],"
                        + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
                server.createContext("/.well-known/openid-configuration", e -> json(e, discovery));
                server.createContext("/jwks", e -> json(e, new JWKSet(key.toPublicJWK()).toString()));
                server.start();
                return new IdentityProvider(server, issuer);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        void stop() {
            server.stop(0);
        }

        private static void json(HttpExchange exchange, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
