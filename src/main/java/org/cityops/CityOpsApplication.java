package org.cityops;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * CityOps: one network for unified city management (城市运行一网统管).
 *
 * <p>Each top-level package below this one is a Spring Modulith application module; see
 * {@code docs/architecture.md} and the modularity test.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CityOpsApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(CityOpsApplication.class);
        if (args.length > 0 && "import-geojson".equals(args[0])) {
            // A command runs against the configured database and exits; it needs no web server.
            application.setWebApplicationType(WebApplicationType.NONE);
            System.exit(SpringApplication.exit(application.run(args)));
        }
        application.run(args);
    }
}
