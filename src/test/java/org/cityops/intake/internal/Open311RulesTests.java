package org.cityops.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityops.cases.CaseState;
import org.cityops.catalog.Urgency;
import org.junit.jupiter.api.Test;

class Open311RulesTests {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant NOW = Instant.parse("2026-03-02T01:00:00Z");
    static final Set<String> SERVICES = Set.of("E0101", "C0101");

    static Map<String, String> request() {
        Map<String, String> p = new HashMap<>();
        p.put("service_code", "E0101");
        p.put("lat", "24.505");
        p.put("long", "114.505");
        return p;
    }

    static List<String> refusal(Runnable action) {
        try {
            action.run();
        } catch (Open311Error e) {
            return e.errors().stream().map(x -> x.code() + " " + x.description()).toList();
        }
        throw new AssertionError("was not refused");
    }

    @Test
    void aMinimalRequestNeedsOnlyServiceAndCoordinates() {
        Open311Rules.ServiceRequestDraft d = Open311Rules.serviceRequest(request(), SERVICES::contains);

        assertThat(d.serviceCode()).isEqualTo("E0101");
        assertThat(d.latitude()).isEqualTo(24.505);
        assertThat(d.longitude()).isEqualTo(114.505);
        assertThat(d.urgency()).isEqualTo(Urgency.NORMAL);
        assertThat(d.description()).isNull();
        assertThat(d.address()).isNull();
    }

    @Test
    void attributesSetUrgencyAndAddALocationNoteToTheAddress() {
        Map<String, String> p = request();
        p.put("attribute[urgency]", "critical");
        p.put("attribute[location_note]", "3号楼东侧");
        p.put("address_string", "幸福路 1 号");

        Open311Rules.ServiceRequestDraft d = Open311Rules.serviceRequest(p, SERVICES::contains);

        assertThat(d.urgency()).isEqualTo(Urgency.CRITICAL);
        assertThat(d.address()).isEqualTo("幸福路 1 号（3号楼东侧）");
    }

    @Test
    void theReporterIsReachedByPhoneBeforeEmailAndNamedInTheirScriptsOrder() {
        Map<String, String> p = request();
        p.put("email", "a@b.cn");
        p.put("first_name", "三");
        p.put("last_name", "张");
        assertThat(Open311Rules.serviceRequest(p, SERVICES::contains).reporterContact()).isEqualTo("a@b.cn");
        assertThat(Open311Rules.serviceRequest(p, SERVICES::contains).reporterName()).isEqualTo("张三");
        p.put("phone", "13812345678");
        assertThat(Open311Rules.serviceRequest(p, SERVICES::contains).reporterContact()).isEqualTo("13812345678");
        assertThat(Open311Rules.personName("Jane", "Doe")).isEqualTo("Jane Doe");
        assertThat(Open311Rules.personName(null, "Doe")).isEqualTo("Doe");
    }

    @Test
    void everyFailingParameterIsNamedInOneRefusal() {
        Map<String, String> p = new HashMap<>();
        p.put("lat", "-90.0001");
        p.put("long", "NaN");
        p.put("description", "x".repeat(4001));
        p.put("media_url", "ftp://example.org/a.jpg");

        assertThat(refusal(() -> Open311Rules.serviceRequest(p, SERVICES::contains))).containsExactlyInAnyOrder(
                "400 service_code: is required",
                "400 lat: must be between -90 and 90, was -90.0001",
                "400 long: must be between -180 and 180, was NaN",
                "400 description: is longer than 4000 characters",
                "400 media_url: must be an http or https URL");
    }

    @Test
    void anAddressAloneIsRefusedBecauseCasesAreRoutedByCoordinates() {
        Map<String, String> p = request();
        p.remove("lat");
        p.remove("long");
        p.put("address_string", "幸福路 1 号");

        assertThat(refusal(() -> Open311Rules.serviceRequest(p, SERVICES::contains))).singleElement().asString()
                .startsWith("400 lat/long:").contains("address_string");
    }

    @Test
    void unknownAttributesAndValuesAreRefused() {
        Map<String, String> p = request();
        p.put("attribute[colour]", "red");
        p.put("attribute[urgency]", "asap");

        assertThat(refusal(() -> Open311Rules.serviceRequest(p, SERVICES::contains))).containsExactlyInAnyOrder(
                "400 attribute[colour]: unknown attribute; see services/{service_code} for the attributes",
                "400 attribute[urgency]: must be NORMAL, URGENT or CRITICAL, was 'asap'");
    }

    @Test
    void aSearchWithoutDatesCoversTheLastNinetyDays() {
        Open311Rules.Search s = Open311Rules.search(Map.of(), NOW, SHANGHAI, SERVICES::contains, 1000);

        assertThat(s.from()).isEqualTo(NOW.minus(Duration.ofDays(90)));
        assertThat(s.to()).isNull();
        assertThat(s.open()).isNull();
    }

    @Test
    void oneDateBoundsTheOtherNinetyDaysAway() {
        Open311Rules.Search fromStart = Open311Rules.search(Map.of("start_date", "2026-01-01T00:00:00+08:00"), NOW,
                SHANGHAI, SERVICES::contains, 1000);
        assertThat(fromStart.to()).isEqualTo(Instant.parse("2025-12-31T16:00:00Z").plus(Duration.ofDays(90)));

        Open311Rules.Search toEnd = Open311Rules.search(Map.of("end_date", "2026-03-01"), NOW, SHANGHAI,
                SERVICES::contains, 1000);
        assertThat(toEnd.from()).isEqualTo(Instant.parse("2026-02-28T16:00:00Z").minus(Duration.ofDays(90)));
    }

    @Test
    void datesAreReadWithOrWithoutOffsetAndAnUnencodedPlusIsForgiven() {
        Open311Rules.Search s = Open311Rules.search(Map.of("start_date", "2026-03-01T09:00:00 08:00",
                "end_date", "2026-03-02T09:00:00"), NOW, SHANGHAI, SERVICES::contains, 1000);

        assertThat(s.from()).isEqualTo(Instant.parse("2026-03-01T01:00:00Z"));
        assertThat(s.to()).isEqualTo(Instant.parse("2026-03-02T01:00:00Z"));
    }

    @Test
    void aRangeOfExactlyNinetyDaysIsAllowedAndOneSecondMoreIsNot() {
        assertThat(Open311Rules.search(Map.of("start_date", "2026-01-01T00:00:00Z", "end_date", "2026-04-01T00:00:00Z"),
                NOW, SHANGHAI, SERVICES::contains, 1000).to()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(refusal(() -> Open311Rules.search(Map.of("start_date", "2026-01-01T00:00:00Z",
                "end_date", "2026-04-01T00:00:01Z"), NOW, SHANGHAI, SERVICES::contains, 1000)))
                .containsExactly("400 end_date: the range from start_date may span at most 90 days");
    }

    @Test
    void idsOverrideEveryOtherFilter() {
        Open311Rules.Search s = Open311Rules.search(Map.of("service_request_id", "12, 13,,", "status", "bogus",
                "service_code", "NOPE"), NOW, SHANGHAI, SERVICES::contains, 1000);

        assertThat(s.requestIds()).containsExactly("12", "13");
        assertThat(s.from()).isNull();
        assertThat(refusal(() -> Open311Rules.search(Map.of("service_request_id", "1,2,3"), NOW, SHANGHAI,
                SERVICES::contains, 2))).singleElement().asString().startsWith("400 service_request_id:");
    }

    @Test
    void statusFiltersOpenClosedOrBoth() {
        assertThat(Open311Rules.search(Map.of("status", "open"), NOW, SHANGHAI, SERVICES::contains, 10).open()).isTrue();
        assertThat(Open311Rules.search(Map.of("status", "closed"), NOW, SHANGHAI, SERVICES::contains, 10).open()).isFalse();
        assertThat(Open311Rules.search(Map.of("status", "open,closed"), NOW, SHANGHAI, SERVICES::contains, 10).open())
                .isNull();
        assertThat(refusal(() -> Open311Rules.search(Map.of("status", "open,done"), NOW, SHANGHAI, SERVICES::contains,
                10))).containsExactly("400 status: must be open or closed, was 'done'");
    }

    @Test
    void caseStatesMapToOpenUntilClosedVoidOrRefused() {
        for (CaseState state : CaseState.values()) {
            boolean over = state == CaseState.CLOSED || state == CaseState.VOID || state == CaseState.NOT_REGISTERED;
            assertThat(Open311Rules.status(state)).as(state.name()).isEqualTo(over ? "closed" : "open");
        }
    }

    @Test
    void statusNotesGiveTheStateAndTheClosingCommentOnlyOnceTheCaseIsOver() {
        assertThat(Open311Rules.statusNotes(CaseState.RETURNED, "不属于本单位")).isEqualTo("已退回");
        assertThat(Open311Rules.statusNotes(CaseState.NOT_REGISTERED, " 不属于城市管理范围 "))
                .isEqualTo("不予立案：不属于城市管理范围");
        assertThat(Open311Rules.statusNotes(CaseState.CLOSED, null)).isEqualTo("已结案");
    }

    @Test
    void timesAreWrittenToTheSecondWithTheCitysOffset() {
        assertThat(Open311Rules.time(Instant.parse("2026-03-02T01:00:00.123456Z"), SHANGHAI))
                .isEqualTo("2026-03-02T09:00:00+08:00");
        assertThat(Open311Rules.time(null, SHANGHAI)).isNull();
    }

    @Test
    void anotherJurisdictionIsNotFoundAndOursOrNoneIsAccepted() {
        Open311Rules.checkJurisdiction(Map.of(), "cityops.local");
        Open311Rules.checkJurisdiction(Map.of("jurisdiction_id", "cityops.local"), "cityops.local");
        assertThatThrownBy(() -> Open311Rules.checkJurisdiction(Map.of("jurisdiction_id", "sf.gov"), "cityops.local"))
                .isInstanceOfSatisfying(Open311Error.class, e -> assertThat(e.status()).isEqualTo(404));
    }
}
