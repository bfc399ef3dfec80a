package org.cityops.sensing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The outcome of one run of the OGC executable test suite, read from the {@code testng-results.xml}
 * TestNG writes, and judged against the suite's own known defects.
 *
 * @param outcomes every test method and every configuration method that did not pass, in file order
 */
record EtsResults(List<Outcome> outcomes) {

    /**
     * One test method's outcome.
     *
     * @param conformanceClass the TestNG test it ran in ("Conformance Level 1" …)
     * @param method           the method name
     * @param status           {@code PASS}, {@code FAIL} or {@code SKIP}
     * @param message          the exception message of a failure, or empty
     * @param configuration    whether it is a set-up or tear-down method rather than a test
     */
    record Outcome(String conformanceClass, String method, String status, String message, boolean configuration) {

        /** Returns the outcome as one line for a failure listing. */
        String line() {
            return conformanceClass + " / " + method + ": " + status + (message.isEmpty() ? "" : " — " + message);
        }
    }

    /** Returns the results of the one run whose {@code testng-results.xml} lies under {@code userHome/testng}. */
    static EtsResults readRun(Path userHome) throws IOException {
        Path testng = userHome.resolve("testng");
        try (Stream<Path> files = Files.walk(testng)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().equals("testng-results.xml")).toList();
            if (found.size() != 1) {
                throw new IllegalStateException("expected one testng-results.xml under " + testng + ", found " + found);
            }
            return read(found.get(0));
        }
    }

    /** Returns the outcomes recorded in a TestNG results file. */
    static EtsResults read(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(file.toFile());
            List<Outcome> outcomes = new ArrayList<>();
            NodeList tests = doc.getElementsByTagName("test");
            for (int t = 0; t < tests.getLength(); t++) {
                Element test = (Element) tests.item(t);
                NodeList methods = test.getElementsByTagName("test-method");
                for (int m = 0; m < methods.getLength(); m++) {
                    Element method = (Element) methods.item(m);
                    NodeList messages = method.getElementsByTagName("message");
                    String message = messages.getLength() == 0 ? "" : messages.item(0).getTextContent().strip();
                    outcomes.add(new Outcome(test.getAttribute("name"), method.getAttribute("name"),
                            method.getAttribute("status"), message, "true".equals(method.getAttribute("is-config"))));
                }
            }
            return new EtsResults(outcomes);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the suite's results " + file + ": " + e.getMessage(), e);
        }
    }

    /** Returns the test methods (not configuration methods) with the given status. */
    List<Outcome> tests(String status) {
        return outcomes.stream().filter(o -> !o.configuration() && o.status().equals(status)).toList();
    }

    /**
     * Returns every outcome that is not a pass and not one of the suite's known defects: a failed or
     * skipped test, or a failed configuration method (which silently skips the tests behind it).
     *
     * @param knownDefects test method name → a fragment of the message its defect produces; such a
     *                     test is excused only when it fails with exactly that defect
     */
    List<Outcome> unexpected(Map<String, String> knownDefects) {
        return outcomes.stream()
                .filter(o -> !o.status().equals("PASS"))
                .filter(o -> o.configuration() || !o.status().equals("FAIL")
                        || !knownDefects.containsKey(o.method()) || !o.message().contains(knownDefects.get(o.method())))
                .toList();
    }
}
