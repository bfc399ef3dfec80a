package org.cityops.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/** Every bad input to the case API gets RFC 9457 problem details naming the field, and writes nothing. */
@IntegrationTest
class CaseInputTests {

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired JdbcClient jdbc;

    final Actor dispatcher = new Actor("input-city", Role.CITY_DISPATCHER, null, null);

    Api api() {
        return Api.on(port, issuer).as(dispatcher);
    }

    long cases() {
        return jdbc.sql("SELECT count(*) FROM cases").query(Long.class).single();
    }

    void assertProblem(Api.Response r, int status, String... fields) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).contains("application/problem+json");
        JsonNode body = r.json();
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("detail").asString()).isNotBlank();
        if (fields.length > 0) {
            List<String> named = new ArrayList<>();
            body.get("errors").forEach(e -> named.add(e.get("field").asString()));
            assertThat(named).contains(fields);
        }
    }

    Api.Response reportRaw(String json) {
        return api().send("POST", "/api/v1/cases", "application/json", json);
    }

    @Test
    void malformedJsonIsRefused() {
        long before = cases();
        assertProblem(reportRaw("{\"sourceType\": \"API\", \"longitude\": 110.0,"), 400, "body");
        assertThat(cases()).isEqualTo(before);
    }

    @Test
    void missingRequiredFieldsAreEachNamed() {
        long before = cases();
        assertProblem(reportRaw("{\"sourceType\": \"API\"}"), 400, "longitude", "latitude", "description");
        assertThat(cases()).isEqualTo(before);
    }

    @Test
    void aWrongTypedFieldIsNamed() {
        assertProblem(reportRaw("{\"sourceType\": \"API\", \"longitude\": \"east\", \"latitude\": 20.0,"
                + " \"description\": \"x\"}"), 400, "longitude");
        assertProblem(reportRaw("{\"sourceType\": \"API\", \"longitude\": 110.0, \"latitude\": 20.0,"
                + " \"description\": \"x\", \"urgency\": \"VERY\"}"), 400, "urgency");
    }

    @Test
    void coordinatesOutOfRangeAreRefused() {
        long before = cases();
        assertProblem(api().post("/api/v1/cases", Map.of("sourceType", "API", "longitude", 181.0, "latitude", -91.0,
                "description", "x")), 400, "longitude", "latitude");
        assertThat(cases()).isEqualTo(before);
    }

    @Test
    void anUnknownCategoryIsRefused() {
        long before = cases();
        assertProblem(api().post("/api/v1/cases", Map.of("sourceType", "API", "longitude", 110.0, "latitude", 20.0,
                "description", "x", "categoryCode", "E9999")), 400, "categoryCode");
        assertThat(cases()).isEqualTo(before);
    }

    @Test
    void tooManyOrBlankAttachmentReferencesAreNamed() {
        long before = cases();
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add("photo://" + i + ".jpg");
        }
        assertProblem(api().post("/api/v1/cases", Map.of("sourceType", "API", "longitude", 110.0, "latitude", 20.0,
                "description", "x", "attachments", many)), 400, "attachments");
        assertProblem(api().post("/api/v1/cases", Map.of("sourceType", "API", "longitude", 110.0, "latitude", 20.0,
                "description", "x", "attachments", List.of("photo://ok.jpg", " "))), 400, "attachments[1]");
        assertThat(cases()).isEqualTo(before);
    }

    @Test
    void anUnknownPropertyIsRefused() {
        assertProblem(reportRaw("{\"sourceType\": \"API\", \"longitude\": 110.0, \"latitude\": 20.0,"
                + " \"description\": \"x\", \"colour\": \"red\"}"), 400, "colour");
    }

    @Test
    void anUnknownRegionFilterIsRefused() {
        assertProblem(api().get("/api/v1/cases?region=999999"), 400, "region");
    }

    @Test
    void badListParametersAreNamed() {
        assertProblem(api().get("/api/v1/cases?state=ASLEEP"), 400, "state");
        assertProblem(api().get("/api/v1/cases?limit=0"), 400, "limit");
        assertProblem(api().get("/api/v1/cases?cursor=abc"), 400, "cursor");
        assertProblem(api().get("/api/v1/cases?from=yesterday"), 400, "from");
        assertProblem(api().get("/api/v1/cases?queue=mine"), 400, "queue");
    }

    @Test
    void anOversizedBodyGets413AndWritesNothing() {
        long before = cases();
        String huge = "x".repeat(1_100_000);
        Api.Response r = reportRaw("{\"sourceType\": \"API\", \"longitude\": 110.0, \"latitude\": 20.0,"
                + " \"description\": \"" + huge + "\"}");
        assertProblem(r, 413);
        assertThat(cases()).isEqualTo(before);
    }

    @Test
    void anUnknownActionAndAMissingActionAreNamed() {
        long id = api().post("/api/v1/cases", Map.of("sourceType", "API", "longitude", 110.0, "latitude", 20.0,
                "description", "x")).json().get("id").asLong();
        assertProblem(api().post("/api/v1/cases/" + id + "/transitions", Map.of("action", "EXPLODE")), 400, "action");
        assertProblem(api().post("/api/v1/cases/" + id + "/transitions", Map.of("comment", "x")), 400, "action");
        assertProblem(api().post("/api/v1/cases/" + id + "/transitions",
                Map.of("action", "REQUEST_EXTENSION", "extension", Map.of("amount", 0, "unit", "WORKING_DAYS"))),
                400, "extension.amount");
        assertProblem(api().post("/api/v1/cases/" + id + "/transitions", Map.of("action", "REGISTER",
                "categoryCode", "E9999")), 400, "categoryCode");
        assertThat(api().get("/api/v1/cases/" + id).json().get("state").asString()).isEqualTo("REPORTED");
    }

    @Test
    void aMissingCaseIs404AndNoTokenIs401() {
        assertProblem(api().get("/api/v1/cases/987654321"), 404);
        assertProblem(Api.on(port, issuer).get("/api/v1/cases"), 401);
        assertProblem(Api.on(port, issuer).withToken("not-a-jwt").get("/api/v1/cases"), 401);
    }

    @Test
    void aLeaderCannotReport() {
        Api.Response r = Api.on(port, issuer).as(new Actor("input-leader", Role.LEADER, null, null))
                .post("/api/v1/cases", Map.of("sourceType", "API", "longitude", 110.0, "latitude", 20.0,
                        "description", "x"));
        assertProblem(r, 403);
    }
}
