package org.cityops.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.cityops.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The console is served by the platform itself, without login and without any internet resource. */
@IntegrationTest
class ConsoleServingTests {

    @LocalServerPort int port;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRootLeadsToTheConsole() throws Exception {
        HttpResponse<String> root = get("/");
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location").orElseThrow()).endsWith("/console/");
    }

    @Test
    void theConsolePageIsRevalidatedOnEveryLoadAndLoadsNothingFromTheInternet() throws Exception {
        HttpResponse<String> page = get("/console/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control").orElseThrow()).contains("no-cache")
                .doesNotContain("no-store");
        assertThat(page.body()).contains("/webjars/vue/", "/webjars/leaflet/", "/webjars/echarts/", "app.js")
                .doesNotContain("http://", "https://");
        for (String module : new String[] {"app.js", "api.js", "i18n.js", "common.js", "views/screen.js",
                "views/workbench.js", "views/inspector.js", "views/rules.js", "views/rule-form.js", "views/rule-fields.js",
                "console.css"}) {
            HttpResponse<String> file = get("/console/" + module);
            assertThat(file.statusCode()).as(module).isEqualTo(200);
            assertThat(file.body()).as(module).doesNotContain("https://", "http://");
        }
    }

    @Test
    void theVersionedLibrariesAreCachedForLong() throws Exception {
        for (String path : new String[] {"/webjars/vue/3.5.13/dist/vue.esm-browser.prod.js",
                "/webjars/leaflet/1.9.4/dist/leaflet.js", "/webjars/echarts/5.3.1/dist/echarts.min.js"}) {
            HttpResponse<String> lib = get(path);
            assertThat(lib.statusCode()).as(path).isEqualTo(200);
            assertThat(lib.headers().firstValue("Cache-Control").orElseThrow()).as(path).contains("max-age=31536000");
        }
    }
}
