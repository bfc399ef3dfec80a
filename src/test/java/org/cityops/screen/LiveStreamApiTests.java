package org.cityops.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.cityops.Api;
import org.cityops.ConsoleCity;
import org.cityops.EventStream;
import org.cityops.IntegrationTest;
import org.cityops.MutableClock;
import org.cityops.geo.GridLocation;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.cityops.rules.AlertChanged;
import org.cityops.rules.AlertSeverity;
import org.cityops.rules.AlertStatus;
import org.cityops.sensing.DeviceStatusChanged;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;

import tools.jackson.databind.JsonNode;

/**
 * The live stream over real HTTP: case events after a report, alerts, device changes and subscribed
 * values, each only for callers whose scope covers them, resumption after Last-Event-ID and the
 * reset when the missed events are not known.
 */
@IntegrationTest
@Import(MutableClock.Config.class)
class LiveStreamApiTests {

    static final Actor ADMIN = new Actor("admin", Role.ADMIN, null, null);

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired ApplicationEventPublisher events;

    static ConsoleCity city;

    @BeforeEach
    void city() {
        if (city == null) {
            city = ConsoleCity.importedBy(as(ADMIN));
        }
    }

    Api as(Actor actor) {
        return Api.on(port, issuer).as(actor);
    }

    EventStream stream(Actor actor, String query, String lastEventId) {
        return EventStream.open(port, issuer.issue(actor, actor.username()).token(), query, lastEventId);
    }

    long report(double[] at, String description) {
        Api.Response r = as(ADMIN).post("/api/v1/cases", Map.of("sourceType", "INSPECTOR", "longitude", at[0],
                "latitude", at[1], "description", description, "categoryCode", "E0101"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    static long uniqueDepartment() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L, 2_000_000_000L);
    }

    AlertChanged alert(long alertId, GridLocation where, Long department) {
        return new AlertChanged(alertId, 7, "水位超限", "水位 2.31 m > 2.0 m", AlertSeverity.ORANGE, AlertStatus.RAISED,
                "RAISED", "datastream:42", where, department, 1, null, java.time.Instant.parse("2026-03-02T01:00:00Z"));
    }

    static GridLocation gridA1() {
        return new GridLocation(ConsoleCity.GRID_A1, ConsoleCity.COMMUNITY_A, ConsoleCity.STREET_A,
                ConsoleCity.DISTRICT_A, ConsoleCity.CITY);
    }

    @Test
    void anAuthorizedClientReceivesTheCaseEventOfAReport() {
        try (EventStream s = stream(ADMIN, null, null)) {
            String text = "直播测试 " + UUID.randomUUID();
            long caseId = report(ConsoleCity.IN_A1, text);
            EventStream.Event e = s.next("case");
            while (e.json().get("caseId").asLong() != caseId) {
                e = s.next("case");
            }
            JsonNode data = e.json();
            assertThat(data.get("change").asString()).isEqualTo("REPORTED");
            assertThat(data.get("description").asString()).isEqualTo(text);
            assertThat(data.get("districtCode").asString()).isEqualTo(ConsoleCity.DISTRICT_A);
            assertThat(e.idAsLong()).isPositive();
        }
    }

    @Test
    void aDistrictUserReceivesTheCasesOfTheirDistrictOnly() {
        Actor districtB = new Actor("district-b", Role.DISTRICT_DISPATCHER, ConsoleCity.DISTRICT_B, null);
        try (EventStream s = stream(districtB, null, null)) {
            long inA = report(ConsoleCity.IN_A1, "甲区的案卷");
            long inB = report(ConsoleCity.IN_B, "乙区的案卷");
            EventStream.Event first = s.next("case");
            assertThat(first.json().get("caseId").asLong()).as("the case in district A is not shown").isNotEqualTo(inA)
                    .isEqualTo(inB);
        }
    }

    @Test
    void anAlertReachesTheClientsWhoseScopeCoversIt() {
        long department = uniqueDepartment();
        long other = uniqueDepartment() + 1;
        Actor handler = new Actor("handler", Role.DEPARTMENT_HANDLER, null, department);
        Actor streetA = new Actor("street-a", Role.STREET_OPERATOR, ConsoleCity.STREET_A, null);
        Actor districtB = new Actor("district-b", Role.DISTRICT_DISPATCHER, ConsoleCity.DISTRICT_B, null);
        try (EventStream h = stream(handler, null, null); EventStream a = stream(streetA, null, null);
             EventStream b = stream(districtB, null, null)) {
            events.publishEvent(alert(1001, gridA1(), other));
            events.publishEvent(alert(1002, gridA1(), department));
            events.publishEvent(alert(1003, new GridLocation(ConsoleCity.DISTRICT_B + "00100101",
                    ConsoleCity.DISTRICT_B + "001001", ConsoleCity.DISTRICT_B + "001", ConsoleCity.DISTRICT_B,
                    ConsoleCity.CITY), other));

            EventStream.Event toHandler = h.next("alert");
            assertThat(toHandler.json().get("alertId").asLong()).as("another department's alert is not shown")
                    .isEqualTo(1002);
            assertThat(toHandler.json().get("severity").asString()).isEqualTo("ORANGE");
            assertThat(toHandler.json().get("location").get("gridCode").asString()).isEqualTo(ConsoleCity.GRID_A1);
            assertThat(a.next("alert").json().get("alertId").asLong()).isEqualTo(1001);
            assertThat(a.next("alert").json().get("alertId").asLong()).isEqualTo(1002);
            assertThat(b.next("alert").json().get("alertId").asLong()).as("district A's alerts are not shown")
                    .isEqualTo(1003);
        }
    }

    @Test
    void aDeviceChangeIsStreamedAsDeviceEvent() {
        try (EventStream s = stream(ADMIN, null, null)) {
            long datastream = Long.MAX_VALUE - ThreadLocalRandom.current().nextInt(1000);
            events.publishEvent(new DeviceStatusChanged(5, datastream, false,
                    java.time.Instant.parse("2026-03-02T01:10:00Z"), null));
            EventStream.Event e = s.next("device");
            while (e.json().get("datastreamId").asLong() != datastream) {
                e = s.next("device");
            }
            assertThat(e.json().get("online").asBoolean()).isFalse();
        }
    }

    @Test
    void aClientResumingWithLastEventIdGetsExactlyTheEventsItMissed() {
        long department = uniqueDepartment();
        Actor handler = new Actor("handler", Role.DEPARTMENT_HANDLER, null, department);
        String lastSeen;
        try (EventStream s = stream(handler, null, null)) {
            events.publishEvent(alert(2001, null, department));
            lastSeen = s.next("alert").id();
        }
        events.publishEvent(alert(2002, null, department));
        events.publishEvent(alert(2003, null, department));
        try (EventStream s = stream(handler, null, lastSeen)) {
            events.publishEvent(alert(2004, null, department));
            List<EventStream.Event> got = s.next("alert", 3);
            assertThat(got).extracting(e -> e.json().get("alertId").asLong()).containsExactly(2002L, 2003L, 2004L);
            assertThat(got.get(0).idAsLong()).isGreaterThan(Long.parseLong(lastSeen));
            assertThat(got.get(1).idAsLong()).isGreaterThan(got.get(0).idAsLong());
        }
        // the query parameter does the same for clients that cannot set the header
        try (EventStream s = stream(handler, "lastEventId=" + lastSeen, null)) {
            assertThat(s.next("alert").json().get("alertId").asLong()).isEqualTo(2002);
        }
    }

    @Test
    void anIdOlderThanTheBufferGetsAReset() {
        long department = uniqueDepartment();
        Actor handler = new Actor("handler", Role.DEPARTMENT_HANDLER, null, department);
        try (EventStream s = stream(handler, null, "1")) {
            EventStream.Event reset = s.next();
            assertThat(reset.type()).isEqualTo("reset");
            assertThat(reset.json().get("reason").asString()).contains("1");
            events.publishEvent(alert(3001, null, department));
            EventStream.Event live = s.next("alert");
            assertThat(live.json().get("alertId").asLong()).isEqualTo(3001);
            assertThat(live.idAsLong()).isGreaterThan(reset.idAsLong());
        }
    }

    @Test
    void subscribedDatastreamValuesArrive() {
        String name = "live-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> thing = new HashMap<>(Map.of("name", name, "description", "rain gauge",
                "Locations", List.of(Map.of("name", name, "description", "spot", "encodingType",
                        "application/geo+json", "location", Map.of("type", "Point", "coordinates",
                                List.of(ConsoleCity.IN_A1[0], ConsoleCity.IN_A1[1])))),
                "Datastreams", List.of(Map.of("name", name + " rain", "description", "rainfall",
                        "observationType", "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement",
                        "unitOfMeasurement", Map.of("name", "millimetre", "symbol", "mm", "definition", "mm"),
                        "Sensor", Map.of("name", "gauge", "description", "tipping bucket", "encodingType",
                                "application/pdf", "metadata", "http://example.org/gauge.pdf"),
                        "ObservedProperty", Map.of("name", "rainfall", "definition", "http://example.org/rain",
                                "description", "rain in the last hour")))));
        Api.Response created = as(ADMIN).post("/sta/v1.1/Things", thing);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long thingId = created.json().get("@iot.id").asLong();
        long ds = as(ADMIN).get("/sta/v1.1/Things(" + thingId + ")/Datastreams").json().get("value").get(0)
                .get("@iot.id").asLong();
        Actor streetA = new Actor("street-a", Role.STREET_OPERATOR, ConsoleCity.STREET_A, null);
        Actor districtB = new Actor("district-b", Role.DISTRICT_DISPATCHER, ConsoleCity.DISTRICT_B, null);
        try (EventStream s = stream(streetA, "datastreams=" + ds, null);
             EventStream other = stream(districtB, "datastreams=" + ds, null)) {
            Api.Response o = as(ADMIN).post("/sta/v1.1/Datastreams(" + ds + ")/Observations",
                    Map.of("phenomenonTime", "2026-03-02T01:00:00Z", "result", 31.5));
            assertThat(o.status()).as(o.body()).isEqualTo(201);
            EventStream.Event e = s.next("observation");
            assertThat(e.json().get("datastreamId").asLong()).isEqualTo(ds);
            assertThat(e.json().get("result").asDouble()).isEqualTo(31.5);
            assertThat(e.json().get("location").get("gridCode").asString()).isEqualTo(ConsoleCity.GRID_A1);
            // the district B dispatcher asked for it too, but it lies outside their district: the next thing
            // they get is an alert of their own
            events.publishEvent(alert(4001, new GridLocation(null, null, null, ConsoleCity.DISTRICT_B, null), null));
            assertThat(other.next().type()).isEqualTo("alert");
        }
    }

    @Test
    void theStreamNeedsATokenAndRefusesBadParameters() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/stream")).timeout(Duration.ofSeconds(20)).header("Accept", "text/event-stream").GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);

        Api.Response badStreams = as(ADMIN).get("/api/v1/stream?datastreams=1,x");
        assertThat(badStreams.status()).isEqualTo(400);
        assertThat(badStreams.json().get("errors").get(0).get("field").asString()).isEqualTo("datastreams");
        Api.Response badId = as(ADMIN).get("/api/v1/stream?lastEventId=yesterday");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().get("errors").get(0).get("field").asString()).isEqualTo("lastEventId");
    }
}
