package org.cityops.sensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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

/**
 * Observations through the group-commit ingest path: what is acknowledged is stored (with the
 * Datastream widened and the latest value known), and each kind of bad input is refused naming
 * the failing member with nothing written.
 */
@IntegrationTest
class StaIngestApiTests {

    static final String MEASUREMENT = "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement";

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;

    Api sta() {
        return Api.on(port, issuer);
    }

    /** Returns the id of the one Datastream of a new Thing with a Location. */
    long newDatastream(String name) {
        long thing = Sta.createThing(sta(), "v1.1", Sta.unique(name), 121.47, 31.23).get("@iot.id").asLong();
        return Sta.datastreamOf(sta(), thing);
    }

    long stored(long datastream) {
        return Sta.count(sta(), "Observations", "Datastream/id eq " + datastream);
    }

    static String field(Api.Response r) {
        return r.json().get("errors").get(0).get("field").asString();
    }

    @Test
    void anAcknowledgedObservationIsStoredWithItsDatastreamWidenedAndAGeneratedFeature() {
        long ds = newDatastream("ingest");
        Api.Response first = sta().post("/sta/v1.1/Datastreams(" + ds + ")/Observations",
                Map.of("phenomenonTime", "2026-11-28T08:00:00Z", "result", 1.5));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        Api.Response second = sta().post("/sta/v1.1/Observations", Map.of("phenomenonTime", "2026-11-28T09:30:00Z",
                "resultTime", "2026-11-28T09:30:05Z", "result", 2, "Datastream", Map.of("@iot.id", ds)));
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        JsonNode created = second.json();
        long id = created.get("@iot.id").asLong();
        assertThat(created.get("@iot.selfLink").asString()).endsWith("/sta/v1.1/Observations(" + id + ")");
        assertThat(created.get("phenomenonTime").asString()).isEqualTo("2026-11-28T09:30:00.000Z");

        JsonNode read = sta().get("/sta/v1.1/Observations(" + id + ")?$expand=FeatureOfInterest,Datastream").json();
        assertThat(read.get("result").asInt()).isEqualTo(2);
        assertThat(read.get("resultTime").asString()).isEqualTo("2026-11-28T09:30:05.000Z");
        assertThat(read.get("FeatureOfInterest").get("feature").get("type").asString()).isEqualTo("Point");
        assertThat(read.get("Datastream").get("phenomenonTime").asString())
                .isEqualTo("2026-11-28T08:00:00.000Z/2026-11-28T09:30:00.000Z");
        assertThat(read.get("Datastream").get("observedArea").get("type").asString()).isEqualTo("Point");
        long firstFeature = sta().get("/sta/v1.1/Observations(" + first.json().get("@iot.id").asLong()
                + ")/FeatureOfInterest").json().get("@iot.id").asLong();
        assertThat(read.get("FeatureOfInterest").get("@iot.id").asLong()).as("generated once per Location")
                .isEqualTo(firstFeature);
        assertThat(stored(ds)).isEqualTo(2);
    }

    @Test
    void theLatestValueIsTheNewestByPhenomenonTimeNotTheLastPosted() {
        String name = Sta.unique("latest");
        long thing = Sta.createThing(sta(), "v1.1", name, 121.47, 31.23).get("@iot.id").asLong();
        long ds = Sta.datastreamOf(sta(), thing);
        String path = "/sta/v1.1/Datastreams(" + ds + ")/Observations";
        assertThat(sta().post(path, Map.of("phenomenonTime", "2026-11-28T10:00:00Z", "result", 10)).status()).isEqualTo(201);
        assertThat(sta().post(path, Map.of("phenomenonTime", "2026-11-28T09:00:00Z", "result", 9)).status()).isEqualTo(201);
        Api.Response sensors = sta().as(new Actor("admin", Role.ADMIN, null, null)).get("/api/v1/sensors");
        assertThat(sensors.status()).as(sensors.body()).isEqualTo(200);
        JsonNode mine = null;
        for (JsonNode s : sensors.json()) {
            if (s.get("name").asString().equals(name)) {
                mine = s;
            }
        }
        assertThat(mine).as(sensors.body()).isNotNull();
        assertThat(mine.toString()).contains("\"result\":10").doesNotContain("\"result\":9");
    }

    @Test
    void deepInsertOfTheFeatureOfInterestStaysAtomic() {
        long ds = newDatastream("deep");
        Api.Response bad = sta().post("/sta/v1.1/Observations", Map.of("result", 3.0, "Datastream", Map.of("@iot.id", ds),
                "FeatureOfInterest", Map.of("name", "here", "description", "no encoding",
                        "feature", Sta.point(121.5, 31.2))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(field(bad)).isEqualTo("FeatureOfInterest/encodingType");
        assertThat(stored(ds)).isZero();
        Api.Response good = sta().post("/sta/v1.1/Observations", Map.of("result", 3.0, "Datastream", Map.of("@iot.id", ds),
                "FeatureOfInterest", Map.of("name", "here", "description", "a spot", "encodingType",
                        "application/geo+json", "feature", Sta.point(121.5, 31.2))));
        assertThat(good.status()).as(good.body()).isEqualTo(201);
        assertThat(stored(ds)).isEqualTo(1);
    }

    @Test
    void malformedJsonIsRefusedNamingTheBody() {
        long ds = newDatastream("malformed");
        Api.Response r = sta().send("POST", "/sta/v1.1/Datastreams(" + ds + ")/Observations", "application/json",
                "{\"result\": 1.0,");
        assertThat(r.status()).isEqualTo(400);
        assertThat(field(r)).isEqualTo("body");
        assertThat(stored(ds)).isZero();
    }

    @Test
    void aResultOfTheWrongTypeIsRefusedNamingTheResult() {
        long ds = newDatastream("wrong-type");
        Api.Response r = sta().post("/sta/v1.1/Datastreams(" + ds + ")/Observations", Map.of("result", "high"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(field(r)).isEqualTo("result");
        assertThat(r.json().get("detail").asString()).contains(MEASUREMENT);
        assertThat(stored(ds)).isZero();
    }

    @Test
    void aMemberOfTheWrongJsonTypeIsRefusedNamingIt() {
        long ds = newDatastream("wrong-json");
        Api.Response r = sta().post("/sta/v1.1/Datastreams(" + ds + ")/Observations",
                Map.of("result", 1.0, "resultTime", 20261128));
        assertThat(r.status()).isEqualTo(400);
        assertThat(field(r)).isEqualTo("resultTime");
        assertThat(stored(ds)).isZero();
    }

    @Test
    void anUnknownMemberIsRefusedNamingIt() {
        long ds = newDatastream("unknown");
        Api.Response r = sta().post("/sta/v1.1/Datastreams(" + ds + ")/Observations", Map.of("result", 1.0, "colour", "red"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(field(r)).isEqualTo("colour");
        assertThat(stored(ds)).isZero();
    }

    @Test
    void anObservationWithoutDatastreamIsRefusedNamingIt() {
        String marker = Sta.unique("orphan");
        Api.Response r = sta().post("/sta/v1.1/Observations", Map.of("result", 1.0, "parameters", Map.of("m", marker)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(field(r)).isEqualTo("Datastream");
        assertThat(Sta.count(sta(), "Observations", "parameters/m eq '" + marker + "'")).isZero();
    }

    @Test
    void aDatastreamTheBodyLinksThatDoesNotExistIsA400NamingTheLink() {
        String marker = Sta.unique("ghost");
        Api.Response r = sta().post("/sta/v1.1/Observations", Map.of("result", 1.0,
                "Datastream", Map.of("@iot.id", Long.MAX_VALUE / 2), "parameters", Map.of("m", marker)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(field(r)).isEqualTo("Datastream/@iot.id");
        assertThat(Sta.count(sta(), "Observations", "parameters/m eq '" + marker + "'")).isZero();
    }

    @Test
    void aDatastreamThePathNamesThatDoesNotExistIsA404() {
        String marker = Sta.unique("ghost-path");
        Api.Response r = sta().post("/sta/v1.1/Datastreams(" + Long.MAX_VALUE / 2 + ")/Observations",
                Map.of("result", 1.0, "parameters", Map.of("m", marker)));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("detail").asString()).contains("Datastream");
        assertThat(Sta.count(sta(), "Observations", "parameters/m eq '" + marker + "'")).isZero();
    }

    @Test
    void aFeatureOfInterestThatDoesNotExistIsA400NamingTheLink() {
        long ds = newDatastream("ghost-feature");
        Api.Response r = sta().post("/sta/v1.1/Datastreams(" + ds + ")/Observations",
                Map.of("result", 1.0, "FeatureOfInterest", Map.of("@iot.id", Long.MAX_VALUE / 2)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(field(r)).isEqualTo("FeatureOfInterest/@iot.id");
        assertThat(stored(ds)).isZero();
    }

    @Test
    void anUnparsableTimestampIsRefusedNamingIt() {
        long ds = newDatastream("bad-time");
        Api.Response r = sta().post("/sta/v1.1/Datastreams(" + ds + ")/Observations",
                Map.of("result", 1.0, "phenomenonTime", "2026-13-45T25:00:00Z"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(field(r)).isEqualTo("phenomenonTime");
        assertThat(stored(ds)).isZero();
    }

    @Test
    void aPayloadOverTheConfiguredSizeIsA413() {
        long ds = newDatastream("too-large");
        Api.Response r = sta().post("/sta/v1.1/Datastreams(" + ds + ")/Observations",
                Map.of("result", 1.0, "parameters", Map.of("padding", "x".repeat(2 * 1024 * 1024))));
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().get("detail").asString()).contains("exceeds the limit");
        assertThat(stored(ds)).isZero();
    }

    @Test
    void createObservationsStoresTheGoodRowsAndAnswersErrorForTheOthers() {
        long ds = newDatastream("array-ingest");
        long other = newDatastream("array-ingest-other");
        Api.Response r = sta().post("/sta/v1.1/CreateObservations", List.of(
                Map.of("Datastream", Map.of("@iot.id", ds), "components", List.of("phenomenonTime", "result"),
                        "dataArray", List.of(List.of("2026-11-28T10:00:00Z", 1.0), List.of("2026-11-28T10:01:00Z", "x"),
                                List.of("2026-11-28T10:02:00Z", 3.0))),
                Map.of("Datastream", Map.of("@iot.id", other), "components", List.of("result", "FeatureOfInterest/id"),
                        "dataArray", List.of(List.of(4.0, Long.MAX_VALUE / 2))),
                Map.of("Datastream", Map.of("@iot.id", Long.MAX_VALUE / 2), "components", List.of("result"),
                        "dataArray", List.of(List.of(5.0)))));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode rows = r.json();
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0).asString()).contains("/Observations(");
        assertThat(rows.get(1).asString()).isEqualTo("error");
        assertThat(rows.get(2).asString()).contains("/Observations(");
        assertThat(rows.get(3).asString()).isEqualTo("error");
        assertThat(rows.get(4).asString()).isEqualTo("error");
        assertThat(stored(ds)).isEqualTo(2);
        assertThat(stored(other)).isZero();
        JsonNode stream = sta().get("/sta/v1.1/Datastreams(" + ds + ")").json();
        assertThat(stream.get("phenomenonTime").asString()).isEqualTo("2026-11-28T10:00:00.000Z/2026-11-28T10:02:00.000Z");
    }

    @Test
    void eachRowOfALargeCreateObservationsGetsTheIdOfItsOwnStoredObservation() {
        long ds = newDatastream("array-ids");
        int rows = 1200;
        List<List<Object>> data = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            data.add(List.of(Instant.parse("2026-11-28T00:00:00Z").plusSeconds(i).toString(), i));
        }
        Api.Response r = sta().post("/sta/v1.1/CreateObservations", List.of(Map.of("Datastream", Map.of("@iot.id", ds),
                "components", List.of("phenomenonTime", "result"), "dataArray", data)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        Map<Long, Integer> resultById = new HashMap<>();
        String next = "/sta/v1.1/Datastreams(" + ds + ")/Observations?$select=id,result&$orderby=id&$top=100";
        while (next != null) {
            JsonNode page = sta().get(next).json();
            for (JsonNode o : page.get("value")) {
                resultById.put(o.get("@iot.id").asLong(), o.get("result").asInt());
            }
            next = page.has("@iot.nextLink")
                    ? page.get("@iot.nextLink").asString().substring(("http://localhost:" + port).length()) : null;
        }
        assertThat(resultById).hasSize(rows);
        for (int i = 0; i < rows; i++) {
            String link = r.json().get(i).asString();
            long id = Long.parseLong(link.substring(link.lastIndexOf('(') + 1, link.length() - 1));
            assertThat(resultById.get(id)).as("row %d answered %s", i, link).isEqualTo(i);
        }
    }

    @Test
    void changingADatastreamsObservationTypeAppliesToTheNextObservation() {
        long ds = newDatastream("retyped");
        String path = "/sta/v1.1/Datastreams(" + ds + ")/Observations";
        assertThat(sta().post(path, Map.of("result", 1.0)).status()).isEqualTo(201);
        assertThat(sta().patch("/sta/v1.1/Datastreams(" + ds + ")", Map.of("observationType",
                "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_CategoryObservation")).status()).isEqualTo(200);
        Api.Response refused = sta().post(path, Map.of("result", 2.0));
        assertThat(refused.status()).as("the cached Datastream was forgotten").isEqualTo(400);
        assertThat(field(refused)).isEqualTo("result");
        assertThat(sta().post(path, Map.of("result", "flooded")).status()).isEqualTo(201);
        assertThat(stored(ds)).isEqualTo(2);
    }
}
