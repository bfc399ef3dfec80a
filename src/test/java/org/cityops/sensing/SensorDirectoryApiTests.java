package org.cityops.sensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

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
 * The city's sensor listing: Things resolved to grid, community, street and district, filtered by
 * region, grid, department and type, with each datastream's latest value; and the city members
 * of a Thing's properties checked on write. Each run imports its own 95xxxx place in its own
 * small square, so earlier runs on a kept database never match.
 */
@IntegrationTest
class SensorDirectoryApiTests {

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired ObservationFeed feed;

    Api admin() {
        return Api.on(port, issuer).as(new Actor("admin", Role.ADMIN, null, null));
    }

    Api sta() {
        return Api.on(port, issuer);
    }

    record Place(String city, String district, String street, String community, String grid, double lon, double lat) {
    }

    Place importPlace() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String city = "95" + random.nextInt(10, 100) + "00";
        String district = city.substring(0, 4) + random.nextInt(10, 100);
        String street = district + random.nextInt(100, 1000);
        String community = street + random.nextInt(100, 1000);
        String grid = community + "01";
        double lon = 100 + random.nextInt(0, 10_000) * 0.001;
        double lat = 30 + random.nextInt(0, 10_000) * 0.001;
        List<Map<String, Object>> features = new ArrayList<>();
        features.add(feature("city", city, null, lon, lat));
        features.add(feature("district", district, city, lon, lat));
        features.add(feature("street", street, district, lon, lat));
        features.add(feature("community", community, street, lon, lat));
        features.add(feature("grid", grid, community, lon, lat));
        Api.Response r = admin().post("/api/v1/geo/import", Map.of("type", "FeatureCollection", "features", features));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return new Place(city, district, street, community, grid, lon + 0.0002, lat + 0.0002);
    }

    private static Map<String, Object> feature(String kind, String code, String parent, double lon, double lat) {
        Map<String, Object> properties = new HashMap<>(Map.of("kind", kind, "code", code, "name", "感知测试" + kind,
                "active", true));
        if (parent != null) {
            properties.put("parent", parent);
        }
        List<List<Double>> ring = List.of(List.of(lon, lat), List.of(lon + 0.0005, lat), List.of(lon + 0.0005, lat + 0.0005),
                List.of(lon, lat + 0.0005), List.of(lon, lat));
        return Map.of("type", "Feature", "properties", properties,
                "geometry", Map.of("type", "Polygon", "coordinates", List.of(ring)));
    }

    long department(String region) {
        Api.Response r = admin().post("/api/v1/departments", Map.of("code", Sta.unique("water"), "name", "水务局",
                "level", "DISTRICT", "regionCode", region));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    long thing(String name, Place place, long department, String type) {
        Map<String, Object> body = new HashMap<>(Sta.thing(name, place.lon(), place.lat()));
        body.put("properties", Map.of("cityops:department", department, "cityops:type", type));
        Api.Response r = sta().post("/sta/v1.1/Things", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("@iot.id").asLong();
    }

    @Test
    void sensorsAreListedByRegionGridDepartmentAndTypeWithTheirLatestValue() {
        Place place = importPlace();
        long department = department(place.district());
        String type = Sta.unique("water-level");
        String name = Sta.unique("gauge");
        long thing = thing(name, place, department, type);
        long ds = Sta.datastreamOf(sta(), thing);
        sta().post("/sta/v1.1/Datastreams(" + ds + ")/Observations", Map.of("phenomenonTime", "2026-11-28T10:00:00Z", "result", 2.5));
        sta().post("/sta/v1.1/Datastreams(" + ds + ")/Observations", Map.of("phenomenonTime", "2026-11-28T09:00:00Z", "result", 1.0));

        JsonNode list = admin().get("/api/v1/sensors?grid=" + place.grid()).json();
        assertThat(list).hasSize(1);
        JsonNode sensor = list.get(0);
        assertThat(sensor.get("id").asLong()).isEqualTo(thing);
        assertThat(sensor.get("type").asString()).isEqualTo(type);
        assertThat(sensor.get("departmentId").asLong()).isEqualTo(department);
        assertThat(sensor.get("location").get("communityCode").asString()).isEqualTo(place.community());
        assertThat(sensor.get("location").get("streetCode").asString()).isEqualTo(place.street());
        assertThat(sensor.get("location").get("districtCode").asString()).isEqualTo(place.district());
        JsonNode stream = sensor.get("datastreams").get(0);
        assertThat(stream.get("result").asDouble()).isEqualTo(2.5);
        assertThat(stream.get("phenomenonTime").asString()).isEqualTo("2026-11-28T10:00:00.000Z");

        assertThat(admin().get("/api/v1/sensors?region=" + place.street() + "&type=" + type).json()).hasSize(1);
        assertThat(admin().get("/api/v1/sensors?department=" + department).json()).hasSize(1);
        assertThat(admin().get("/api/v1/sensors?region=" + place.district() + "&type=other").json()).isEmpty();

        Api districtDispatcher = Api.on(port, issuer).as(new Actor("d", Role.DISTRICT_DISPATCHER, place.district(), null));
        assertThat(districtDispatcher.get("/api/v1/sensors?type=" + type).json()).hasSize(1);
        Api elsewhere = Api.on(port, issuer).as(new Actor("e", Role.DISTRICT_DISPATCHER, "959999", null));
        assertThat(elsewhere.get("/api/v1/sensors?type=" + type).json()).isEmpty();
        Api handler = Api.on(port, issuer).as(new Actor("h", Role.DEPARTMENT_HANDLER, null, department));
        assertThat(handler.get("/api/v1/sensors?type=" + type).json()).hasSize(1);

        assertThat(sta().get("/api/v1/sensors").status()).isEqualTo(401);
        assertThat(admin().get("/api/v1/sensors?department=x").json().get("errors").get(0).get("field").asString())
                .isEqualTo("department");
    }

    @Test
    void committedObservationsReachFeedListenersWithTheirPlaceInTheCity() {
        Place place = importPlace();
        long department = department(place.district());
        String type = Sta.unique("rain");
        long thing = thing(Sta.unique("rain-gauge"), place, department, type);
        long ds = Sta.datastreamOf(sta(), thing);
        List<SensedObservation> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        feed.subscribe(batch -> batch.stream().filter(o -> o.datastreamId() == ds).forEach(seen::add));

        Api.Response created = sta().post("/sta/v1.1/Datastreams(" + ds + ")/Observations",
                Map.of("phenomenonTime", "2026-11-28T10:00:00Z", "result", 31.5));
        assertThat(created.status()).isEqualTo(201);
        Api.Response refused = sta().post("/sta/v1.1/Datastreams(" + ds + ")/Observations",
                Map.of("phenomenonTime", "2026-11-28T10:05:00Z", "result", "not a number"));
        assertThat(refused.status()).isEqualTo(400);

        assertThat(seen).hasSize(1);
        SensedObservation o = seen.get(0);
        assertThat(o.observationId()).isEqualTo(created.json().get("@iot.id").asLong());
        assertThat(o.thingId()).isEqualTo(thing);
        assertThat(o.thingType()).isEqualTo(type);
        assertThat(o.departmentId()).isEqualTo(department);
        assertThat(o.location().gridCode()).isEqualTo(place.grid());
        assertThat(o.phenomenonTime()).isEqualTo(java.time.Instant.parse("2026-11-28T10:00:00Z"));
        assertThat(o.numericResult()).isEqualTo(31.5);
    }

    @Test
    void aThingNamingAnUnknownDepartmentOrABlankTypeIsRefused() {
        String name = Sta.unique("bad-dept");
        Map<String, Object> body = new HashMap<>(Sta.thing(name, 100, 30));
        body.put("properties", Map.of("cityops:department", 999_999_999));
        Api.Response unknown = sta().post("/sta/v1.1/Things", body);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("properties/cityops:department");
        body.put("properties", Map.of("cityops:department", "water"));
        assertThat(sta().post("/sta/v1.1/Things", body).status()).isEqualTo(400);
        body.put("properties", Map.of("cityops:type", " "));
        Api.Response blank = sta().post("/sta/v1.1/Things", body);
        assertThat(blank.json().get("errors").get(0).get("field").asString()).isEqualTo("properties/cityops:type");
        assertThat(Sta.count(sta(), "Things", "name eq '" + name + "'")).isZero();
    }
}
