package org.cityops.sensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * Conformance class A.3 (create-update-delete): deep insert and its atomicity, links by id,
 * generated features of interest, PATCH, PUT, cascading deletes, and bad input naming the problem.
 */
@IntegrationTest
class StaCreateUpdateDeleteApiTests {

    static final String MEASUREMENT = "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement";

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;

    Api sta() {
        return Api.on(port, issuer);
    }

    long create(String set, Map<String, Object> body) {
        Api.Response r = sta().post("/sta/v1.1/" + set, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("@iot.id").asLong();
    }

    Map<String, Object> datastream(String name, long thing, long sensor, long property) {
        return Map.of("name", name, "description", "d", "observationType", MEASUREMENT,
                "unitOfMeasurement", Map.of("name", "degree Celsius", "symbol", "°C", "definition", "ucum:Cel"),
                "Thing", Map.of("@iot.id", thing), "Sensor", Map.of("@iot.id", sensor),
                "ObservedProperty", Map.of("@iot.id", property));
    }

    @Test
    void entitiesLinkedByIdFormADatastreamAndTheFeatureOfInterestIsGenerated() {
        String name = Sta.unique("links");
        long thing = create("Things", Map.of("name", name, "description", "t",
                "Locations", List.of(Map.of("name", name + " loc", "description", "l", "encodingType", "application/geo+json",
                        "location", Sta.point(121.47, 31.23)))));
        long sensor = create("Sensors", Map.of("name", "thermometer", "description", "s", "encodingType", "text/html",
                "metadata", "http://example.org"));
        long property = create("ObservedProperties", Map.of("name", "temperature", "definition", "http://example.org/t",
                "description", "air temperature"));
        Api.Response created = sta().post("/sta/v1.1/Datastreams", datastream(name, thing, sensor, property));
        assertThat(created.status()).isEqualTo(201);
        long ds = created.json().get("@iot.id").asLong();

        long first = create("Datastreams(" + ds + ")/Observations", Map.of("result", 21.5,
                "phenomenonTime", "2026-11-28T08:00:00Z"));
        long second = create("Observations", Map.of("result", 22, "phenomenonTime", "2026-11-28T09:00:00Z/2026-11-28T09:30:00Z",
                "Datastream", Map.of("@iot.id", ds)));
        JsonNode foi1 = sta().get("/sta/v1.1/Observations(" + first + ")/FeatureOfInterest").json();
        JsonNode foi2 = sta().get("/sta/v1.1/Observations(" + second + ")/FeatureOfInterest").json();
        assertThat(foi1.get("feature").get("coordinates").get(0).asDouble()).isEqualTo(121.47);
        assertThat(foi1.get("name").asString()).isEqualTo(name + " loc");
        assertThat(foi2.get("@iot.id").asLong()).isEqualTo(foi1.get("@iot.id").asLong());
        JsonNode stream = sta().get("/sta/v1.1/Datastreams(" + ds + ")").json();
        assertThat(stream.get("phenomenonTime").asString()).isEqualTo("2026-11-28T08:00:00.000Z/2026-11-28T09:30:00.000Z");
        assertThat(stream.get("observedArea").toString()).isEqualTo("{\"type\":\"Point\",\"coordinates\":[121.47,31.23]}");
        create("Observations", Map.of("result", 23, "Datastream", Map.of("@iot.id", ds),
                "FeatureOfInterest", Map.of("name", "river bank", "description", "f", "encodingType", "application/geo+json",
                        "feature", Sta.point(121.5, 31.3))));
        assertThat(sta().get("/sta/v1.1/Datastreams(" + ds + ")/observedArea").json().get("observedArea").toString())
                .isEqualTo("{\"type\":\"Polygon\",\"coordinates\":[[[121.47,31.23],[121.5,31.23],[121.5,31.3],"
                        + "[121.47,31.3],[121.47,31.23]]]}");
        assertThat(sta().get("/sta/v1.1/Observations(" + second + ")").json().get("phenomenonTime").asString())
                .isEqualTo("2026-11-28T09:00:00.000Z/2026-11-28T09:30:00.000Z");
    }

    @Test
    void aLocationAddedToAThingIsRecordedAsAHistoricalLocation() {
        String name = Sta.unique("history");
        long thing = create("Things", Map.of("name", name, "description", "no location yet"));
        assertThat(sta().get("/sta/v1.1/Things(" + thing + ")/HistoricalLocations").json().get("value")).isEmpty();

        long first = create("Things(" + thing + ")/Locations", Map.of("name", name + " a", "description", "l",
                "encodingType", "application/geo+json", "location", Sta.point(116.1, 39.1)));
        long second = create("Locations", Map.of("name", name + " b", "description", "l",
                "encodingType", "application/geo+json", "location", Sta.point(116.2, 39.2),
                "Things", List.of(Map.of("@iot.id", thing))));

        JsonNode history = sta().get("/sta/v1.1/Things(" + thing + ")/HistoricalLocations?$expand=Locations&$orderby=id")
                .json().get("value");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("Locations").get(0).get("@iot.id").asLong()).isEqualTo(first);
        assertThat(history.get(1).get("Locations").get(0).get("@iot.id").asLong()).isEqualTo(second);
        assertThat(sta().get("/sta/v1.1/Locations(" + second + ")/Things").json().get("value").get(0).get("@iot.id")
                .asLong()).isEqualTo(thing);

        long explicit = create("HistoricalLocations", Map.of("time", "2026-01-01T00:00:00+08:00",
                "Thing", Map.of("@iot.id", thing), "Locations", List.of(Map.of("@iot.id", first))));
        assertThat(sta().get("/sta/v1.1/HistoricalLocations(" + explicit + ")/time/$value").body())
                .isEqualTo("2025-12-31T16:00:00.000Z");
        Api.Response noThing = sta().post("/sta/v1.1/HistoricalLocations", Map.of("time", "2026-01-01T00:00:00Z"));
        assertThat(noThing.status()).isEqualTo(400);
        assertThat(noThing.json().get("errors").get(0).get("field").asString()).isEqualTo("Thing");

        // deleting a Location deletes the history entries left without a Location
        assertThat(sta().delete("/sta/v1.1/Locations(" + first + ")").status()).isEqualTo(200);
        assertThat(sta().get("/sta/v1.1/HistoricalLocations(" + explicit + ")").status()).isEqualTo(404);
        assertThat(sta().get("/sta/v1.1/Things(" + thing + ")/HistoricalLocations").json().get("value")).hasSize(1);
    }

    @Test
    void aFailedDeepInsertWritesNothing() {
        String name = Sta.unique("atomic");
        Map<String, Object> body = new java.util.HashMap<>(Sta.thing(name, 116.4, 39.9));
        body.put("Datastreams", List.of(Map.of("name", name + " ds", "description", "d", "observationType", MEASUREMENT,
                "unitOfMeasurement", Map.of("name", "m"),
                "Sensor", Map.of("name", name + " sensor", "description", "s", "encodingType", "text/html", "metadata", "x"),
                "ObservedProperty", Map.of("@iot.id", 999999999))));
        Api.Response r = sta().post("/sta/v1.1/Things", body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("field").asString())
                .isEqualTo("Datastreams/0/ObservedProperty/@iot.id");
        assertThat(Sta.count(sta(), "Things", "name eq '" + name + "'")).isZero();
        assertThat(Sta.count(sta(), "Locations", "name eq '" + name + " spot'")).isZero();
        assertThat(Sta.count(sta(), "Sensors", "name eq '" + name + " sensor'")).isZero();
    }

    @Test
    void missingRelationsUnknownMembersWrongTypesAndBadTimesAreRefusedByName() {
        String name = Sta.unique("bad");
        Api.Response noThing = sta().post("/sta/v1.1/Datastreams", Map.of("name", name, "description", "d",
                "observationType", MEASUREMENT, "unitOfMeasurement", Map.of("name", "m"),
                "Sensor", Map.of("name", name, "description", "s", "encodingType", "text/html", "metadata", "x"),
                "ObservedProperty", Map.of("name", name, "definition", "d", "description", "p")));
        assertThat(noThing.status()).isEqualTo(400);
        assertThat(noThing.json().get("errors").get(0).get("field").asString()).isEqualTo("Thing");
        assertThat(Sta.count(sta(), "Sensors", "name eq '" + name + "'")).isZero();

        Api.Response unknown = sta().post("/sta/v1.1/Things", Map.of("name", name, "colour", "red"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("colour");
        assertThat(Sta.count(sta(), "Things", "name eq '" + name + "'")).isZero();

        Api.Response wrongType = sta().post("/sta/v1.1/Things", Map.of("name", 42));
        assertThat(wrongType.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(wrongType.json().get("errors").get(0).get("message").asString()).contains("string");

        String huge = "{\"name\": \"" + name + "\", \"description\": \"" + "x".repeat(1_100_000) + "\"}";
        Api.Response tooLarge = sta().send("POST", "/sta/v1.1/Things", "application/json", huge);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(Sta.count(sta(), "Things", "name eq '" + name + "'")).isZero();

        Api.Response malformed = sta().send("POST", "/sta/v1.1/Things", "application/json", "{\"name\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("errors").get(0).get("field").asString()).isEqualTo("body");

        long ds = Sta.datastreamOf(sta(), Sta.createThing(sta(), "v1.1", name, 116.4, 39.9).get("@iot.id").asLong());
        Api.Response badTime = sta().post("/sta/v1.1/Datastreams(" + ds + ")/Observations",
                Map.of("result", 1, "phenomenonTime", "yesterday"));
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.json().get("errors").get(0).get("field").asString()).isEqualTo("phenomenonTime");
        Api.Response badResult = sta().post("/sta/v1.1/Datastreams(" + ds + ")/Observations", Map.of("result", "high"));
        assertThat(badResult.status()).isEqualTo(400);
        assertThat(badResult.json().get("errors").get(0).get("field").asString()).isEqualTo("result");
        assertThat(badResult.json().get("detail").asString()).contains("OM_Measurement");
        Api.Response noStream = sta().post("/sta/v1.1/Observations", Map.of("result", 1));
        assertThat(noStream.json().get("errors").get(0).get("field").asString()).isEqualTo("Datastream");
        Api.Response missingStream = sta().post("/sta/v1.1/Observations",
                Map.of("result", 1, "Datastream", Map.of("@iot.id", 999999999)));
        assertThat(missingStream.status()).isEqualTo(400);
        assertThat(missingStream.json().get("detail").asString()).contains("999999999");
        assertThat(sta().post("/sta/v1.1/Things(999999999)/Datastreams", Map.of()).status()).isEqualTo(404);
        assertThat(Sta.count(sta(), "Observations", "Datastream/id eq " + ds)).isZero();
    }

    @Test
    void patchChangesGivenMembersAndPutReplacesTheEntity() {
        String name = Sta.unique("update");
        long thing = Sta.createThing(sta(), "v1.1", name, 116.4, 39.9).get("@iot.id").asLong();
        Api.Response patched = sta().patch("/sta/v1.1/Things(" + thing + ")", Map.of("description", "patched"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("name").asString()).isEqualTo(name);
        assertThat(patched.json().get("description").asString()).isEqualTo("patched");

        long location = create("Locations", Map.of("name", name + " new", "description", "moved", "encodingType",
                "application/geo+json", "location", Sta.point(116.5, 39.8)));
        sta().patch("/sta/v1.1/Things(" + thing + ")", Map.of("Locations", List.of(Map.of("@iot.id", location))));
        JsonNode locations = sta().get("/sta/v1.1/Things(" + thing + ")/Locations").json().get("value");
        assertThat(locations).hasSize(1);
        assertThat(locations.get(0).get("@iot.id").asLong()).isEqualTo(location);
        assertThat(sta().get("/sta/v1.1/Things(" + thing + ")/HistoricalLocations").json().get("value")).hasSize(2);

        Api.Response put = sta().put("/sta/v1.1/Things(" + thing + ")", Map.of("name", name + " replaced"));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("description").isNull()).isTrue();
        assertThat(put.json().get("properties").isNull()).isTrue();
        Api.Response putMissing = sta().put("/sta/v1.1/Things(" + thing + ")", Map.of("description", "no name"));
        assertThat(putMissing.status()).isEqualTo(400);
        assertThat(putMissing.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(sta().get("/sta/v1.1/Things(" + thing + ")").json().get("name").asString()).isEqualTo(name + " replaced");
        assertThat(sta().put("/sta/v1.0/Things(" + thing + ")", Map.of("name", name + " v1.0")).json().get("name")
                .asString()).isEqualTo(name + " v1.0");
        assertThat(sta().patch("/sta/v1.1/Things(999999999)", Map.of("name", "x")).status()).isEqualTo(404);

        long ds = Sta.datastreamOf(sta(), thing);
        long observation = create("Datastreams(" + ds + ")/Observations",
                Map.of("result", 1.0, "phenomenonTime", "2026-01-01T00:00:00Z", "resultTime", "2026-01-01T00:01:00Z"));
        Api.Response putObservation = sta().put("/sta/v1.1/Observations(" + observation + ")", Map.of("result", 2.0));
        assertThat(putObservation.status()).as(putObservation.toString()).isEqualTo(200);
        assertThat(putObservation.json().get("resultTime").isNull()).isTrue();
        assertThat(putObservation.json().get("phenomenonTime").asString()).isNotEqualTo("2026-01-01T00:00:00.000Z");
        Api.Response badUnit = sta().patch("/sta/v1.1/Datastreams(" + ds + ")", Map.of("unitOfMeasurement", "metre"));
        assertThat(badUnit.status()).isEqualTo(400);
        assertThat(badUnit.json().get("errors").get(0).get("field").asString()).isEqualTo("unitOfMeasurement");
    }

    @Test
    void anUpdateLinksExistingEntitiesButCannotCreateThemInline() {
        String name = Sta.unique("inline");
        long thing = Sta.createThing(sta(), "v1.1", name, 116.4, 39.9).get("@iot.id").asLong();
        long ds = Sta.datastreamOf(sta(), thing);
        Api.Response newSensor = sta().patch("/sta/v1.1/Datastreams(" + ds + ")", Map.of("Sensor",
                Map.of("name", name, "description", "s", "encodingType", "text/html", "metadata", "x")));
        assertThat(newSensor.status()).isEqualTo(400);
        assertThat(newSensor.json().get("errors").get(0).get("field").asString()).isEqualTo("Sensor");
        Api.Response observations = sta().patch("/sta/v1.1/Datastreams(" + ds + ")",
                Map.of("Observations", List.of(Map.of("result", 1))));
        assertThat(observations.status()).isEqualTo(400);
        assertThat(observations.json().get("errors").get(0).get("field").asString()).isEqualTo("Observations");
        Api.Response locations = sta().patch("/sta/v1.1/Things(" + thing + ")", Map.of("Locations", List.of(Map.of(
                "name", name, "description", "l", "encodingType", "application/geo+json", "location", Sta.point(1, 2)))));
        assertThat(locations.status()).isEqualTo(400);
        assertThat(Sta.count(sta(), "Sensors", "name eq '" + name + "'")).isZero();
        assertThat(Sta.count(sta(), "Locations", "name eq '" + name + "'")).isZero();
        assertThat(Sta.count(sta(), "Observations", "Datastream/id eq " + ds)).isZero();

        long sensor = create("Sensors", Map.of("name", name + " other", "description", "s", "encodingType", "text/html",
                "metadata", "x"));
        assertThat(sta().patch("/sta/v1.1/Datastreams(" + ds + ")", Map.of("Sensor", Map.of("@iot.id", sensor))).status())
                .isEqualTo(200);
        assertThat(sta().get("/sta/v1.1/Datastreams(" + ds + ")/Sensor").json().get("@iot.id").asLong()).isEqualTo(sensor);
        assertThat(sta().delete("/sta/v1.1/Things(" + Long.MAX_VALUE + ")").status()).isEqualTo(404);
        assertThat(sta().get("/sta/v1.0/Sensors(" + Long.MAX_VALUE + ")").status()).isEqualTo(404);
    }

    @Test
    void deletingAThingDeletesItsDatastreamsObservationsAndHistory() {
        String name = Sta.unique("delete");
        long thing = Sta.createThing(sta(), "v1.1", name, 116.4, 39.9).get("@iot.id").asLong();
        long ds = Sta.datastreamOf(sta(), thing);
        long observation = create("Datastreams(" + ds + ")/Observations", Map.of("result", 1.0));
        long location = sta().get("/sta/v1.1/Things(" + thing + ")/Locations").json().get("value").get(0)
                .get("@iot.id").asLong();

        assertThat(sta().delete("/sta/v1.1/Things(" + thing + ")").status()).isEqualTo(200);
        assertThat(sta().get("/sta/v1.1/Things(" + thing + ")").status()).isEqualTo(404);
        assertThat(sta().get("/sta/v1.1/Datastreams(" + ds + ")").status()).isEqualTo(404);
        assertThat(sta().get("/sta/v1.1/Observations(" + observation + ")").status()).isEqualTo(404);
        assertThat(Sta.count(sta(), "HistoricalLocations", "Thing/name eq '" + name + "'")).isZero();
        // the Location, Sensor and ObservedProperty live on: the standard deletes only what depends on the Thing
        assertThat(sta().get("/sta/v1.1/Locations(" + location + ")").status()).isEqualTo(200);
        assertThat(sta().delete("/sta/v1.1/Things(" + thing + ")").status()).isEqualTo(404);
    }

    @Test
    void multiDatastreamsTakeOneResultPerObservedProperty() {
        String name = Sta.unique("multi");
        long thing = Sta.createThing(sta(), "v1.1", name, 116.4, 39.9).get("@iot.id").asLong();
        Map<String, Object> body = Map.of("name", name, "description", "wind",
                "observationType", "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_ComplexObservation",
                "multiObservationDataTypes", List.of(MEASUREMENT, MEASUREMENT),
                "unitOfMeasurements", List.of(Map.of("name", "m/s"), Map.of("name", "degree")),
                "Thing", Map.of("@iot.id", thing),
                "Sensor", Map.of("name", "anemometer", "description", "s", "encodingType", "text/html", "metadata", "x"),
                "ObservedProperties", List.of(Map.of("name", "wind speed", "definition", "d", "description", "d"),
                        Map.of("name", "wind direction", "definition", "d", "description", "d")));
        long md = create("MultiDatastreams", body);
        assertThat(sta().get("/sta/v1.0/MultiDatastreams(" + md + ")/ObservedProperties").json().get("value")).hasSize(2);
        create("MultiDatastreams(" + md + ")/Observations", Map.of("result", List.of(3.5, 270)));
        Api.Response wrong = sta().post("/sta/v1.1/MultiDatastreams(" + md + ")/Observations", Map.of("result", List.of(3.5)));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("errors").get(0).get("field").asString()).isEqualTo("result");
    }

    @Test
    void aMultiDatastreamKeepsItsObservedPropertiesInOrderRepeatsIncluded() {
        String name = Sta.unique("order");
        long thing = Sta.createThing(sta(), "v1.1", name, 116.4, 39.9).get("@iot.id").asLong();
        long ds = Sta.datastreamOf(sta(), thing);
        long sensor = create("Sensors", Map.of("name", name, "description", "s", "encodingType", "text", "metadata", "x"));
        long first = create("ObservedProperties", Map.of("name", name + " 1", "definition", "d", "description", "d"));
        long second = create("ObservedProperties", Map.of("name", name + " 2", "definition", "d", "description", "d"));
        // observationType left out: OM_ComplexObservation is the only one a MultiDatastream can have
        long md = create("MultiDatastreams", Map.of("name", name, "description", "twice",
                "multiObservationDataTypes", List.of(MEASUREMENT, MEASUREMENT, MEASUREMENT),
                "unitOfMeasurements", List.of(Map.of("name", "a"), Map.of("name", "b"), Map.of("name", "c")),
                "Thing", Map.of("@iot.id", thing), "Sensor", Map.of("@iot.id", sensor),
                "ObservedProperties", List.of(Map.of("@iot.id", second), Map.of("@iot.id", first), Map.of("@iot.id", second))));
        JsonNode properties = sta().get("/sta/v1.1/MultiDatastreams(" + md + ")/ObservedProperties?$count=true").json();
        assertThat(properties.get("@iot.count").asLong()).isEqualTo(3);
        assertThat(properties.get("value").valueStream().map(p -> p.get("@iot.id").asLong()).toList())
                .containsExactly(second, first, second);

        long observation = create("Datastreams(" + ds + ")/Observations", Map.of("result", 1.0));
        Api.Response both = sta().patch("/sta/v1.1/Observations(" + observation + ")",
                Map.of("MultiDatastream", Map.of("@iot.id", md)));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().get("errors").get(0).get("field").asString()).isEqualTo("MultiDatastream");
        Api.Response relink = sta().patch("/sta/v1.1/ObservedProperties(" + first + ")",
                Map.of("MultiDatastreams", List.of(Map.of("@iot.id", md))));
        assertThat(relink.status()).isEqualTo(400);
        assertThat(sta().get("/sta/v1.1/MultiDatastreams(" + md + ")/ObservedProperties?$count=true").json()
                .get("@iot.count").asLong()).isEqualTo(3);

        Api.Response fewerTypes = sta().patch("/sta/v1.1/MultiDatastreams(" + md + ")",
                Map.of("multiObservationDataTypes", List.of(MEASUREMENT)));
        assertThat(fewerTypes.status()).isEqualTo(400);
        assertThat(fewerTypes.json().get("errors").get(0).get("field").asString()).isEqualTo("multiObservationDataTypes");
        Api.Response replaced = sta().put("/sta/v1.1/MultiDatastreams(" + md + ")", Map.of("name", name + " again",
                "multiObservationDataTypes", List.of(MEASUREMENT, MEASUREMENT, MEASUREMENT),
                "unitOfMeasurements", List.of(Map.of("name", "x"), Map.of("name", "y"), Map.of("name", "z"))));
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.json().get("observationType").asString()).endsWith("OM_ComplexObservation");

        assertThat(sta().delete("/sta/v1.1/ObservedProperties(" + second + ")").status()).isEqualTo(200);
        assertThat(sta().get("/sta/v1.1/MultiDatastreams(" + md + ")").status()).isEqualTo(404);
        assertThat(sta().get("/sta/v1.1/ObservedProperties(" + first + ")").status()).isEqualTo(200);
    }
}
