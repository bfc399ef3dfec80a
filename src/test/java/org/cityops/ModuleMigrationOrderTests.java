package org.cityops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Each module numbers its migrations in its own range, so a release can bring a module migration
 * numbered below another module's migration that an existing database applied long ago (sensing's
 * V650 after rules' V700). The application's Flyway settings must apply it instead of refusing to
 * start ("Detected resolved migration not applied to database").
 */
class ModuleMigrationOrderTests {

    private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");
    private static final String URL = "jdbc:h2:mem:migration-order;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
            + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    @Test
    void aModuleMigrationNumberedBelowAnAppliedOneIsStillApplied(@TempDir Path older) throws IOException {
        Path migrations = Path.of("src/main/resources/db/migration");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(migrations)) {
            files = walk.filter(p -> VERSION.matcher(p.getFileName().toString()).matches()).toList();
        }
        Path newestFile = files.stream().max(Comparator.comparingInt(ModuleMigrationOrderTests::version)).orElseThrow();
        int newest = version(newestFile);
        // the database of an earlier release: everything but the newest migration of another module
        // than the newest of all (a module's own later migrations build on its earlier ones)
        Path left = files.stream().filter(p -> !p.getParent().equals(newestFile.getParent()))
                .max(Comparator.comparingInt(ModuleMigrationOrderTests::version)).orElseThrow();
        for (Path f : files) {
            if (!f.equals(left)) {
                Path copy = older.resolve(migrations.relativize(f));
                Files.createDirectories(copy.getParent());
                Files.copy(f, copy);
            }
        }
        Flyway.configure().dataSource(URL, "sa", "").locations("filesystem:" + older).load().migrate();

        boolean outOfOrder = Boolean.parseBoolean(String.valueOf(applicationSetting("spring.flyway.out-of-order")));
        Flyway current = Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration")
                .outOfOrder(outOfOrder).load();
        current.migrate();

        MigrationVersion added = MigrationVersion.fromVersion(String.valueOf(version(left)));
        assertThat(current.info().applied()).as("%s applied after V%d", left.getFileName(), newest)
                .anyMatch(m -> added.equals(m.getVersion()));
    }

    private static int version(Path file) {
        Matcher m = VERSION.matcher(file.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static Object applicationSetting(String name) throws IOException {
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("application",
                new ClassPathResource("application.yml"))) {
            Object value = source.getProperty(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
