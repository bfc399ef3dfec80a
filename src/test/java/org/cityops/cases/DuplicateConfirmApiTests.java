package org.cityops.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Duplicate merging with {@code mode=confirm}: a repeat opens its own case marked as a suspected
 * duplicate, and the operator confirms by merging it into the open case.
 */
@IntegrationTest
@TestPropertySource(properties = "cityops.intake.duplicates.mode=confirm")
class DuplicateConfirmApiTests {

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;

    final Actor admin = new Actor("admin", Role.ADMIN, null, null);
    final Actor operator = new Actor("dup-confirm-op", Role.CITY_DISPATCHER, null, null);

    Api as(Actor actor) {
        return Api.on(port, issuer).as(actor);
    }

    long report(double lon, double lat) {
        Api.Response r = as(admin).post("/api/v1/cases", Map.of("sourceType", "API", "longitude", lon,
                "latitude", lat, "categoryCode", "E0101", "description", "暴露垃圾 " + UUID.randomUUID()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    @Test
    void aRepeatOpensItsOwnCaseOfferedForMergingAndTheOperatorConfirms() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        double lon = 100 + random.nextDouble() * 30;
        double lat = 20 + random.nextDouble() * 20;
        long first = report(lon, lat);
        long repeat = report(lon + 0.0001, lat);
        assertThat(repeat).isNotEqualTo(first);
        JsonNode suspected = as(operator).get("/api/v1/cases/" + repeat + "/history").json().valueStream()
                .filter(h -> h.get("action").asString().equals("DUPLICATE_SUSPECTED")).findFirst().orElseThrow();
        assertThat(suspected.get("details").asString()).isEqualTo("duplicateOf=" + first);

        Api.Response merged = as(operator).post("/api/v1/cases/" + first + "/merge", Map.of("otherCaseId", repeat));
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(as(operator).get("/api/v1/cases/" + repeat).json().get("state").asString()).isEqualTo("VOID");
        List<JsonNode> reports = as(operator).get("/api/v1/cases/" + first + "/reports").json().valueStream().toList();
        assertThat(reports).hasSize(2);
    }
}
