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
 * {@code ModularityTests} (which also writes the module diagrams to {@code target/spring-modulith-docs})
 * and {@code docs/decisions.md}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CityOpsApplication {

    public static void main(String[] args) {
        if (args.length > 0 && "import-geojson".equals(args[0])) {
            System.exit(SpringApplication.exit(command().run(args)));
        }
        SpringApplication.run(CityOpsApplication.class, args);
    }

    /**
     * Returns the application as a command: it runs against the configured database and exits,
     * without a web server and so without HTTP security or an identity provider to reach.
     */
    static SpringApplication command() {
        SpringApplication command = new SpringApplication(CityOpsApplication.class);
        command.setWebApplicationType(WebApplicationType.NONE);
        return command;
    }
}
