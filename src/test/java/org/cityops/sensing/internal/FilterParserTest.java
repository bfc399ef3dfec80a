package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

class FilterParserTest {

    private static Expr.Literal literal(String text) {
        Expr e = FilterParser.parse("x eq " + text);
        return (Expr.Literal) ((Expr.Binary) e).right();
    }

    @Test
    void andBindsTighterThanOrAndComparisonTighterThanAnd() {
        Expr e = FilterParser.parse("a eq 1 or b eq 2 and c eq 3");
        assertThat(e).isInstanceOf(Expr.Binary.class);
        Expr.Binary or = (Expr.Binary) e;
        assertThat(or.operator()).isEqualTo("or");
        assertThat(((Expr.Binary) or.right()).operator()).isEqualTo("and");
        assertThat(((Expr.Binary) or.left()).operator()).isEqualTo("eq");
    }

    @Test
    void multiplicationBindsTighterThanAdditionAndParenthesesOverrideIt() {
        Expr.Binary eq = (Expr.Binary) FilterParser.parse("a add 2 mul 3 eq 7");
        Expr.Binary add = (Expr.Binary) eq.left();
        assertThat(add.operator()).isEqualTo("add");
        assertThat(((Expr.Binary) add.right()).operator()).isEqualTo("mul");

        Expr.Binary grouped = (Expr.Binary) ((Expr.Binary) FilterParser.parse("(a add 2) mul 3 eq 7")).left();
        assertThat(grouped.operator()).isEqualTo("mul");
        assertThat(((Expr.Binary) grouped.left()).operator()).isEqualTo("add");
    }

    @Test
    void arithmeticOperatorsAssociateToTheLeft() {
        Expr.Binary sub = (Expr.Binary) ((Expr.Binary) FilterParser.parse("a sub 2 sub 3 eq 0")).left();
        assertThat(sub.operator()).isEqualTo("sub");
        assertThat(((Expr.Binary) sub.left()).operator()).isEqualTo("sub");
        assertThat(((Expr.Literal) sub.right()).value()).isEqualTo(3L);
    }

    @Test
    void notAppliesToTheWholeComparisonThatFollows() {
        Expr.Binary and = (Expr.Binary) FilterParser.parse("not name eq 'x' and id eq 1");
        Expr.Unary not = (Expr.Unary) and.left();
        assertThat(not.operator()).isEqualTo("not");
        assertThat(((Expr.Binary) not.operand()).operator()).isEqualTo("eq");
    }

    @Test
    void stringsWithDoubledQuotesNumbersBooleansAndNullAreLiterals() {
        assertThat(literal("'it''s'").value()).isEqualTo("it's");
        assertThat(literal("''").value()).isEqualTo("");
        assertThat(literal("42").value()).isEqualTo(42L);
        assertThat(literal("-7").value()).isEqualTo(-7L);
        assertThat(literal("3.5").value()).isEqualTo(3.5);
        assertThat(literal("1.5e3").value()).isEqualTo(1500.0);
        assertThat(literal("true").value()).isEqualTo(true);
        assertThat(literal("false").value()).isEqualTo(false);
        assertThat(literal("null").value()).isNull();
    }

    @Test
    void isoDateTimesDatesAndDurationsAreLiterals() {
        assertThat(literal("2026-11-28T08:00:00Z").value()).isEqualTo(OffsetDateTime.parse("2026-11-28T08:00:00Z"));
        assertThat(literal("2026-11-28T16:00:00.250+08:00").value())
                .isEqualTo(OffsetDateTime.parse("2026-11-28T16:00:00.250+08:00"));
        assertThat(literal("2026-11-28").value()).isEqualTo(LocalDate.of(2026, 11, 28));
        assertThat(literal("duration'P1DT2H'").value()).isEqualTo(Duration.ofHours(26));
    }

    @Test
    void geographyLiteralsBecomeGeometries() {
        Object point = literal("geography'POINT(116.4 39.9)'").value();
        assertThat(point).isInstanceOf(Geometry.class);
        assertThat(((Geometry) point).getCoordinate().x).isEqualTo(116.4);
        Object polygon = literal("geography'SRID=4326;POLYGON((0 0, 1 0, 1 1, 0 1, 0 0))'").value();
        assertThat(((Geometry) polygon).getArea()).isEqualTo(1.0);
    }

    @Test
    void pathsAndFunctionCallsAreParsed() {
        Expr.Binary eq = (Expr.Binary) FilterParser.parse("Datastream/ObservedProperty/name eq 'rain'");
        assertThat(((Expr.Path) eq.left()).segments()).containsExactly("Datastream", "ObservedProperty", "name");
        Expr.Call call = (Expr.Call) FilterParser.parse("st_within(location, geography'POINT(1 2)')");
        assertThat(call.function()).isEqualTo("st_within");
        assertThat(call.arguments()).hasSize(2);
        Expr.Call nested = (Expr.Call) ((Expr.Binary) FilterParser.parse("length(trim(name)) gt 3")).left();
        assertThat(((Expr.Call) nested.arguments().get(0)).function()).isEqualTo("trim");
        Expr.Binary lt = (Expr.Binary) FilterParser.parse("geo.distance(location, geography'POINT(1 2)') lt 1");
        assertThat(((Expr.Call) lt.left()).function()).isEqualTo("geo.distance");
    }

    @Test
    void errorsNameThePositionAndTheToken() {
        assertThatThrownBy(() -> FilterParser.parse("name eq"))
                .hasMessage("unexpected token end of expression at position 8");
        assertThatThrownBy(() -> FilterParser.parse("result gt and 3"))
                .hasMessage("operator 'and' needs an operand before it at position 11")
                .extracting(e -> ((FilterParser.SyntaxError) e).position()).isEqualTo(11);
        assertThatThrownBy(() -> FilterParser.parse("name eq 'open")).hasMessage("unterminated string at position 9");
        assertThatThrownBy(() -> FilterParser.parse("(a eq 1")).hasMessage("expected ')' but found end of expression at position 8");
        assertThatThrownBy(() -> FilterParser.parse("shout(name)")).hasMessage("unknown function 'shout' at position 1");
        assertThatThrownBy(() -> FilterParser.parse("length(a, b) eq 1"))
                .hasMessageContaining("length takes [1] argument(s), not 2");
        assertThatThrownBy(() -> FilterParser.parse("a eq 1 eq 2")).hasMessageContaining("cannot be chained");
        assertThatThrownBy(() -> FilterParser.parse("time eq 2026-13-01T00:00:00Z"))
                .hasMessage("invalid date/time '2026-13-01T00:00:00Z' at position 9");
        assertThatThrownBy(() -> FilterParser.parse("st_within(location, geography'POINT(1)')"))
                .hasMessageContaining("invalid geography literal");
        assertThatThrownBy(() -> FilterParser.parse("a eq #")).hasMessage("unexpected character '#' at position 6");
        assertThatThrownBy(() -> FilterParser.parse("  ")).hasMessage("empty expression at position 1");
        assertThatThrownBy(() -> FilterParser.parse("a eq 1 b")).hasMessage("unexpected token 'b' at position 8");
    }

    @Test
    void orderByOperandsAreExpressionsWithoutComparison() {
        assertThat(FilterParser.parseOperand("phenomenonTime")).isEqualTo(new Expr.Path(List.of("phenomenonTime")));
        assertThatThrownBy(() -> FilterParser.parseOperand("name sideways")).hasMessageContaining("'sideways'");
    }
}
