package org.cityops.catalog.internal;

import org.cityops.platform.ImportDocuments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityops.catalog.CategoryKind;
import org.cityops.catalog.Subclass;
import org.cityops.catalog.TimeLimit;
import org.cityops.catalog.Urgency;
import org.cityops.platform.ProblemException;
import org.junit.jupiter.api.Test;

class CatalogValidationTests {

    private static final CatalogDocument.MainClassDocument C01 = new CatalogDocument.MainClassDocument("C01", "COMPONENT", "公用设施", null);
    private static final CatalogDocument.MainClassDocument E01 = new CatalogDocument.MainClassDocument("E01", "EVENT", "市容环境", null);

    private static Map<String, CatalogDocument.LimitDocument> limits(Object... urgencyAmountUnit) {
        Map<String, CatalogDocument.LimitDocument> limits = new LinkedHashMap<>();
        for (int i = 0; i < urgencyAmountUnit.length; i += 3) {
            limits.put((String) urgencyAmountUnit[i],
                    new CatalogDocument.LimitDocument((Integer) urgencyAmountUnit[i + 1], (String) urgencyAmountUnit[i + 2]));
        }
        return limits;
    }

    private static CatalogDocument.SubclassDocument garbage() {
        return new CatalogDocument.SubclassDocument("E0101", "EVENT", "E01", "暴露垃圾", "有暴露垃圾的", "垃圾已清除",
                limits("NORMAL", 4, "WORKING_HOURS", "URGENT", 2, "WORKING_HOURS"), null);
    }

    private static CatalogDocument.SubclassDocument cover(String code, String kind, String mainClass) {
        return new CatalogDocument.SubclassDocument(code, kind, mainClass, "上水井盖", "井盖缺失的", "井盖已补齐",
                limits("NORMAL", 2, "WORKING_DAYS", "CRITICAL", 2, "CALENDAR_HOURS"), true);
    }

    private static List<String> failingFields(CatalogDocument document) {
        return failingFields(document, Map.of());
    }

    private static List<String> failingFields(CatalogDocument document, Map<String, MainClass> existing) {
        ProblemException.BadRequest problem = catchThrowableOfType(ProblemException.BadRequest.class,
                () -> CatalogValidation.validate(document, existing));
        assertThat(problem).as("the catalog should be rejected").isNotNull();
        return problem.errors().stream().map(ProblemException.FieldError::field).toList();
    }

    @Test
    void aValidCatalogBecomesMainClassesAndSubclassesWithTheirLimits() {
        var valid = CatalogValidation.validate(new CatalogDocument(List.of(C01, E01),
                List.of(garbage(), cover("C0101", "COMPONENT", "C01"))), Map.of());
        assertThat(valid.mainClasses()).extracting(MainClass::code).containsExactly("C01", "E01");
        Subclass garbage = valid.subclasses().get(0).subclass();
        assertThat(garbage.kind()).isEqualTo(CategoryKind.EVENT);
        assertThat(garbage.mainClassName()).isEqualTo("市容环境");
        assertThat(garbage.handlingLimit(Urgency.URGENT)).isEqualTo(TimeLimit.workingHours(2));
        assertThat(garbage.handlingLimit(Urgency.CRITICAL)).as("falls back to NORMAL").isEqualTo(TimeLimit.workingHours(4));
        assertThat(valid.subclasses().get(1).subclass().handlingLimit(Urgency.CRITICAL)).isEqualTo(TimeLimit.calendarHours(2));
        assertThat(valid.subclasses()).allMatch(CatalogEntry::active);
    }

    @Test
    void aSubclassMayBelongToAMainClassAlreadyInTheCatalog() {
        var valid = CatalogValidation.validate(new CatalogDocument(null, List.of(garbage())),
                Map.of("E01", new MainClass("E01", CategoryKind.EVENT, "市容环境", true)));
        assertThat(valid.subclasses()).hasSize(1);
    }

    @Test
    void anUnknownKindIsNamed() {
        var bad = new CatalogDocument.SubclassDocument("E0101", "INCIDENT", "E01", "暴露垃圾", "有垃圾", "已清除",
                limits("NORMAL", 4, "WORKING_HOURS"), null);
        assertThat(failingFields(new CatalogDocument(List.of(E01), List.of(bad)))).containsExactly("E0101.kind");
        var badMain = new CatalogDocument.MainClassDocument("E02", "ADVERT", "宣传广告", null);
        assertThat(failingFields(new CatalogDocument(List.of(badMain), List.of()))).containsExactly("E02.kind");
    }

    @Test
    void aSubclassWhoseMainClassIsMissingIsNamed() {
        assertThat(failingFields(new CatalogDocument(List.of(C01), List.of(garbage())))).containsExactly("E0101.mainClass");
    }

    @Test
    void aCodeNotMatchingItsKindIsNamed() {
        assertThat(failingFields(new CatalogDocument(List.of(C01), List.of(cover("E0101", "COMPONENT", "C01")))))
                .contains("E0101.code");
        var wrongPrefix = new CatalogDocument.MainClassDocument("E03", "COMPONENT", "施工管理", null);
        assertThat(failingFields(new CatalogDocument(List.of(wrongPrefix), List.of()))).containsExactly("E03.code");
    }

    @Test
    void aCodeNotMatchingItsMainClassIsNamed() {
        var c02 = new CatalogDocument.MainClassDocument("C02", "COMPONENT", "道路交通", null);
        assertThat(failingFields(new CatalogDocument(List.of(C01, c02), List.of(cover("C0201", "COMPONENT", "C01")))))
                .containsExactly("C0201.code");
    }

    @Test
    void aKindDifferentFromItsMainClassIsNamed() {
        assertThat(failingFields(new CatalogDocument(List.of(C01), List.of(cover("C0101", "EVENT", "C01")))))
                .contains("C0101.kind");
    }

    @Test
    void malformedCodesAreNamed() {
        var main = new CatalogDocument.MainClassDocument("C1", "COMPONENT", "公用设施", null);
        assertThat(failingFields(new CatalogDocument(List.of(main), List.of()))).containsExactly("C1.code");
        assertThat(failingFields(new CatalogDocument(List.of(C01), List.of(cover("C01001", "COMPONENT", "C01")))))
                .containsExactly("C01001.code");
        assertThat(failingFields(new CatalogDocument(List.of(C01), List.of(cover("C0100", "COMPONENT", "C01")))))
                .containsExactly("C0100.code");
        assertThat(failingFields(new CatalogDocument(List.of(C01), List.of(cover(null, "COMPONENT", "C01")))))
                .containsExactly("subclasses[0].code");
    }

    @Test
    void duplicateCodesAreNamed() {
        assertThat(failingFields(new CatalogDocument(List.of(C01, C01), List.of()))).containsExactly("C01.code");
        assertThat(failingFields(new CatalogDocument(List.of(C01),
                List.of(cover("C0101", "COMPONENT", "C01"), cover("C0101", "COMPONENT", "C01"))))).containsExactly("C0101.code");
    }

    @Test
    void missingConditionsAndNamesAreNamed() {
        var bad = new CatalogDocument.SubclassDocument("E0101", "EVENT", "E01", " ", null, "",
                limits("NORMAL", 4, "WORKING_HOURS"), null);
        assertThat(failingFields(new CatalogDocument(List.of(E01), List.of(bad))))
                .containsExactlyInAnyOrder("E0101.name", "E0101.registerCondition", "E0101.closeCondition");
    }

    @Test
    void nonPositiveOrUnknownUnitLimitsAreNamed() {
        var bad = new CatalogDocument.SubclassDocument("E0101", "EVENT", "E01", "暴露垃圾", "有垃圾", "已清除",
                limits("NORMAL", 0, "WORKING_HOURS", "URGENT", 2, "FORTNIGHTS", "CRITICAL", -1, null), null);
        assertThat(failingFields(new CatalogDocument(List.of(E01), List.of(bad)))).containsExactlyInAnyOrder(
                "E0101.limits.NORMAL.amount", "E0101.limits.URGENT.unit", "E0101.limits.CRITICAL.amount",
                "E0101.limits.CRITICAL.unit");
    }

    @Test
    void aFractionalAmountIsRefusedRatherThanTruncated() {
        String json = """
                {"mainClasses": [{"code": "E01", "kind": "EVENT", "name": "市容环境"}],
                 "subclasses": [{"code": "E0101", "kind": "EVENT", "mainClass": "E01", "name": "暴露垃圾",
                   "registerCondition": "有垃圾", "closeCondition": "已清除",
                   "limits": {"NORMAL": {"amount": 4.5, "unit": "WORKING_HOURS"}}}]}""";
        ProblemException.BadRequest problem = catchThrowableOfType(ProblemException.BadRequest.class,
                () -> ImportDocuments.read(json, "application/json", CatalogDocument.class));
        assertThat(problem.errors()).extracting(ProblemException.FieldError::field)
                .containsExactly("subclasses[0].limits.NORMAL.amount");
    }

    @Test
    void anUnknownUrgencyIsNamed() {
        var bad = new CatalogDocument.SubclassDocument("E0101", "EVENT", "E01", "暴露垃圾", "有垃圾", "已清除",
                limits("NORMAL", 4, "WORKING_HOURS", "SOMEDAY", 2, "WORKING_DAYS"), null);
        assertThat(failingFields(new CatalogDocument(List.of(E01), List.of(bad)))).containsExactly("E0101.limits.SOMEDAY");
    }

    @Test
    void aMissingNormalLimitIsNamed() {
        var withoutNormal = new CatalogDocument.SubclassDocument("E0101", "EVENT", "E01", "暴露垃圾", "有垃圾", "已清除",
                limits("URGENT", 2, "WORKING_HOURS"), null);
        var withoutAny = new CatalogDocument.SubclassDocument("E0102", "EVENT", "E01", "积存渣土", "有渣土", "已清运", null, null);
        assertThat(failingFields(new CatalogDocument(List.of(E01), List.of(withoutNormal, withoutAny))))
                .containsExactly("E0101.limits.NORMAL", "E0102.limits.NORMAL");
    }

    @Test
    void everyFailingEntryIsReportedNotOnlyTheFirst() {
        List<CatalogDocument.SubclassDocument> subs = new ArrayList<>();
        subs.add(garbage());
        subs.add(cover("C0101", "COMPONENT", "C09"));
        subs.add(new CatalogDocument.SubclassDocument("E0102", "EVENT", "E01", "积存渣土", null, "已清运",
                limits("NORMAL", 1, "WORKING_DAYS"), null));
        assertThat(failingFields(new CatalogDocument(List.of(E01), subs)))
                .containsExactly("C0101.mainClass", "C0101.code", "E0102.registerCondition");
    }

    @Test
    void anEmptyDocumentIsRefused() {
        assertThat(failingFields(new CatalogDocument(null, null))).containsExactly("body");
    }

    @Test
    void theShippedDefaultCatalogIsValidAndCoversEveryMainClass() throws IOException {
        String yaml;
        try (InputStream in = getClass().getResourceAsStream("/catalog/default-catalog.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var valid = CatalogValidation.validate(ImportDocuments.read(yaml, "application/yaml", CatalogDocument.class), Map.of());
        assertThat(valid.mainClasses()).extracting(MainClass::code).containsExactly(
                "C01", "C02", "C03", "C04", "C05", "C06", "C07", "E01", "E02", "E03", "E04", "E05", "E06");
        assertThat(valid.subclasses()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(valid.mainClasses()).allSatisfy(main -> assertThat(valid.subclasses())
                .anyMatch(e -> e.subclass().mainClassCode().equals(main.code())));
        Subclass garbage = valid.subclasses().stream().map(CatalogEntry::subclass)
                .filter(s -> s.name().equals("暴露垃圾")).findFirst().orElseThrow();
        assertThat(garbage.handlingLimit(Urgency.NORMAL)).isEqualTo(TimeLimit.workingHours(4));
        Subclass cover = valid.subclasses().stream().map(CatalogEntry::subclass)
                .filter(s -> s.code().equals("C0101")).findFirst().orElseThrow();
        assertThat(cover.handlingLimit(Urgency.URGENT).unit()).isEqualTo(TimeLimit.Unit.CALENDAR_HOURS);
    }
}
