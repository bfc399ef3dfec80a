package org.cityops;

import java.util.Arrays;

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

    /** The command line switch that starts the demo city (the {@code demo} profile, see {@code docs/demo.md}). */
    static final String DEMO_SWITCH = "--demo";

    public static void main(String[] args) {
        if (args.length > 0 && "import-geojson".equals(args[0])) {
            System.exit(SpringApplication.exit(command().run(args)));
        }
        SpringApplication application = new SpringApplication(CityOpsApplication.class);
        if (Arrays.asList(args).contains(DEMO_SWITCH)) {
            application.setAdditionalProfiles("demo");
        }
        application.run(Arrays.stream(args).filter(a -> !DEMO_SWITCH.equals(a)).toArray(String[]::new));
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
