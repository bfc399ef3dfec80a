package org.cityops.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import org.cityops.Api;
import org.cityops.ConsoleCity;
import org.cityops.IntegrationTest;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** A database that already holds another city is left alone: the demo seeds nothing into it. */
@IntegrationTest
class DemoSeederRefusalTests {

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired Clock clock;

    @Test
    void aDatabaseWithAnotherCityIsNotTouched() {
        Api admin = Api.on(port, issuer).as(new Actor("admin", Role.ADMIN, null, null));
        ConsoleCity.importedBy(admin);
        LocalApi api = new LocalApi(port, issuer, clock);
        long usersBefore = api.get("/api/v1/users", DemoSeeder.SEEDER).body().size();

        assertThat(new DemoSeeder(api, DemoSeedingTests.settings()).seed()).isFalse();

        assertThat(api.get("/api/v1/divisions/" + DemoCity.CITY_CODE, DemoSeeder.SEEDER).status()).isEqualTo(404);
        for (JsonNode d : api.get("/api/v1/departments", DemoSeeder.SEEDER).body()) {
            assertThat(d.path("code").asString()).doesNotStartWith("demo-");
        }
        assertThat(api.get("/api/v1/users", DemoSeeder.SEEDER).body().size()).isEqualTo(usersBefore);
    }
}
