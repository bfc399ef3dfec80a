package org.cityops.sensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * Conformance class A.2 (filtering): $filter with a sample of each operator and function group,
 * $select, $expand with nested options, $orderby, $top, $skip, $count and next links. Every
 * query is scoped to this test's own Datastream, since the database is shared.
 */
@IntegrationTest
class StaFilteringApiTests {

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;

    long thing;
    long ds;
    String name;

    Api sta() {
        return Api.on(port, issuer);
    }

    @BeforeEach
    void fiveObservations() {
        name = Sta.unique("filter");
        thing = Sta.createThing(sta(), "v1.1", name, 116.40, 39.90).get("@iot.id").asLong();
        ds = Sta.datastreamOf(sta(), thing);
        double[] results = {1.5, 2.0, 3.25, 4.0, 10.0};
        for (int i = 0; i < results.length; i++) {
            Api.Response r = sta().post("/sta/v1.1/Datastreams(" + ds + ")/Observations", Map.of(
                    "phenomenonTime", "2026-11-0" + (i + 1) + "T08:00:00Z", "result", results[i],
                    "parameters", Map.of("note", i % 2 == 0 ? "even" : "odd")));
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
    }

    List<Double> results(String query) {
        Api.Response r = sta().get("/sta/v1.1/Datastreams(" + ds + ")/Observations?" + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<Double> out = new ArrayList<>();
        r.json().get("value").forEach(o -> out.add(o.get("result").asDouble()));
        return out;
    }

    String filter(String f) {
        return "$orderby=phenomenonTime&$filter=" + Sta.q(f);
    }

    @Test
    void comparisonLogicalAndArithmeticOperatorsFollowPrecedence() {
        assertThat(results(filter("result gt 2 and result le 4"))).containsExactly(3.25, 4.0);
        assertThat(results(filter("result eq 1.5 or result eq 10"))).containsExactly(1.5, 10.0);
        assertThat(results(filter("not result lt 4"))).containsExactly(4.0, 10.0);
        assertThat(results(filter("result add 1 mul 2 eq 12"))).containsExactly(10.0);
        assertThat(results(filter("(result add 1) mul 2 eq 6"))).containsExactly(2.0);
        assertThat(results(filter("result mod 2 eq 0 and result div 2 ge 2"))).containsExactly(4.0, 10.0);
        assertThat(results(filter("result sub 0.5 ne 1 and result ne 4"))).containsExactly(2.0, 3.25, 10.0);
    }

    @Test
    void aResultComparedWithAStringLiteralComparesAsItsJsonText() {
        // the conformance suite's "result gt '3'" and "result ne '2'": text order, so 10.0 is not above '3'
        assertThat(results(filter("result gt '3'"))).containsExactly(3.25, 4.0);
        assertThat(results(filter("result ne '2.0'"))).containsExactly(1.5, 3.25, 4.0, 10.0);
        assertThat(results(filter("result eq '4.0' or result lt '2'"))).containsExactly(1.5, 4.0, 10.0);
        assertThat(results(filter("result gt 3"))).containsExactly(3.25, 4.0, 10.0);
    }

    @Test
    void stringDateAndMathFunctionsWork() {
        assertThat(results(filter("parameters/note eq 'odd'"))).containsExactly(2.0, 4.0);
        assertThat(results(filter("startswith(parameters/note, 'ev') and length(parameters/note) eq 4")))
                .containsExactly(1.5, 3.25, 10.0);
        assertThat(results(filter("substringof('dd', parameters/note) and endswith(toupper(parameters/note), 'D')")))
                .containsExactly(2.0, 4.0);
        assertThat(results(filter("indexof(concat('x', parameters/note), 'o') eq 1 and trim(' odd ') eq 'odd'")))
                .containsExactly(2.0, 4.0);
        assertThat(results(filter("substring(tolower(parameters/note), 1, 2) eq 'dd'"))).containsExactly(2.0, 4.0);
        assertThat(results(filter("day(phenomenonTime) eq 3 and month(phenomenonTime) eq 11 and year(phenomenonTime) eq 2026")))
                .containsExactly(3.25);
        assertThat(results(filter("hour(phenomenonTime) eq 8 and minute(phenomenonTime) eq 0 and second(phenomenonTime) eq 0"
                + " and phenomenonTime lt 2026-11-03T00:00:00Z"))).containsExactly(1.5, 2.0);
        assertThat(results(filter("phenomenonTime ge 2026-11-04T16:00:00+08:00"))).containsExactly(4.0, 10.0);
        assertThat(results(filter("date(phenomenonTime) eq 2026-11-02"))).containsExactly(2.0);
        assertThat(results(filter("phenomenonTime lt now() and phenomenonTime gt now() sub duration'P3650D'")))
                .hasSize(5);
        assertThat(results(filter("round(result) eq 2 and floor(result) eq 1 and ceiling(result) eq 2")))
                .containsExactly(1.5);
    }

    @Test
    void pathsFollowRelationsAndGeospatialFunctionsUseTheLocation() {
        assertThat(results(filter("Datastream/Thing/name eq '" + name + "' and Datastream/ObservedProperty/name eq 'water level'")))
                .hasSize(5);
        assertThat(results(filter("Datastream/Thing/name eq 'someone else'"))).isEmpty();
        String things = "/sta/v1.1/Things?$filter=";
        JsonNode inside = sta().get(things + Sta.q("name eq '" + name + "' and st_within(Locations/location, "
                + "geography'POLYGON((116 39, 117 39, 117 40, 116 40, 116 39))')")).json();
        assertThat(inside.get("value")).hasSize(1);
        JsonNode outside = sta().get(things + Sta.q("name eq '" + name + "' and st_intersects(Locations/location, "
                + "geography'POINT(100 20)')")).json();
        assertThat(outside.get("value")).isEmpty();
        JsonNode near = sta().get(things + Sta.q("name eq '" + name + "' and geo.distance(Locations/location, "
                + "geography'POINT(116.40 39.95)') lt 0.1 and st_equals(Locations/location, geography'POINT(116.4 39.9)')"))
                .json();
        assertThat(near.get("value")).hasSize(1);
        JsonNode foi = sta().get("/sta/v1.1/Datastreams(" + ds + ")/Observations?$top=1&$filter="
                + Sta.q("st_contains(geography'POLYGON((116 39, 117 39, 117 40, 116 40, 116 39))', FeatureOfInterest/feature)"))
                .json();
        assertThat(foi.get("value")).hasSize(1);
    }

    @Test
    void orderTopSkipCountAndNextLinkPageThroughTheCollection() {
        assertThat(results("$orderby=result%20desc&$top=2")).containsExactly(10.0, 4.0);
        Api.Response page = sta().get("/sta/v1.1/Datastreams(" + ds + ")/Observations?$orderby=result&$top=2&$skip=1&$count=true");
        JsonNode json = page.json();
        assertThat(json.get("@iot.count").asLong()).isEqualTo(5);
        assertThat(json.get("value")).hasSize(2);
        assertThat(json.get("value").get(0).get("result").asDouble()).isEqualTo(2.0);
        String next = json.get("@iot.nextLink").asString();
        assertThat(next).contains("$skip=3").contains("$top=2");
        JsonNode second = sta().get(next.substring(("http://localhost:" + port).length())).json();
        assertThat(second.get("value").get(0).get("result").asDouble()).isEqualTo(4.0);
        assertThat(second.get("value").get(1).get("result").asDouble()).isEqualTo(10.0);
        assertThat(second.has("@iot.nextLink")).isFalse();
        JsonNode unfiltered = sta().get("/sta/v1.1/Datastreams(" + ds + ")/Observations?$top=3").json();
        assertThat(unfiltered.get("value")).hasSize(3);
        assertThat(unfiltered.get("@iot.nextLink").asString()).contains("$skip=3");
        assertThat(unfiltered.has("@iot.count")).isFalse();
    }

    @Test
    void filtersTheDatabaseAnswersAgreeWithTheJavaEvaluator() {
        // the first filters are translated to SQL; the same with a function added are evaluated in Java
        List<String> filters = List.of(
                "phenomenonTime gt 2026-11-02T08:00:00Z and phenomenonTime le 2026-11-04T16:00:00+08:00",
                "not (phenomenonTime lt 2026-11-03T08:00:00Z) or id eq 0",
                "phenomenonTime ne 2026-11-03T08:00:00Z and resultTime eq null",
                "'2026-11-03T00:00:00Z' gt phenomenonTime",
                "Datastream/id eq " + ds + " and phenomenonTime lt 2026-11-05T00:00:00Z");
        for (String f : filters) {
            List<Double> sql = results("$orderby=phenomenonTime%20desc&$filter=" + Sta.q(f));
            List<Double> java = results("$orderby=phenomenonTime%20desc&$filter=" + Sta.q(f + " and length('x') eq 1"));
            assertThat(sql).as(f).isNotEmpty().isEqualTo(java);
        }
        Api.Response counted = sta().get("/sta/v1.1/Datastreams(" + ds + ")/Observations?$count=true&$top=1"
                + "&$orderby=phenomenonTime%20desc&$filter=" + Sta.q("phenomenonTime ge 2026-11-02T00:00:00Z"));
        assertThat(counted.json().get("@iot.count").asLong()).isEqualTo(4);
        assertThat(counted.json().get("value").get(0).get("result").asDouble()).isEqualTo(10.0);
        assertThat(counted.json().get("@iot.nextLink").asString()).contains("$skip=1");
    }

    @Test
    void selectAndNestedExpandShapeTheResponse() {
        JsonNode selected = sta().get("/sta/v1.1/Datastreams(" + ds + ")/Observations?$top=1&$select=result,id").json()
                .get("value").get(0);
        assertThat(selected.has("result")).isTrue();
        assertThat(selected.has("@iot.id")).isTrue();
        assertThat(selected.has("phenomenonTime")).isFalse();
        assertThat(selected.has("Datastream@iot.navigationLink")).isFalse();

        String expand = "Datastreams($filter=" + Sta.q("name eq '" + name + " level'") + ";$expand=Observations("
                + Sta.q("$orderby=phenomenonTime desc;$top=1") + "),ObservedProperty($select=name))";
        JsonNode thingJson = sta().get("/sta/v1.1/Things(" + thing + ")?$expand=" + expand).json();
        JsonNode stream = thingJson.get("Datastreams").get(0);
        assertThat(stream.get("Observations")).hasSize(1);
        assertThat(stream.get("Observations").get(0).get("result").asDouble()).isEqualTo(10.0);
        assertThat(stream.get("Observations@iot.nextLink")).isNull();
        assertThat(stream.get("ObservedProperty").get("name").asString()).isEqualTo("water level");
        assertThat(stream.get("ObservedProperty").has("definition")).isFalse();

        JsonNode viaPath = sta().get("/sta/v1.1/Things(" + thing + ")?$expand=Datastreams/Sensor").json();
        assertThat(viaPath.get("Datastreams").get(0).get("Sensor").get("name").asString()).isEqualTo("gauge");
    }

    @Test
    void aBadFilterIs400NamingThePositionAndToken() {
        Api.Response r = sta().get("/sta/v1.1/Observations?$filter=" + Sta.q("result gt and 3"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("$filter");
        assertThat(r.json().get("detail").asString()).contains("'and'").contains("position 11");

        Api.Response unknown = sta().get("/sta/v1.1/Observations?$filter=" + Sta.q("colour eq 'red'"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("detail").asString()).contains("colour");

        Api.Response function = sta().get("/sta/v1.1/Things?$filter=" + Sta.q("shout(name) eq 'X'"));
        assertThat(function.status()).isEqualTo(400);
        assertThat(function.json().get("detail").asString()).contains("unknown function 'shout'").contains("position 1");

        Api.Response type = sta().get("/sta/v1.1/Datastreams(" + ds + ")/Observations?$filter=" + Sta.q("length(result) eq 3"));
        assertThat(type.status()).isEqualTo(400);
        assertThat(type.json().get("detail").asString()).contains("length needs a string");

        assertThat(sta().get("/sta/v1.1/Things?$top=-1").json().get("errors").get(0).get("field").asString())
                .isEqualTo("$top");
        assertThat(sta().get("/sta/v1.1/Things?$count=maybe").status()).isEqualTo(400);
        assertThat(sta().get("/sta/v1.1/Things?$expand=Gadgets").json().get("detail").asString()).contains("Gadgets");
        assertThat(sta().get("/sta/v1.1/Things?$select=colour").json().get("detail").asString()).contains("colour");
        assertThat(sta().get("/sta/v1.1/Things?$orderby=" + Sta.q("name sideways")).status()).isEqualTo(400);
        assertThat(sta().get("/sta/v1.1/Things?$format=xml").json().get("errors").get(0).get("field").asString())
                .isEqualTo("$format");
    }
}
