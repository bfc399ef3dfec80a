package org.cityops.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.xml.parsers.DocumentBuilderFactory;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import tools.jackson.databind.JsonNode;

/**
 * An Open311 client against {@code /open311/v2} over HTTP, in JSON and XML: services, service
 * definitions, submitting with an API key, reading back through the loop, tokens, and every bad
 * input with the spec's errors and nothing written.
 */
@IntegrationTest
class Open311ApiTests {

    static final double[] IN_CITY = {114.505, 24.505};
    static final String SERVICE = "E0101";

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;
    @Autowired JdbcClient jdbc;

    static long department;
    static String departmentName;
    static String key;
    static String deactivatedKey;
    static String leaderKey;

    final Actor admin = new Actor("admin", Role.ADMIN, null, null);
    final Actor city = new Actor("city-dispatcher", Role.CITY_DISPATCHER, null, null);

    Api as(Actor actor) {
        return Api.on(port, issuer).as(actor);
    }

    Api anonymous() {
        return Api.on(port, issuer);
    }

    @BeforeEach
    void cityDepartmentMatrixAndKeys() throws Exception {
        if (key != null) {
            return;
        }
        Api.Response imported = as(admin).importGeoJson("src/test/resources/intake/open311-city.geojson");
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        String run = UUID.randomUUID().toString().substring(0, 6);
        departmentName = "丙区环卫所-" + run;
        Api.Response dept = as(admin).post("/api/v1/departments", Map.of("code", "O311-SANITATION-" + run,
                "name", departmentName, "level", "DISTRICT", "regionCode", "940101"));
        assertThat(dept.status()).as(dept.body()).isEqualTo(201);
        department = dept.json().get("id").asLong();
        // on PostgreSQL an earlier run's entry may still route E01 here: this run's department takes over
        as(admin).get("/api/v1/matrix?category=E01&region=940101&active=true").json().valueStream()
                .forEach(e -> as(admin).post("/api/v1/matrix/" + e.get("id").asLong() + "/deactivate", Map.of()));
        Api.Response entry = as(admin).post("/api/v1/matrix", Map.of("categoryCode", "E01", "regionCode", "940101",
                "departmentId", department, "basis", "LOCALITY"));
        assertThat(entry.status()).as(entry.body()).isIn(200, 201);
        key = issueKey("open311-app-" + run, "GRID_INSPECTOR", "940101001");
        leaderKey = issueKey("open311-leader-" + run, "LEADER", null);
        deactivatedKey = issueKey("open311-old-" + run, "GRID_INSPECTOR", "940101001");
        long oldId = as(admin).get("/api/v1/api-keys").json().valueStream()
                .filter(k -> k.get("name").asString().equals("open311-old-" + run)).findFirst().orElseThrow()
                .get("id").asLong();
        assertThat(as(admin).post("/api/v1/api-keys/" + oldId + "/deactivate", Map.of()).status()).isEqualTo(200);
    }

    String issueKey(String name, String role, String region) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", name, "integration", "Open311 test client",
                "role", role));
        if (region != null) {
            body.put("regionCode", region);
        }
        Api.Response r = as(admin).post("/api/v1/api-keys", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("key").asString();
    }

    // --- helpers ------------------------------------------------------------------------------

    Map<String, String> validRequest() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", key);
        form.put("service_code", SERVICE);
        form.put("lat", Double.toString(IN_CITY[1]));
        form.put("long", Double.toString(IN_CITY[0]));
        form.put("address_string", "丙区甲一街道 12 号");
        form.put("description", "路边有暴露垃圾 & 污水 <急>");
        form.put("attribute[urgency]", "URGENT");
        form.put("attribute[location_note]", "公交站东侧");
        form.put("email", "citizen@example.org");
        form.put("phone", "13812345678");
        form.put("first_name", "三");
        form.put("last_name", "张");
        form.put("device_id", "device-1");
        form.put("account_id", "account-42");
        form.put("media_url", "https://photos.example.org/p/1.jpg");
        return form;
    }

    Api.Response post(String format, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return anonymous().send("POST", "/open311/v2/requests." + format, "application/x-www-form-urlencoded", body);
    }

    JsonNode submitted(Map<String, String> form) {
        Api.Response r = post("json", form);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.contentType()).startsWith("application/json");
        return r.json().get(0);
    }

    static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static Document xml(Api.Response r) throws Exception {
        assertThat(r.contentType()).startsWith("application/xml");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
    }

    /** Returns the children of the root element as maps of their child elements' texts. */
    static List<Map<String, String>> items(Document doc) {
        List<Map<String, String>> items = new ArrayList<>();
        for (Node n = doc.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element item) {
                Map<String, String> fields = new LinkedHashMap<>();
                for (Node f = item.getFirstChild(); f != null; f = f.getNextSibling()) {
                    if (f instanceof Element field) {
                        fields.put(field.getTagName(), field.getTextContent());
                    }
                }
                items.add(fields);
            }
        }
        return items;
    }

    static List<String> descriptions(Api.Response r) {
        return r.json().valueStream().map(e -> e.get("code").asInt() + " " + e.get("description").asString()).toList();
    }

    long open311Requests() {
        return jdbc.sql("SELECT COUNT(*) FROM open311_request").query(Long.class).single();
    }

    long cases() {
        return jdbc.sql("SELECT COUNT(*) FROM cases").query(Long.class).single();
    }

    long caseOf(String serviceRequestId) {
        return jdbc.sql("SELECT id FROM cases WHERE source_type = 'OPEN311' AND source_ref = ?")
                .param(serviceRequestId).query(Long.class).single();
    }

    void act(Actor actor, long caseId, Map<String, Object> body) {
        Api.Response r = as(actor).post("/api/v1/cases/" + caseId + "/transitions", body);
        assertThat(r.status()).as(body + " → " + r.body()).isEqualTo(200);
    }

    /** Asserts the refusal's status and that one of its errors names the parameter, and that nothing was written. */
    void refused(Map<String, String> form, int status, String parameter) {
        long requestsBefore = open311Requests();
        long casesBefore = cases();

        Api.Response r = post("json", form);

        assertThat(r.status()).as(form + " → " + r.body()).isEqualTo(status);
        assertThat(descriptions(r)).as(r.body()).anyMatch(d -> d.startsWith(status + " " + parameter + ":"));
        assertThat(open311Requests()).isEqualTo(requestsBefore);
        assertThat(cases()).isEqualTo(casesBefore);
    }

    // --- services -----------------------------------------------------------------------------

    @Test
    void servicesAreTheActiveSubclassesInJsonAndXml() throws Exception {
        Api.Response json = anonymous().get("/open311/v2/services.json");
        assertThat(json.status()).isEqualTo(200);
        JsonNode garbage = json.json().valueStream().filter(s -> s.get("service_code").asString().equals(SERVICE))
                .findFirst().orElseThrow();
        assertThat(garbage.get("service_name").asString()).isNotBlank();
        assertThat(garbage.get("description").asString()).isNotBlank();
        assertThat(garbage.get("metadata").asBoolean()).isTrue();
        assertThat(garbage.get("type").asString()).isEqualTo("realtime");
        assertThat(garbage.get("group").asString()).isNotBlank();
        assertThat(garbage.get("keywords").asString()).contains(garbage.get("group").asString());

        Api.Response xml = anonymous().get("/open311/v2/services.xml");
        assertThat(xml.status()).isEqualTo(200);
        Document doc = xml(xml);
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("services");
        List<Map<String, String>> services = items(doc);
        assertThat(services).hasSize(json.json().size());
        Map<String, String> same = services.stream().filter(s -> s.get("service_code").equals(SERVICE))
                .findFirst().orElseThrow();
        assertThat(same.get("service_name")).isEqualTo(garbage.get("service_name").asString());
        assertThat(same.get("metadata")).isEqualTo("true");
        assertThat(same.get("group")).isEqualTo(garbage.get("group").asString());
    }

    @Test
    void aServiceDefinitionOffersUrgencyAndALocationNote() throws Exception {
        Api.Response json = anonymous().get("/open311/v2/services/" + SERVICE + ".json");
        assertThat(json.status()).as(json.body()).isEqualTo(200);
        assertThat(json.json().get("service_code").asString()).isEqualTo(SERVICE);
        JsonNode urgency = json.json().get("attributes").get(0);
        assertThat(urgency.get("code").asString()).isEqualTo("urgency");
        assertThat(urgency.get("datatype").asString()).isEqualTo("singlevaluelist");
        assertThat(urgency.get("required").asBoolean()).isFalse();
        assertThat(urgency.get("values").valueStream().map(v -> v.get("key").asString() + "=" + v.get("name").asString()))
                .containsExactly("NORMAL=一般", "URGENT=紧急", "CRITICAL=特急");
        assertThat(json.json().get("attributes").get(1).get("code").asString()).isEqualTo("location_note");

        Document doc = xml(anonymous().get("/open311/v2/services/" + SERVICE + ".xml"));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("service_definition");
        assertThat(doc.getElementsByTagName("attribute").getLength()).isEqualTo(2);
        assertThat(doc.getElementsByTagName("value").getLength()).isEqualTo(3);
        assertThat(((Element) doc.getElementsByTagName("value").item(2)).getElementsByTagName("name").item(0)
                .getTextContent()).isEqualTo("特急");
    }

    @Test
    void anUnknownServiceIsNotFoundInTheSpecsErrorFormat() throws Exception {
        Api.Response json = anonymous().get("/open311/v2/services/NOPE99.json");
        assertThat(json.status()).isEqualTo(404);
        assertThat(descriptions(json)).singleElement().asString().startsWith("404 service_code:");

        Api.Response xml = anonymous().get("/open311/v2/services/NOPE99.xml");
        assertThat(xml.status()).isEqualTo(404);
        Document doc = xml(xml);
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("errors");
        assertThat(items(doc)).singleElement().satisfies(e -> {
            assertThat(e.get("code")).isEqualTo("404");
            assertThat(e.get("description")).startsWith("service_code:");
        });
    }

    @Test
    void theEndpointsAreInTheOpenApiDocument() {
        Api.Response docs = anonymous().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").propertyNames()).contains("/open311/v2/services.{format}",
                "/open311/v2/services/{code}.{format}", "/open311/v2/requests.{format}",
                "/open311/v2/requests/{id}.{format}", "/open311/v2/tokens/{token}.{format}", "/api/v1/api-keys",
                "/api/v1/api-keys/{id}/deactivate");
    }

    @Test
    void aFormatOtherThanJsonOrXmlIsABadRequest() {
        Api.Response r = anonymous().get("/open311/v2/services.html");
        assertThat(r.status()).isEqualTo(400);
        assertThat(descriptions(r)).singleElement().asString().startsWith("400 format:");
    }

    // --- submitting and reading back ----------------------------------------------------------

    @Test
    void aServiceRequestBecomesACaseAndReadsBackOpenWithEverythingTheSpecNames() {
        JsonNode created = submitted(validRequest());

        String id = created.get("service_request_id").asString();
        assertThat(created.get("token").asString()).isNotBlank();
        assertThat(created.get("account_id").asString()).isEqualTo("account-42");
        assertThat(created.get("service_notice").asString()).startsWith("已受理，案卷编号 ");
        long caseId = caseOf(id);
        JsonNode theCase = as(admin).get("/api/v1/cases/" + caseId).json();
        assertThat(theCase.get("sourceType").asString()).isEqualTo("OPEN311");
        assertThat(theCase.get("sourceRef").asString()).isEqualTo(id);
        assertThat(theCase.get("reportedBy").asString()).startsWith("apikey:open311-app-");
        assertThat(theCase.get("reporterName").asString()).isEqualTo("张三");
        assertThat(theCase.get("reporterContact").asString()).isEqualTo("13812345678");
        assertThat(theCase.get("urgency").asString()).isEqualTo("URGENT");
        assertThat(theCase.get("categoryCode").asString()).isEqualTo(SERVICE);
        assertThat(theCase.get("location").get("districtCode").asString()).isEqualTo("940101");
        assertThat(theCase.get("caseNo").asString()).isEqualTo(created.get("service_notice").asString()
                .substring("已受理，案卷编号 ".length()));

        Api.Response read = anonymous().get("/open311/v2/requests/" + id + ".json");
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        JsonNode r = read.json().get(0);
        assertThat(r.get("service_request_id").asString()).isEqualTo(id);
        assertThat(r.get("status").asString()).isEqualTo("open");
        assertThat(r.get("status_notes").asString()).isEqualTo("待受理");
        assertThat(r.get("service_code").asString()).isEqualTo(SERVICE);
        assertThat(r.get("service_name").asString()).isNotBlank();
        assertThat(r.get("description").asString()).isEqualTo("路边有暴露垃圾 & 污水 <急>");
        assertThat(r.get("agency_responsible").isNull()).as("not dispatched yet").isTrue();
        assertThat(r.get("address").asString()).isEqualTo("丙区甲一街道 12 号（公交站东侧）");
        assertThat(r.get("lat").asDouble()).isEqualTo(IN_CITY[1]);
        assertThat(r.get("long").asDouble()).isEqualTo(IN_CITY[0]);
        assertThat(r.get("media_url").asString()).isEqualTo("https://photos.example.org/p/1.jpg");
        OffsetDateTime requested = OffsetDateTime.parse(r.get("requested_datetime").asString());
        assertThat(requested.getOffset().getTotalSeconds()).as("the city's offset").isEqualTo(8 * 3600);
        assertThat(OffsetDateTime.parse(r.get("expected_datetime").asString())).isAfter(requested);
        assertThat(OffsetDateTime.parse(r.get("updated_datetime").asString())).isEqualTo(requested);
    }

    @Test
    void aSubmissionAnsweredInXmlParsesAsTheSpecsDocument() throws Exception {
        Map<String, String> form = validRequest();
        form.remove("account_id");
        Api.Response r = post("xml", form);

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        Document doc = xml(r);
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("service_requests");
        Map<String, String> request = items(doc).get(0);
        assertThat(request.get("service_request_id")).matches("\\d+");
        assertThat(request.get("service_notice")).startsWith("已受理");
        assertThat(request).containsEntry("account_id", "");

        Document read = xml(anonymous().get("/open311/v2/requests/" + request.get("service_request_id") + ".xml"));
        Map<String, String> back = items(read).get(0);
        assertThat(back.get("description")).as("escaped and parsed back").isEqualTo("路边有暴露垃圾 & 污水 <急>");
        assertThat(back.get("status")).isEqualTo("open");
        assertThat(Double.parseDouble(back.get("lat"))).isEqualTo(IN_CITY[1]);
    }

    @Test
    void aRequestClosedThroughTheCaseLoopReadsBackClosedWithTheAgencyAndTheClosingNote() throws Exception {
        String id = submitted(validRequest()).get("service_request_id").asString();
        long caseId = caseOf(id);
        Actor handler = new Actor("handler", Role.DEPARTMENT_HANDLER, null, department);

        act(city, caseId, Map.of("action", "REGISTER"));
        act(city, caseId, Map.of("action", "DISPATCH"));
        JsonNode dispatched = anonymous().get("/open311/v2/requests/" + id + ".json").json().get(0);
        assertThat(dispatched.get("status").asString()).isEqualTo("open");
        assertThat(dispatched.get("status_notes").asString()).isEqualTo("已派遣");
        assertThat(dispatched.get("agency_responsible").asString()).isEqualTo(departmentName);
        act(handler, caseId, Map.of("action", "ACCEPT"));
        act(handler, caseId, Map.of("action", "FEEDBACK", "comment", "已清运"));
        act(city, caseId, Map.of("action", "REQUEST_VERIFICATION"));
        act(city, caseId, Map.of("action", "VERIFY_PASS"));
        act(city, caseId, Map.of("action", "CLOSE", "comment", "垃圾已清运完毕"));

        Map<String, String> closed = items(xml(anonymous().get("/open311/v2/requests/" + id + ".xml"))).get(0);
        assertThat(closed.get("status")).isEqualTo("closed");
        assertThat(closed.get("status_notes")).isEqualTo("已结案：垃圾已清运完毕");
        assertThat(closed.get("agency_responsible")).isEqualTo(departmentName);
        assertThat(closed.get("expected_datetime")).as("no clock runs on a closed case").isEmpty();
        assertThat(OffsetDateTime.parse(closed.get("updated_datetime")))
                .isAfterOrEqualTo(OffsetDateTime.parse(closed.get("requested_datetime")));

        JsonNode onlyClosed = anonymous().get("/open311/v2/requests.json?status=closed&service_request_id=" + id).json();
        assertThat(onlyClosed.valueStream().map(n -> n.get("service_request_id").asString())).containsExactly(id);
        assertThat(anonymous().get("/open311/v2/requests.json?status=open").json().valueStream()
                .map(n -> n.get("service_request_id").asString())).doesNotContain(id);
        assertThat(anonymous().get("/open311/v2/requests.json?status=closed").json().valueStream()
                .map(n -> n.get("service_request_id").asString())).contains(id);
    }

    @Test
    void aTokenLeadsToItsServiceRequest() throws Exception {
        JsonNode created = submitted(validRequest());
        String token = created.get("token").asString();

        Api.Response json = anonymous().get("/open311/v2/tokens/" + token + ".json");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.json().get(0).get("service_request_id").asString())
                .isEqualTo(created.get("service_request_id").asString());
        assertThat(json.json().get(0).get("token").asString()).isEqualTo(token);
        Map<String, String> xml = items(xml(anonymous().get("/open311/v2/tokens/" + token + ".xml"))).get(0);
        assertThat(xml.get("service_request_id")).isEqualTo(created.get("service_request_id").asString());

        Api.Response unknown = anonymous().get("/open311/v2/tokens/" + UUID.randomUUID() + ".json");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(descriptions(unknown)).singleElement().asString().startsWith("404 token:");
        assertThat(anonymous().get("/open311/v2/tokens/not-a-token.json").status()).isEqualTo(404);
    }

    // --- searching ----------------------------------------------------------------------------

    @Test
    void searchesFilterByIdsServiceDatesAndStatus() {
        String first = submitted(validRequest()).get("service_request_id").asString();
        String second = submitted(validRequest()).get("service_request_id").asString();

        JsonNode both = anonymous().get("/open311/v2/requests.json?service_request_id=" + first + "," + second
                + "&service_code=OTHER&status=closed").json();
        assertThat(both.valueStream().map(n -> n.get("service_request_id").asString()))
                .as("ids override every other filter, newest first").containsExactly(second, first);

        assertThat(anonymous().get("/open311/v2/requests.json").json().valueStream()
                .map(n -> n.get("service_request_id").asString())).as("the last 90 days").contains(first, second);
        assertThat(anonymous().get("/open311/v2/requests.json?service_code=" + SERVICE + "&status=open").json()
                .valueStream().map(n -> n.get("service_request_id").asString())).contains(first, second);
        assertThat(anonymous().get("/open311/v2/requests.json?service_code=E0102").json().valueStream()
                .map(n -> n.get("service_request_id").asString())).doesNotContain(first, second);

        OffsetDateTime now = OffsetDateTime.now();
        String window = query(Map.of("start_date", now.minusDays(1).toString(), "end_date", now.plusDays(1).toString()));
        assertThat(anonymous().get("/open311/v2/requests.json?" + window).json().valueStream()
                .map(n -> n.get("service_request_id").asString())).contains(first, second);
        String past = query(Map.of("start_date", now.minusDays(80).toString(), "end_date", now.minusDays(40).toString()));
        assertThat(anonymous().get("/open311/v2/requests.json?" + past).json().valueStream()
                .map(n -> n.get("service_request_id").asString())).doesNotContain(first, second);
    }

    @Test
    void badSearchesAreRefusedNamingTheParameter() throws Exception {
        OffsetDateTime now = OffsetDateTime.now();
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("start_date=" + URLEncoder.encode(now.minusDays(91).toString(), StandardCharsets.UTF_8)
                + "&end_date=" + URLEncoder.encode(now.toString(), StandardCharsets.UTF_8), "end_date");
        bad.put("start_date=" + URLEncoder.encode(now.toString(), StandardCharsets.UTF_8)
                + "&end_date=" + URLEncoder.encode(now.minusDays(1).toString(), StandardCharsets.UTF_8), "start_date");
        bad.put("start_date=yesterday", "start_date");
        bad.put("end_date=2026-13-45", "end_date");
        bad.put("status=pending", "status");
        bad.put("service_code=NOPE99", "service_code");
        bad.forEach((params, parameter) -> {
            Api.Response r = anonymous().get("/open311/v2/requests.json?" + params);
            assertThat(r.status()).as(params + " → " + r.body()).isEqualTo(400);
            assertThat(descriptions(r)).as(params).anyMatch(d -> d.startsWith("400 " + parameter + ":"));
        });

        Api.Response xml = anonymous().get("/open311/v2/requests.xml?start_date="
                + URLEncoder.encode(now.minusDays(100).toString(), StandardCharsets.UTF_8)
                + "&end_date=" + URLEncoder.encode(now.toString(), StandardCharsets.UTF_8));
        assertThat(xml.status()).isEqualTo(400);
        assertThat(items(xml(xml))).singleElement()
                .satisfies(e -> assertThat(e.get("description")).startsWith("end_date:").contains("90 days"));
    }

    @Test
    void anUnknownServiceRequestIsNotFound() throws Exception {
        Api.Response json = anonymous().get("/open311/v2/requests/999999999.json");
        assertThat(json.status()).isEqualTo(404);
        assertThat(descriptions(json)).singleElement().asString().startsWith("404 service_request_id:");

        Api.Response xml = anonymous().get("/open311/v2/requests/999999999.xml");
        assertThat(xml.status()).isEqualTo(404);
        assertThat(items(xml(xml))).singleElement().satisfies(e -> assertThat(e.get("code")).isEqualTo("404"));
    }

    // --- jurisdiction -------------------------------------------------------------------------

    @Test
    void anotherJurisdictionIsNotFoundEverywhereAndOursIsAccepted() {
        for (String path : List.of("services.json", "services/" + SERVICE + ".json", "requests.json",
                "requests/1.json", "tokens/" + UUID.randomUUID() + ".json")) {
            Api.Response r = anonymous().get("/open311/v2/" + path + "?jurisdiction_id=elsewhere.gov");
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(descriptions(r)).as(path).singleElement().asString().startsWith("404 jurisdiction_id:");
        }
        assertThat(anonymous().get("/open311/v2/services.json?jurisdiction_id=cityops.local").status()).isEqualTo(200);

        Map<String, String> elsewhere = validRequest();
        elsewhere.put("jurisdiction_id", "elsewhere.gov");
        refused(elsewhere, 404, "jurisdiction_id");
        Map<String, String> ours = validRequest();
        ours.put("jurisdiction_id", "cityops.local");
        submitted(ours);
    }

    // --- bad submissions ----------------------------------------------------------------------

    @Test
    void aMissingUnknownOrDeactivatedApiKeyIsForbidden() {
        Map<String, String> missing = validRequest();
        missing.remove("api_key");
        refused(missing, 403, "api_key");
        Map<String, String> unknown = validRequest();
        unknown.put("api_key", "cok_thisIsNotAKeyAnyoneWasGiven");
        refused(unknown, 403, "api_key");
        Map<String, String> deactivated = validRequest();
        deactivated.put("api_key", deactivatedKey);
        refused(deactivated, 403, "api_key");
        Map<String, String> leader = validRequest();
        leader.put("api_key", leaderKey);
        refused(leader, 403, "api_key");
    }

    @Test
    void aRefusedKeyAnswersInXmlToo() throws Exception {
        Map<String, String> form = validRequest();
        form.put("api_key", "wrong");
        long before = open311Requests();

        Api.Response r = post("xml", form);

        assertThat(r.status()).isEqualTo(403);
        assertThat(items(xml(r))).singleElement().satisfies(e -> {
            assertThat(e.get("code")).isEqualTo("403");
            assertThat(e.get("description")).startsWith("api_key:");
        });
        assertThat(open311Requests()).isEqualTo(before);
    }

    @Test
    void aMissingOrUnknownServiceCodeIsABadRequest() {
        Map<String, String> missing = validRequest();
        missing.remove("service_code");
        refused(missing, 400, "service_code");
        Map<String, String> unknown = validRequest();
        unknown.put("service_code", "NOPE99");
        refused(unknown, 400, "service_code");
    }

    @Test
    void coordinatesOutOfRangeOrMissingAreABadRequest() {
        Map<String, String> latHigh = validRequest();
        latHigh.put("lat", "90.5");
        refused(latHigh, 400, "lat");
        Map<String, String> longLow = validRequest();
        longLow.put("long", "-180.01");
        refused(longLow, 400, "long");
        Map<String, String> notANumber = validRequest();
        notANumber.put("lat", "north");
        refused(notANumber, 400, "lat");
        Map<String, String> onlyLat = validRequest();
        onlyLat.remove("long");
        refused(onlyLat, 400, "long");
    }

    @Test
    void anAddressWithoutCoordinatesIsRefusedBecauseThisJurisdictionDoesNotGeocode() {
        Map<String, String> addressOnly = validRequest();
        addressOnly.remove("lat");
        addressOnly.remove("long");
        refused(addressOnly, 400, "lat/long");
        assertThat(descriptions(post("json", addressOnly))).singleElement().asString().contains("address_string");
    }

    @Test
    void otherBadFieldsAreABadRequestNamingEachOne() {
        Map<String, Map.Entry<String, String>> bad = new LinkedHashMap<>();
        bad.put("description", Map.entry("description", "长".repeat(4001)));
        bad.put("attribute[urgency]", Map.entry("attribute[urgency]", "SOMEDAY"));
        bad.put("attribute[colour]", Map.entry("attribute[colour]", "red"));
        bad.put("media_url", Map.entry("media_url", "file:///etc/passwd"));
        bad.put("email", Map.entry("email", "not-an-address"));
        bad.forEach((parameter, value) -> {
            Map<String, String> form = validRequest();
            form.put(value.getKey(), value.getValue());
            refused(form, 400, parameter);
        });
    }

    @Test
    void everyFailingParameterIsListed() {
        Map<String, String> form = validRequest();
        form.remove("service_code");
        form.put("lat", "91");
        form.put("long", "181");

        Api.Response r = post("json", form);

        assertThat(r.status()).isEqualTo(400);
        assertThat(descriptions(r)).hasSize(3)
                .anyMatch(d -> d.startsWith("400 service_code:"))
                .anyMatch(d -> d.startsWith("400 lat:"))
                .anyMatch(d -> d.startsWith("400 long:"));
    }

    @Test
    void aRequestWithoutDescriptionIsFiledUnderTheServiceName() {
        Map<String, String> form = validRequest();
        form.remove("description");

        String id = submitted(form).get("service_request_id").asString();

        JsonNode r = anonymous().get("/open311/v2/requests/" + id + ".json").json().get(0);
        assertThat(r.get("description").asString()).isEqualTo(r.get("service_name").asString());
    }
}
