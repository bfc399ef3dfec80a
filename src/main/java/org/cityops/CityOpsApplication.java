package org.cityops;

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
        SpringApplication.run(CityOpsApplication.class, args);
    }
}
