package org.cityops.sensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** Device credentials are issued by administrators, show their secrets once, refuse bad input whole, and deactivate. */
@IntegrationTest
class DeviceCredentialApiTests {

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;

    Api admin() {
        return Api.on(port, issuer).as(new Actor("cred-admin", Role.ADMIN, null, null));
    }

    long thing() {
        return Sta.createThing(admin(), "v1.1", Sta.unique("cred-thing"), 121.4, 31.2).get("@iot.id").asLong();
    }

    boolean listed(String name) {
        for (JsonNode c : admin().get("/api/v1/sensors/credentials").json()) {
            if (c.get("name").asString().equals(name)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void anAdministratorIssuesAKeyAndMqttLoginShownOnceAndListedWithoutSecrets() {
        long thing = thing();
        String name = Sta.unique("gauge");
        Api.Response r = admin().post("/api/v1/sensors/credentials", Map.of("name", name, "integration",
                "river gauges of the water bureau", "thingIds", List.of(thing), "mqtt", true));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().get("apiKey").asString()).startsWith("cod_").hasSize(47);
        assertThat(r.json().get("mqttPassword").asString()).hasSize(43);
        JsonNode credential = r.json().get("credential");
        assertThat(credential.get("mqttUsername").asString()).isEqualTo(name);
        assertThat(credential.get("thingIds").get(0).asLong()).isEqualTo(thing);
        assertThat(credential.get("active").asBoolean()).isTrue();

        Api.Response read = admin().get("/api/v1/sensors/credentials/" + credential.get("id").asLong());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).doesNotContain(r.json().get("apiKey").asString())
                .doesNotContain(r.json().get("mqttPassword").asString());
        assertThat(read.json().get("apiKeyPrefix").asString()).isEqualTo(r.json().get("apiKey").asString().substring(0, 10));

        Api.Response off = admin().post("/api/v1/sensors/credentials/" + credential.get("id").asLong() + "/deactivate",
                Map.of());
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.json().get("active").asBoolean()).isFalse();
        assertThat(off.json().get("deactivatedBy").asString()).isEqualTo("cred-admin");
    }

    @Test
    void onlyAnAdministratorManagesDeviceCredentials() {
        long thing = thing();
        String name = Sta.unique("not-mine");
        Api operator = Api.on(port, issuer).as(new Actor("dispatcher", Role.CITY_DISPATCHER, null, null));
        Api.Response r = operator.post("/api/v1/sensors/credentials", Map.of("name", name, "integration", "x",
                "thingIds", List.of(thing)));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("detail").asString()).contains("administrator");
        assertThat(operator.get("/api/v1/sensors/credentials").status()).isEqualTo(403);
        assertThat(listed(name)).isFalse();
    }

    @Test
    void badInputIsRefusedNamingEachFieldAndWritesNothing() {
        long thing = thing();
        String name = Sta.unique("bad");
        Api.Response r = admin().post("/api/v1/sensors/credentials", Map.of("name", name, "integration", " ",
                "thingIds", List.of(thing, 987654321L), "apiKey", false, "mqtt", false));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("integration", "thingIds/1", "apiKey");
        assertThat(listed(name)).isFalse();

        Api.Response badName = admin().post("/api/v1/sensors/credentials", Map.of("name", "!", "integration", "x",
                "thingIds", List.of()));
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.json().get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("name", "thingIds");

        Api.Response unknown = admin().post("/api/v1/sensors/credentials", Map.of("name", name, "integration", "x",
                "thingIds", List.of(thing), "colour", "red"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("colour");
        assertThat(listed(name)).isFalse();
    }

    @Test
    void aSecondCredentialWithTheSameNameOrMqttUsernameIsAConflict() {
        long thing = thing();
        String name = Sta.unique("twice");
        assertThat(admin().post("/api/v1/sensors/credentials", Map.of("name", name, "integration", "x",
                "thingIds", List.of(thing), "mqtt", true)).status()).isEqualTo(201);
        assertThat(admin().post("/api/v1/sensors/credentials", Map.of("name", name, "integration", "x",
                "thingIds", List.of(thing))).status()).isEqualTo(409);
        String other = Sta.unique("other");
        assertThat(admin().post("/api/v1/sensors/credentials", Map.of("name", other, "integration", "x",
                "thingIds", List.of(thing), "mqtt", true, "mqttUsername", name)).status()).isEqualTo(409);
        assertThat(listed(other)).isFalse();
    }
}
