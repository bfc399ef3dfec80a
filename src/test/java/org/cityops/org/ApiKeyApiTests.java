package org.cityops.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/** Administrators issue, list and deactivate API keys of machine clients; a key's secret is shown once. */
@IntegrationTest
class ApiKeyApiTests {

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired ApiKeys apiKeys;
    @Autowired JdbcClient jdbc;

    final String run = UUID.randomUUID().toString().substring(0, 8);

    Api admin() {
        return Api.on(port, issuer).as(new Actor("admin", Role.ADMIN, null, null));
    }

    Api dispatcher() {
        return Api.on(port, issuer).as(new Actor("dispatcher", Role.CITY_DISPATCHER, null, null));
    }

    static Map<String, Object> key(String name, String role) {
        return new HashMap<>(Map.of("name", name, "integration", "市民随手拍 App", "role", role));
    }

    long storedKeys() {
        return jdbc.sql("SELECT COUNT(*) FROM api_key").query(Long.class).single();
    }

    static List<String> errorFields(Api.Response r) {
        return r.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
    }

    @Test
    void anIssuedKeyIsShownOnceListedWithoutItsSecretAndActsWithItsRole() {
        Api.Response issued = admin().post("/api/v1/api-keys", key("app-" + run, "CITY_DISPATCHER"));

        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        String secret = issued.json().get("key").asString();
        JsonNode view = issued.json().get("apiKey");
        assertThat(secret).startsWith("cok_").hasSize(47);
        assertThat(secret).startsWith(view.get("keyPrefix").asString());
        assertThat(view.get("active").asBoolean()).isTrue();
        assertThat(view.get("createdBy").asString()).isEqualTo("admin");

        Api.Response listed = admin().get("/api/v1/api-keys");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().valueStream().map(k -> k.get("name").asString())).contains("app-" + run);
        assertThat(listed.body()).doesNotContain(secret).doesNotContain("hash");

        ApiClient client = apiKeys.authenticate(secret).orElseThrow();
        assertThat(client.name()).isEqualTo("app-" + run);
        assertThat(client.actor().role()).isEqualTo(Role.CITY_DISPATCHER);
        assertThat(client.actor().username()).isEqualTo("apikey:app-" + run);
        assertThat(apiKeys.authenticate(secret + "x")).isEmpty();
        assertThat(apiKeys.authenticate(null)).isEmpty();
    }

    @Test
    void aDeactivatedKeyIsKeptButNoLongerAuthenticates() {
        Api.Response issued = admin().post("/api/v1/api-keys", key("sensor-" + run, "CITY_DISPATCHER"));
        long id = issued.json().get("apiKey").get("id").asLong();
        String secret = issued.json().get("key").asString();

        Api.Response deactivated = admin().post("/api/v1/api-keys/" + id + "/deactivate", Map.of());

        assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(200);
        assertThat(deactivated.json().get("active").asBoolean()).isFalse();
        assertThat(deactivated.json().get("deactivatedBy").asString()).isEqualTo("admin");
        assertThat(apiKeys.authenticate(secret)).isEmpty();
        assertThat(admin().get("/api/v1/api-keys?active=false").json().valueStream()
                .map(k -> k.get("id").asLong())).contains(id);
        assertThat(admin().get("/api/v1/api-keys?active=true").json().valueStream()
                .map(k -> k.get("id").asLong())).doesNotContain(id);
        assertThat(admin().post("/api/v1/api-keys/999999999/deactivate", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void onlyAnAdministratorIssuesListsOrDeactivatesKeys() {
        long before = storedKeys();

        Api.Response issue = dispatcher().post("/api/v1/api-keys", key("nope-" + run, "CITY_DISPATCHER"));

        assertThat(issue.status()).isEqualTo(403);
        assertThat(dispatcher().get("/api/v1/api-keys").status()).isEqualTo(403);
        assertThat(dispatcher().post("/api/v1/api-keys/1/deactivate", Map.of()).status()).isEqualTo(403);
        assertThat(Api.on(port, issuer).get("/api/v1/api-keys").status()).isEqualTo(401);
        assertThat(storedKeys()).isEqualTo(before);
    }

    @Test
    void everyBadKeyIsRefusedNamingTheFieldAndNothingIsStored() {
        long before = storedKeys();
        Map<String, Object> noName = key("x", "CITY_DISPATCHER");
        noName.remove("name");
        Map<String, Object> noIntegration = key("k1-" + run, "CITY_DISPATCHER");
        noIntegration.put("integration", " ");
        Map<String, Object> handlerWithoutDepartment = key("k2-" + run, "DEPARTMENT_HANDLER");
        Map<String, Object> unknownDepartment = key("k3-" + run, "DEPARTMENT_HANDLER");
        unknownDepartment.put("departmentId", 999_999_999L);
        Map<String, Object> inspectorWithoutRegion = key("k4-" + run, "GRID_INSPECTOR");
        Map<String, Object> unknownRegion = key("k5-" + run, "GRID_INSPECTOR");
        unknownRegion.put("regionCode", "949999");
        Map<String, Object> noRole = key("k6-" + run, "CITY_DISPATCHER");
        noRole.remove("role");

        Map<Map<String, Object>, String> cases = new LinkedHashMap<>();
        cases.put(noName, "name");
        cases.put(key("-bad name-", "CITY_DISPATCHER"), "name");
        cases.put(noIntegration, "integration");
        cases.put(key("k0-" + run, "ADMIN"), "role");
        cases.put(noRole, "role");
        cases.put(handlerWithoutDepartment, "departmentId");
        cases.put(unknownDepartment, "departmentId");
        cases.put(inspectorWithoutRegion, "regionCode");
        cases.put(unknownRegion, "regionCode");
        cases.forEach((body, field) -> {
            Api.Response r = admin().post("/api/v1/api-keys", body);
            assertThat(r.status()).as(body + " → " + r).isEqualTo(400);
            assertThat(errorFields(r)).as(body.toString()).contains(field);
        });
        assertThat(storedKeys()).isEqualTo(before);
    }

    @Test
    void aSecondKeyWithTheSameNameIsAConflict() {
        assertThat(admin().post("/api/v1/api-keys", key("twin-" + run, "CITY_DISPATCHER")).status()).isEqualTo(201);
        long before = storedKeys();

        Api.Response twin = admin().post("/api/v1/api-keys", key("twin-" + run, "LEADER"));

        assertThat(twin.status()).isEqualTo(409);
        assertThat(twin.body()).contains("name");
        assertThat(storedKeys()).isEqualTo(before);
    }
}
