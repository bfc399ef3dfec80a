package org.cityops;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
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
        if (args.length > 0 && "import-geojson".equals(args[0])) {
            // A command runs against the configured database and exits. Port -1 opens no port; the
            // servlet context stays because the platform's security configuration is web-only.
            String[] command = Arrays.copyOf(args, args.length + 1);
            command[args.length] = "--server.port=-1";
            System.exit(SpringApplication.exit(SpringApplication.run(CityOpsApplication.class, command)));
        }
        SpringApplication.run(CityOpsApplication.class, args);
    }
}
