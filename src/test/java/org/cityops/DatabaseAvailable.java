package org.cityops;

import java.sql.Connection;
import java.sql.DriverManager;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Skips integration tests, with the reason, when the configured external database is unreachable. */
class DatabaseAvailable implements ExecutionCondition {

    private static volatile ConditionEvaluationResult cached;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String url = System.getProperty("spring.datasource.url");
        if (url == null || url.startsWith("jdbc:h2:")) {
            return ConditionEvaluationResult.enabled("embedded H2");
        }
        if (cached == null) {
            try (Connection c = DriverManager.getConnection(url, System.getProperty("spring.datasource.username"),
                    System.getProperty("spring.datasource.password"))) {
                cached = ConditionEvaluationResult.enabled("database reachable at " + url);
            } catch (Exception e) {
                cached = ConditionEvaluationResult.disabled("SKIPPED: database at " + url + " is not reachable ("
                        + e.getMessage() + "); .ci/run starts PostgreSQL for this suite");
                System.err.println(cached.getReason().orElse(""));
            }
        }
        return cached;
    }
}
