package org.cityops.sensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtsResultsTest {

    @TempDir Path home;

    private static final Map<String, String> DEFECTS = Map.of("knownBroken", "is not a string");

    private EtsResults run(String methods) throws IOException {
        Path dir = Files.createDirectories(home.resolve("testng").resolve("3f1c"));
        Files.writeString(dir.resolve("testng-results.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <testng-results ignored="0" total="4" passed="2" failed="2" skipped="0">
                  <suite name="sta10-1.5">
                    <test name="Conformance Level 3">
                      <class name="org.opengis.cite.sta10.filteringExtension.Capability3Tests">
                %s
                      </class>
                    </test>
                  </suite>
                </testng-results>
                """.formatted(methods));
        return EtsResults.readRun(home);
    }

    private static String method(String name, String status, String message, boolean config) {
        String exception = message == null ? ""
                : "<exception class=\"java.lang.AssertionError\"><message><![CDATA[" + message + "]]></message></exception>";
        return "<test-method " + (config ? "is-config=\"true\" " : "") + "name=\"" + name + "\" status=\"" + status + "\">"
                + exception + "</test-method>";
    }

    @Test
    void aKnownDefectFailingWithItsOwnMessageIsExcusedAndNothingElse() throws IOException {
        EtsResults results = run(method("obtainTestSubject", "PASS", null, true)
                + method("readEntitiesWithTopQO", "PASS", null, false)
                + method("knownBroken", "FAIL", "JSONObject[\"result\"] is not a string (6)", false)
                + method("readEntitiesWithSkipQO", "FAIL", "expected [2] but found [3]", false));

        assertThat(results.tests("PASS")).extracting(EtsResults.Outcome::method).containsExactly("readEntitiesWithTopQO");
        assertThat(results.unexpected(DEFECTS)).extracting(EtsResults.Outcome::line)
                .containsExactly("Conformance Level 3 / readEntitiesWithSkipQO: FAIL — expected [2] but found [3]");
    }

    @Test
    void aKnownDefectTestFailingForAnotherReasonIsReported() throws IOException {
        EtsResults results = run(method("knownBroken", "FAIL", "expected count 6 but found 0", false));

        assertThat(results.unexpected(DEFECTS)).extracting(EtsResults.Outcome::method).containsExactly("knownBroken");
    }

    @Test
    void skippedTestsAndFailedSetUpsAreReported() throws IOException {
        EtsResults results = run(method("obtainTestSubject", "FAIL", "service root unreachable", true)
                + method("knownBroken", "SKIP", null, false));

        assertThat(results.unexpected(DEFECTS)).extracting(EtsResults.Outcome::status).containsExactly("FAIL", "SKIP");
    }
}
