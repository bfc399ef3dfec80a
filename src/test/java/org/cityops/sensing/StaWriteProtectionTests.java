package org.cityops.sensing;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.springframework.test.context.TestPropertySource;

/** By default anyone may read the SensorThings API, but only an authenticated caller may write to it. */
@IntegrationTest
@TestPropertySource(properties = "cityops.sta-anonymous-writes=false")
class StaWriteProtectionTests {

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;

    @Test
    void anonymousReadsAreOpenButAnonymousWritesAreRefused() {
        Api anonymous = Api.on(port, issuer);
        assertThat(anonymous.get("/sta/v1.1/Things").status()).isEqualTo(200);
        String name = "guarded-" + UUID.randomUUID();
        Map<String, Object> thing = Map.of("name", name, "description", "a thing written with a token");
        Api.Response refused = anonymous.post("/sta/v1.1/Things", thing);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).contains("application/problem+json");
        assertThat(anonymous.get("/sta/v1.1/Things?$filter=name%20eq%20'" + name + "'")
                .json().get("value")).isEmpty();

        Api admin = anonymous.as(new Actor("sta-admin", Role.ADMIN, null, null));
        Api.Response created = admin.post("/sta/v1.1/Things", thing);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }
}
