package org.cityops.sensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** Conformance class A.6 (data array): bulk creation with a self link or "error" per row. */
@IntegrationTest
class StaDataArrayApiTests {

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;

    Api sta() {
        return Api.on(port, issuer);
    }

    @Test
    void createObservationsAnswersEachRowWithALinkOrError() {
        long thing = Sta.createThing(sta(), "v1.1", Sta.unique("array"), 116.4, 39.9).get("@iot.id").asLong();
        long ds = Sta.datastreamOf(sta(), thing);
        List<Object> body = List.of(Map.of(
                "Datastream", Map.of("@iot.id", ds),
                "components", List.of("phenomenonTime", "result"),
                "dataArray@iot.count", 4,
                "dataArray", List.of(
                        List.of("2026-11-28T10:00:00-0700", 1.0),
                        List.of("2026-11-28T10:01:00Z", "not a number"),
                        List.of("not a time", 3.0),
                        Arrays.asList("2026-11-28T10:03:00Z", 4.0, "extra"))));
        Api.Response r = sta().post("/sta/v1.0/CreateObservations", body);
        assertThat(r.status()).isEqualTo(201);
        JsonNode rows = r.json();
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).asString()).matches("http://localhost:" + port + "/sta/v1.0/Observations\\(\\d+\\)");
        assertThat(rows.get(1).asString()).isEqualTo("error");
        assertThat(rows.get(2).asString()).isEqualTo("error");
        assertThat(rows.get(3).asString()).isEqualTo("error");
        assertThat(Sta.count(sta(), "Observations", "Datastream/id eq " + ds)).isEqualTo(1);

        JsonNode read = sta().get("/sta/v1.0/Datastreams(" + ds + ")/Observations?$resultFormat=dataArray&$count=true").json();
        assertThat(read.get("@iot.count").asLong()).isEqualTo(1);
        JsonNode item = read.get("value").get(0);
        assertThat(item.get("Datastream@iot.navigationLink").asString()).endsWith("/Datastreams(" + ds + ")");
        assertThat(item.get("components").toString()).isEqualTo(
                "[\"id\",\"phenomenonTime\",\"result\",\"resultTime\",\"resultQuality\",\"validTime\",\"parameters\"]");
        assertThat(item.get("dataArray@iot.count").asInt()).isEqualTo(1);
        assertThat(item.get("dataArray").get(0).get(1).asString()).isEqualTo("2026-11-28T17:00:00.000Z");
        assertThat(item.get("dataArray").get(0).get(2).asDouble()).isEqualTo(1.0);
        assertThat(sta().get("/sta/v1.0/Things?$resultFormat=dataArray").status()).isEqualTo(400);
    }

    @Test
    void aMalformedDocumentIsRefusedWholeNamingTheMember() {
        long thing = Sta.createThing(sta(), "v1.1", Sta.unique("array-bad"), 116.4, 39.9).get("@iot.id").asLong();
        long ds = Sta.datastreamOf(sta(), thing);
        Api.Response r = sta().post("/sta/v1.1/CreateObservations", List.of(Map.of(
                "Datastream", Map.of("@iot.id", ds), "components", List.of("result", "colour"),
                "dataArray", List.of(List.of(1.0, "red")))));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("/0/components");
        assertThat(Sta.count(sta(), "Observations", "Datastream/id eq " + ds)).isZero();
        assertThat(sta().post("/sta/v1.1/CreateObservations", Map.of("x", 1)).status()).isEqualTo(400);
    }
}
