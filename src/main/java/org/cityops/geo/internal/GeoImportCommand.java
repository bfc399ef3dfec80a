package org.cityops.geo.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cityops.geo.GeoImported;
import org.cityops.platform.ProblemException;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command line entry {@code java -jar cityops-exec.jar import-geojson <file>}: imports a
 * GeoJSON file of any size into the configured database without a web server, printing the
 * counts, or every problem and exiting non-zero when the file is rejected.
 */
@Component
class GeoImportCommand implements ApplicationRunner, ExitCodeGenerator {

    /** The first program argument that selects this command. */
    static final String NAME = "import-geojson";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final GeoImporter importer;
    private int exitCode;

    GeoImportCommand(GeoImporter importer) {
        this.importer = importer;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> words = args.getNonOptionArgs();
        if (!words.isEmpty() && NAME.equals(words.get(0))) {
            exitCode = run(words.subList(1, words.size()), System.out, System.err);
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    /**
     * Returns the exit code after importing the one file named by the arguments: 0 when
     * imported, 1 when the file cannot be read, 2 when it was rejected (nothing imported).
     */
    int run(List<String> files, PrintStream out, PrintStream err) {
        if (files.size() != 1) {
            err.println("usage: java -jar cityops-exec.jar " + NAME + " <file.geojson>");
            return 1;
        }
        Path file = Path.of(files.get(0));
        JsonNode document;
        try (InputStream in = Files.newInputStream(file)) {
            document = JSON.readTree(in);
        } catch (IOException | JacksonException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        try {
            GeoImported imported = importer.importFeatures(document);
            out.println("imported " + file + ": " + imported.counts() + " (" + imported.created() + " created, "
                    + imported.updated() + " updated)");
            return 0;
        } catch (ProblemException.BadRequest rejected) {
            err.println(rejected.getMessage());
            rejected.errors().forEach(e -> err.println("  " + e.field() + ": " + e.message()));
            return 2;
        }
    }
}
