package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class FilterEvaluatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

    private final Entity observation = new Entity(EntityType.OBSERVATION, 7, Map.of(
            "result", JSON.readTree("12.5"),
            "phenomenonTime", TimeValue.parse("2026-11-28T08:30:15.250Z"),
            "parameters", JSON.readTree("{\"note\":\"It's fine\",\"depth\":3}")), Map.of());

    private final Entity location = new Entity(EntityType.LOCATION, 3, Map.of(
            "name", "gauge", "location", JSON.readTree("{\"type\":\"Point\",\"coordinates\":[116.4,39.9]}")), Map.of());

    // paths resolve against the entity's own values; "Tags" stands for a to-many relation
    private final FilterEvaluator evaluator = new FilterEvaluator(clock, (entity, path) -> {
        if (path.get(0).equals("Tags")) {
            return new FilterEvaluator.Many(List.of("red", "green"));
        }
        if (path.get(0).equals("id")) {
            return entity.id();
        }
        Object v = entity.values().get(path.get(0));
        for (String s : path.subList(1, path.size())) {
            v = ((tools.jackson.databind.JsonNode) v).get(s);
        }
        return v;
    });

    private boolean test(Entity e, String filter) {
        return evaluator.test(FilterParser.parse(filter), e);
    }

    @Test
    void comparisonsAndArithmeticWorkOnJsonNumbers() {
        assertThat(test(observation, "result gt 12 and result lt 13")).isTrue();
        assertThat(test(observation, "result mul 2 eq 25")).isTrue();
        assertThat(test(observation, "parameters/depth div 2 eq 1.5")).isTrue();
        assertThat(test(observation, "parameters/depth mod 2 eq 1")).isTrue();
        assertThat(test(observation, "-result lt 0")).isTrue();
        assertThat(test(observation, "result div 0 eq 1")).isFalse();
        assertThat(test(observation, "parameters/missing eq null and not (parameters/missing ne null)")).isTrue();
        assertThat(test(observation, "parameters/missing gt 1")).isFalse();
    }

    @Test
    void aJsonNumberNextToAStringComparesAsItsJsonText() {
        assertThat(test(observation, "result eq '12.5' and result gt '100' and result lt '2'")).isTrue();
        assertThat(test(observation, "result ne '12.5'")).isFalse();
        assertThat(test(observation, "'3' gt parameters/depth")).isFalse();
        assertThat(test(observation, "'3' eq parameters/depth")).isTrue();
        assertThat(test(observation, "result gt 100")).isFalse();
    }

    @Test
    void stringFunctionsWork() {
        assertThat(test(observation, "parameters/note eq 'It''s fine'")).isTrue();
        assertThat(test(observation, "substringof('fine', parameters/note) and startswith(parameters/note, 'It')")).isTrue();
        assertThat(test(observation, "length(parameters/note) eq 9 and indexof(parameters/note, 's') eq 3")).isTrue();
        assertThat(test(observation, "substring(parameters/note, 5) eq 'fine' and substring(parameters/note, 0, 2) eq 'It'"))
                .isTrue();
        assertThat(test(observation, "tolower(parameters/note) eq 'it''s fine' and toupper('a') eq 'A'")).isTrue();
        assertThat(test(observation, "trim('  x ') eq 'x' and concat('a', 'b') eq 'ab' and endswith('abc', 'bc')")).isTrue();
    }

    @Test
    void dateTimeFunctionsWorkInUtcAndLiteralsKeepTheirOffset() {
        assertThat(test(observation, "year(phenomenonTime) eq 2026 and month(phenomenonTime) eq 11 and day(phenomenonTime) eq 28"))
                .isTrue();
        assertThat(test(observation, "hour(phenomenonTime) eq 8 and minute(phenomenonTime) eq 30 and second(phenomenonTime) eq 15"))
                .isTrue();
        assertThat(test(observation, "fractionalseconds(phenomenonTime) eq 0.25")).isTrue();
        assertThat(test(observation, "date(phenomenonTime) eq 2026-11-28 and time(phenomenonTime) lt 09:00:00")).isTrue();
        assertThat(test(observation, "totaloffsetminutes(2026-11-28T16:00:00+08:00) eq 480")).isTrue();
        assertThat(test(observation, "phenomenonTime eq 2026-11-28T16:30:15.250+08:00")).isTrue();
        assertThat(test(observation, "phenomenonTime lt now() and phenomenonTime gt now() sub duration'PT4H'")).isTrue();
        assertThat(test(observation, "mindatetime() lt phenomenonTime and maxdatetime() gt phenomenonTime")).isTrue();
    }

    @Test
    void intervalsCompareAsWholes() {
        Entity interval = new Entity(EntityType.OBSERVATION, 8,
                Map.of("phenomenonTime", TimeValue.parse("2026-11-28T08:00:00Z/2026-11-28T10:00:00Z")), Map.of());
        assertThat(test(interval, "phenomenonTime gt 2026-11-28T07:00:00Z")).isTrue();
        assertThat(test(interval, "phenomenonTime gt 2026-11-28T09:00:00Z")).isFalse();
        assertThat(test(interval, "phenomenonTime lt 2026-11-28T11:00:00Z")).isTrue();
        assertThat(test(interval, "phenomenonTime lt 2026-11-28T09:00:00Z")).isFalse();
        assertThat(test(interval, "mindatetime(phenomenonTime) eq 2026-11-28T08:00:00Z"
                + " and maxdatetime(phenomenonTime) eq 2026-11-28T10:00:00Z")).isTrue();
    }

    @Test
    void mathFunctionsRound() {
        assertThat(test(observation, "round(result) eq 13 and floor(result) eq 12 and ceiling(result) eq 13")).isTrue();
        assertThat(test(observation, "round(-2.5) eq -3")).isTrue();
    }

    @Test
    void geospatialFunctionsUseTheGeoJsonOfTheEntity() {
        String box = "geography'POLYGON((116 39, 117 39, 117 40, 116 40, 116 39))'";
        assertThat(test(location, "st_within(location, " + box + ")")).isTrue();
        assertThat(test(location, "st_contains(" + box + ", location) and st_intersects(location, " + box + ")")).isTrue();
        assertThat(test(location, "geo.intersects(location, " + box + ") and not st_disjoint(location, " + box + ")")).isTrue();
        assertThat(test(location, "st_equals(location, geography'POINT(116.4 39.9)')")).isTrue();
        assertThat(test(location, "geo.distance(location, geography'POINT(116.4 40.9)') eq 1")).isTrue();
        assertThat(test(location, "geo.length(geography'LINESTRING(0 0, 3 4)') eq 5")).isTrue();
        assertThat(test(location, "geo.length(geography'POLYGON((0 0, 2 0, 2 2, 0 2, 0 0))') eq 0")).isTrue();
        assertThat(test(location, "geo.length(location) eq 0")).isTrue();
        assertThat(test(location, "st_touches(geography'LINESTRING(0 0, 1 0)', geography'LINESTRING(1 0, 2 0)')")).isTrue();
        assertThat(test(location, "st_crosses(geography'LINESTRING(0 -1, 0 1)', geography'LINESTRING(-1 0, 1 0)')")).isTrue();
        assertThat(test(location, "st_overlaps(geography'POLYGON((0 0, 2 0, 2 2, 0 2, 0 0))', "
                + "geography'POLYGON((1 1, 3 1, 3 3, 1 3, 1 1))')")).isTrue();
        assertThat(test(location, "st_relate(location, " + box + ", 'T********')")).isTrue();
    }

    @Test
    void aPathThroughAToManyRelationHoldsWhenAnyValueDoes() {
        assertThat(test(location, "Tags eq 'green'")).isTrue();
        assertThat(test(location, "Tags eq 'blue'")).isFalse();
        assertThat(test(location, "startswith(Tags, 'gr')")).isTrue();
    }

    @Test
    void typeErrorsAreReportedByFunctionName() {
        assertThatThrownBy(() -> test(observation, "length(result) eq 1"))
                .isInstanceOf(FilterEvaluator.EvaluationError.class).hasMessageContaining("length needs a string");
        assertThatThrownBy(() -> test(observation, "st_within(result, geography'POINT(1 2)')"))
                .hasMessageContaining("st_within needs a geometry");
        assertThatThrownBy(() -> test(observation, "parameters/note add 1 eq 2")).hasMessageContaining("'add' needs numbers");
    }
}
