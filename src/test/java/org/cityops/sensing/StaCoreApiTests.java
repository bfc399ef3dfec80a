package org.cityops.sensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** Conformance class A.1 (core): service root, entities, links, navigation, properties, $value and $ref. */
@IntegrationTest
class StaCoreApiTests {

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;

    Api sta() {
        return Api.on(port, issuer);
    }

    @Test
    void serviceRootListsEverySetAndV11AddsConformance() {
        JsonNode v10 = sta().get("/sta/v1.0").json();
        List<String> names = new ArrayList<>();
        v10.get("value").forEach(s -> names.add(s.get("name").asString()));
        assertThat(names).containsExactly("Things", "Locations", "HistoricalLocations", "Datastreams",
                "MultiDatastreams", "Sensors", "ObservedProperties", "Observations", "FeaturesOfInterest");
        assertThat(v10.get("value").get(0).get("url").asString()).isEqualTo("http://localhost:" + port + "/sta/v1.0/Things");
        assertThat(v10.has("serverSettings")).isFalse();
        JsonNode v11 = sta().get("/sta/v1.1/").json();
        assertThat(v11.get("serverSettings").get("conformance").toString())
                .contains("http://www.opengis.net/spec/iot_sensing/1.1/req/create-update-delete");
    }

    @Test
    void anEntityCarriesItsIdSelfLinkAndNavigationLinks() {
        String name = Sta.unique("core");
        JsonNode thing = Sta.createThing(sta(), "v1.0", name, 116.40, 39.90);
        long id = thing.get("@iot.id").asLong();
        String base = "http://localhost:" + port + "/sta/v1.0";
        Api.Response response = sta().get("/sta/v1.0/Things(" + id + ")");
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode read = response.json();
        assertThat(read.get("@iot.selfLink").asString()).isEqualTo(base + "/Things(" + id + ")");
        assertThat(read.get("name").asString()).isEqualTo(name);
        assertThat(read.get("properties").get("owner").asString()).isEqualTo("tests");
        for (String nav : List.of("Locations", "HistoricalLocations", "Datastreams")) {
            assertThat(read.get(nav + "@iot.navigationLink").asString()).isEqualTo(base + "/Things(" + id + ")/" + nav);
        }
    }

    @Test
    void navigationPropertiesAndRefsLeadToTheRelatedEntities() {
        String name = Sta.unique("nav");
        long thing = Sta.createThing(sta(), "v1.1", name, 116.41, 39.91).get("@iot.id").asLong();
        long ds = Sta.datastreamOf(sta(), thing);

        JsonNode back = sta().get("/sta/v1.1/Datastreams(" + ds + ")/Thing").json();
        assertThat(back.get("@iot.id").asLong()).isEqualTo(thing);
        assertThat(sta().get("/sta/v1.1/Datastreams(" + ds + ")/Thing/name").json().get("name").asString()).isEqualTo(name);
        assertThat(sta().get("/sta/v1.1/Things(" + thing + ")/id").json().get("id").asLong()).isEqualTo(thing);
        JsonNode unit = sta().get("/sta/v1.1/Datastreams(" + ds + ")/unitOfMeasurement").json();
        assertThat(unit.size()).isEqualTo(1);
        assertThat(unit.get("unitOfMeasurement").get("symbol").asString()).isEqualTo("m");
        assertThat(sta().get("/sta/v1.1/Datastreams(" + ds + ")/unitOfMeasurement/$value").body()).startsWith("{");
        Api.Response raw = sta().get("/sta/v1.1/Datastreams(" + ds + ")/Thing/name/$value");
        assertThat(raw.body()).isEqualTo(name);
        assertThat(raw.contentType()).startsWith("text/plain");

        JsonNode refs = sta().get("/sta/v1.1/Things(" + thing + ")/Datastreams/$ref").json();
        assertThat(refs.get("value").get(0).get("@iot.selfLink").asString()).endsWith("/Datastreams(" + ds + ")");
        assertThat(refs.get("value").get(0).has("name")).isFalse();

        JsonNode history = sta().get("/sta/v1.1/Things(" + thing + ")/HistoricalLocations?$expand=Locations").json();
        assertThat(history.get("value")).hasSize(1);
        assertThat(history.get("value").get(0).get("Locations").get(0).get("name").asString()).isEqualTo(name + " spot");
        assertThat(sta().get("/sta/v1.1/Things(" + thing + ")/Datastreams(" + ds + ")").status()).isEqualTo(200);
        long sensor = sta().get("/sta/v1.1/Datastreams(" + ds + ")/Sensor").json().get("@iot.id").asLong();
        JsonNode deep = sta().get("/sta/v1.1/Things(" + thing + ")/Datastreams(" + ds + ")/Sensor/Datastreams").json();
        assertThat(deep.get("value").get(0).get("@iot.id").asLong()).isEqualTo(ds);
        assertThat(sta().get("/sta/v1.1/Sensors(" + sensor + ")/Datastreams(" + ds + ")/Thing/Locations/$ref").json()
                .get("value")).hasSize(1);
        assertThat(sta().get("/sta/v1.1/Things(" + thing + ")/Datastreams(" + Long.MAX_VALUE + ")").status()).isEqualTo(404);
    }

    @Test
    void theOpenApiDocumentListsTheSensingEndpoints() {
        Api.Response docs = sta().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/v1/sensors").contains("/sta/{version}").contains("SensorThings");
    }

    @Test
    void missingEntitiesAndUnknownPathsAre404() {
        assertThat(sta().get("/sta/v1.1/Things(999999999)").status()).isEqualTo(404);
        Api.Response unknownSet = sta().get("/sta/v1.1/Gadgets");
        assertThat(unknownSet.status()).isEqualTo(404);
        assertThat(unknownSet.json().get("detail").asString()).contains("Gadgets");
        Api.Response unknownProperty = sta().get("/sta/v1.1/Things(1)/colour");
        assertThat(unknownProperty.status()).isEqualTo(404);
        assertThat(unknownProperty.json().get("detail").asString()).contains("colour");
        assertThat(sta().get("/sta/v2.0/Things").status()).isEqualTo(404);
        Api.Response badId = sta().get("/sta/v1.1/Things(abc)");
        assertThat(badId.status()).isEqualTo(400);
    }
}
