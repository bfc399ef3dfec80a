package org.cityops.sensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.cityops.Api;

import tools.jackson.databind.JsonNode;

/** Shared helpers for the SensorThings HTTP tests: unique names, query encoding and a small sample Thing. */
final class Sta {

    private Sta() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static Map<String, Object> point(double lon, double lat) {
        return Map.of("type", "Point", "coordinates", List.of(lon, lat));
    }

    /** Returns a deep-insert body: a Thing at the point with one Location and one measurement Datastream. */
    static Map<String, Object> thing(String name, double lon, double lat) {
        return Map.of("name", name, "description", "test thing",
                "properties", Map.of("owner", "tests"),
                "Locations", List.of(Map.of("name", name + " spot", "description", "where it stands",
                        "encodingType", "application/geo+json", "location", point(lon, lat))),
                "Datastreams", List.of(Map.of("name", name + " level", "description", "water level",
                        "observationType", "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement",
                        "unitOfMeasurement", Map.of("name", "metre", "symbol", "m", "definition", "http://qudt.org/vocab/unit/M"),
                        "Sensor", Map.of("name", "gauge", "description", "radar gauge", "encodingType", "application/pdf",
                                "metadata", "http://example.org/gauge.pdf"),
                        "ObservedProperty", Map.of("name", "water level", "definition", "http://example.org/water-level",
                                "description", "height of the water surface"))));
    }

    /** Creates the sample Thing and returns its created JSON. */
    static JsonNode createThing(Api api, String version, String name, double lon, double lat) {
        Api.Response r = api.post("/sta/" + version + "/Things", thing(name, lon, lat));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    /** Returns the id of the first Datastream of the Thing. */
    static long datastreamOf(Api api, long thingId) {
        Api.Response r = api.get("/sta/v1.1/Things(" + thingId + ")/Datastreams");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("value").get(0).get("@iot.id").asLong();
    }

    static long count(Api api, String set, String filter) {
        Api.Response r = api.get("/sta/v1.1/" + set + "?$count=true&$top=0&$filter=" + q(filter));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("@iot.count").asLong();
    }
}
