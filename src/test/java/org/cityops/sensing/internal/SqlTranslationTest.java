package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

class SqlTranslationTest {

    private static SqlTranslation.Plan plan(EntityType type, String filter, String orderBy) {
        Expr f = filter == null ? null : FilterParser.parse(filter);
        List<QueryOptions.Order> orders = orderBy == null ? List.of()
                : List.of(new QueryOptions.Order(FilterParser.parseOperand(orderBy.replace(" desc", "")),
                orderBy.endsWith(" desc")));
        return SqlTranslation.of(type, f, orders).orElse(null);
    }

    @Test
    void timeComparisonsBecomeConditionsThatAreNeverUnknown() {
        SqlTranslation.Plan p = plan(EntityType.OBSERVATION,
                "phenomenonTime gt 2026-11-28T16:00:00+08:00 and not (resultTime eq null)", "phenomenonTime desc");
        assertThat(p.where()).isEqualTo("((phenomenon_time_start is not null and phenomenon_time_start > ?)"
                + " and not (result_time is null))");
        assertThat(p.params()).containsExactly(OffsetDateTime.parse("2026-11-28T08:00:00Z"));
        assertThat(p.orderBy()).isEqualTo("phenomenon_time_start desc nulls first, id asc");
    }

    @Test
    void anIntervalEndsDecideLessThanAndALiteralOnTheLeftIsMirrored() {
        SqlTranslation.Plan p = plan(EntityType.OBSERVATION, "2026-01-01T00:00:00Z gt phenomenonTime", null);
        assertThat(p.where()).isEqualTo("(phenomenon_time_start is not null and "
                + "coalesce(phenomenon_time_end, phenomenon_time_start) < ?)");
        assertThat(p.orderBy()).isEqualTo("id asc");
    }

    @Test
    void idsAndTextEqualityTranslateButTextOrderDoesNot() {
        assertThat(plan(EntityType.THING, "id ge 3 or name eq 'x'", "id").where())
                .isEqualTo("(id >= ? or name = ?)");
        assertThat(plan(EntityType.THING, "name ne 'x'", null).where()).isEqualTo("(name is null or name <> ?)");
        assertThat(plan(EntityType.THING, "name gt 'x'", null)).isNull();
        assertThat(plan(EntityType.THING, null, "name")).isNull();
    }

    @Test
    void theIdOfAToOneRelationIsComparedThroughItsColumn() {
        SqlTranslation.Plan p = plan(EntityType.OBSERVATION, "Datastream/id eq 3 and FeatureOfInterest/@iot.id ne 4", null);
        assertThat(p.where()).isEqualTo("((datastream_id is not null and datastream_id = ?)"
                + " and (feature_of_interest_id is null or feature_of_interest_id <> ?))");
        assertThat(p.params()).containsExactly(3L, 4L);
    }

    @Test
    void functionsPathsAcrossRelationsAndJsonMembersStayInJava() {
        assertThat(plan(EntityType.OBSERVATION, "result gt 3", null)).isNull();
        assertThat(plan(EntityType.OBSERVATION, "Datastream/name eq 'x'", null)).isNull();
        assertThat(plan(EntityType.THING, "Datastreams/id eq 3", null)).isNull();
        assertThat(plan(EntityType.OBSERVATION, "year(phenomenonTime) eq 2026", null)).isNull();
        assertThat(plan(EntityType.OBSERVATION, "phenomenonTime gt 3", null)).isNull();
        assertThat(plan(EntityType.OBSERVATION, "phenomenonTime gt '2026-01-01T00:00:00Z'", null).params())
                .containsExactly(OffsetDateTime.parse("2026-01-01T00:00:00Z"));
    }
}
