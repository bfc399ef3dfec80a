package org.cityops.sensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * A device writes to {@code /sta} with its API key ({@code X-Api-Key}) instead of a bearer token,
 * and only Observations of its own Things' datastreams: everything else is 403 naming the
 * datastream or path, and writes nothing; an unknown or deactivated key is 401.
 */
@IntegrationTest
@TestPropertySource(properties = "cityops.sta-anonymous-writes=false")
class StaDeviceKeyTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;

    Api admin() {
        return Api.on(port, issuer).as(new Actor("key-admin", Role.ADMIN, null, null));
    }

    record Station(long thing, long datastream) {
    }

    Station station() {
        long thing = Sta.createThing(admin(), "v1.1", Sta.unique("keyed"), 121.5, 31.2).get("@iot.id").asLong();
        return new Station(thing, Sta.datastreamOf(admin(), thing));
    }

    String key(long... things) {
        Api.Response r = admin().post("/api/v1/sensors/credentials", Map.of("name", Sta.unique("key"),
                "integration", "tests", "thingIds", java.util.Arrays.stream(things).boxed().toList()));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("apiKey").asString();
    }

    Api.Response send(String method, String path, String key, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").header("X-Api-Key", key)
                .method(method, HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body)));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Api.Response(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
    }

    long count(long datastream) {
        return Sta.count(admin(), "Observations", "Datastream/id eq " + datastream);
    }

    @Test
    void aDeviceKeyCreatesObservationsInItsOwnDatastreams() throws Exception {
        Station s = station();
        String key = key(s.thing());
        Api.Response viaPath = send("POST", "/sta/v1.1/Datastreams(" + s.datastream() + ")/Observations", key,
                Map.of("result", 1.25));
        assertThat(viaPath.status()).as(viaPath.toString()).isEqualTo(201);
        Api.Response viaBody = send("POST", "/sta/v1.0/Observations", key,
                Map.of("result", 1.5, "Datastream", Map.of("@iot.id", s.datastream())));
        assertThat(viaBody.status()).as(viaBody.toString()).isEqualTo(201);
        Api.Response bulk = send("POST", "/sta/v1.1/CreateObservations", key, List.of(Map.of(
                "Datastream", Map.of("@iot.id", s.datastream()), "components", List.of("phenomenonTime", "result"),
                "dataArray", List.of(List.of("2026-11-28T08:00:00Z", 1.75)))));
        assertThat(bulk.status()).as(bulk.toString()).isEqualTo(201);
        assertThat(count(s.datastream())).isEqualTo(3);
    }

    @Test
    void aDeviceKeyWritingToAnotherThingsDatastreamIsForbiddenNamingTheDatastreamAndWritesNothing() throws Exception {
        Station mine = station();
        Station theirs = station();
        String key = key(mine.thing());
        String stream = "Datastreams(" + theirs.datastream() + ")";

        Api.Response viaBody = send("POST", "/sta/v1.1/Observations", key,
                Map.of("result", 9.0, "Datastream", Map.of("@iot.id", theirs.datastream())));
        assertThat(viaBody.status()).isEqualTo(403);
        JsonNode error = viaBody.json().get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("Datastream/@iot.id");
        assertThat(error.get("message").asString()).contains(stream);

        Api.Response viaPath = send("POST", "/sta/v1.1/" + stream + "/Observations", key, Map.of("result", 9.0));
        assertThat(viaPath.status()).isEqualTo(403);
        assertThat(viaPath.json().get("errors").get(0).get("field").asString()).isEqualTo("path");
        assertThat(viaPath.json().get("detail").asString()).contains(stream);

        Api.Response bulk = send("POST", "/sta/v1.1/CreateObservations", key, List.of(
                Map.of("Datastream", Map.of("@iot.id", mine.datastream()), "components", List.of("result"),
                        "dataArray", List.of(List.of(1.0))),
                Map.of("Datastream", Map.of("@iot.id", theirs.datastream()), "components", List.of("result"),
                        "dataArray", List.of(List.of(9.0)))));
        assertThat(bulk.status()).isEqualTo(403);
        assertThat(bulk.json().get("errors").get(0).get("field").asString()).isEqualTo("1/Datastream/@iot.id");

        Api.Response inline = send("POST", "/sta/v1.1/Observations", key, Map.of("result", 9.0,
                "Datastream", Map.of("name", "smuggled", "description", "d")));
        assertThat(inline.status()).isEqualTo(403);
        assertThat(inline.json().get("errors").get(0).get("field").asString()).isEqualTo("Datastream/@iot.id");

        assertThat(count(theirs.datastream())).isZero();
        assertThat(count(mine.datastream())).isZero();
    }

    @Test
    void aDeviceKeyOnlyCreatesObservations() throws Exception {
        Station s = station();
        String key = key(s.thing());
        String name = Sta.unique("device-made");
        Api.Response thing = send("POST", "/sta/v1.1/Things", key, Map.of("name", name, "description", "d"));
        assertThat(thing.status()).isEqualTo(403);
        assertThat(thing.json().get("errors").get(0).get("field").asString()).isEqualTo("path");
        assertThat(Sta.count(admin(), "Things", "name eq '" + name + "'")).isZero();

        Api.Response patch = send("PATCH", "/sta/v1.1/Things(" + s.thing() + ")", key, Map.of("name", name));
        assertThat(patch.status()).isEqualTo(403);
        assertThat(Sta.count(admin(), "Things", "name eq '" + name + "'")).isZero();
    }

    @Test
    void anUnknownOrDeactivatedKeyIsUnauthorized() throws Exception {
        Station s = station();
        Api.Response unknown = send("POST", "/sta/v1.1/Datastreams(" + s.datastream() + ")/Observations",
                "cod_not-a-key", Map.of("result", 1.0));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("X-Api-Key");

        Api.Response issued = admin().post("/api/v1/sensors/credentials", Map.of("name", Sta.unique("gone"),
                "integration", "tests", "thingIds", List.of(s.thing())));
        admin().post("/api/v1/sensors/credentials/" + issued.json().get("credential").get("id").asLong()
                + "/deactivate", Map.of());
        Api.Response deactivated = send("POST", "/sta/v1.1/Datastreams(" + s.datastream() + ")/Observations",
                issued.json().get("apiKey").asString(), Map.of("result", 1.0));
        assertThat(deactivated.status()).isEqualTo(401);
        assertThat(count(s.datastream())).isZero();
    }
}
