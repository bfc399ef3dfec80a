package org.cityops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.cityops.Api;
import org.cityops.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What operators and integrators reach without logging in: health, metrics and the API description. */
@IntegrationTest
class PlatformEndpointsTests {

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;

    Api anonymous() {
        return Api.on(port, issuer);
    }

    @Test
    void healthIsUpWithLivenessAndReadiness() {
        Api.Response r = anonymous().get("/actuator/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asString()).isEqualTo("UP");
        assertThat(anonymous().get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    @Test
    void prometheusScrapesJvmAndHttpMetrics() {
        anonymous().get("/actuator/health");
        Api.Response r = anonymous().get("/actuator/prometheus", "text/plain");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("jvm_memory_used_bytes").contains("http_server_requests_seconds");
    }

    @Test
    void openApiDescribesTheApiAndSwaggerUiIsServed() {
        Api.Response docs = anonymous().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/v1/cases/{id}/transitions")).isTrue();
        assertThat(docs.json().get("paths").has("/api/v1/geo/import")).isTrue();
        assertThat(anonymous().get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void otherActuatorEndpointsNeedAToken() {
        assertThat(anonymous().get("/actuator/metrics").status()).isEqualTo(401);
    }
}
