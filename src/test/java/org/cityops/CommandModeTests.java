package org.cityops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.cityops.geo.Divisions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Starts the application the way {@code java -jar cityops-exec.jar import-geojson <file>}
 * does: without a web server, so without HTTP security, even in OIDC mode with no identity
 * provider reachable.
 */
@Tag("integration")
@ExtendWith({DatabaseAvailable.class, OutputCaptureExtension.class})
class CommandModeTests {

    @TempDir Path dir;

    @Test
    void theGeoImportCommandRunsWithoutWebServerOrIdentityProvider(CapturedOutput output) throws IOException {
        Path file = dir.resolve("city.geojson");
        Files.writeString(file, new ClassPathResource("geo/test-city.geojson").getContentAsString(StandardCharsets.UTF_8));
        SpringApplication command = CityOpsApplication.command();
        command.setAdditionalProfiles("test");
        command.setDefaultProperties(Map.of("cityops.security.mode", "oidc",
                // nothing listens here: a command must not need the identity provider
                "spring.security.oauth2.resourceserver.jwt.issuer-uri", "http://localhost:9/realms/nowhere"));

        try (ConfigurableApplicationContext context = command.run("import-geojson", file.toString())) {
            assertThat(context).isNotInstanceOf(WebServerApplicationContext.class);
            assertThat(context.getBeansOfType(SecurityFilterChain.class)).isEmpty();
            assertThat(context.getBeansOfType(JwtDecoder.class)).isEmpty();
            assertThat(output.getOut()).as("the command printed its counts").contains("grid=4");
            assertThat(context.getBean(Divisions.class).find("990101001002")).isPresent();
            assertThat(SpringApplication.exit(context)).isZero();
        }
    }
}
