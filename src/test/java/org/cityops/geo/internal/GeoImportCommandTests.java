package org.cityops.geo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cityops.geo.TestGeoJson.box;
import static org.cityops.geo.TestGeoJson.collection;
import static org.cityops.geo.TestGeoJson.feature;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cityops.IntegrationTest;
import org.cityops.geo.Divisions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;

import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class GeoImportCommandTests {

    @Autowired GeoImportCommand command;
    @Autowired Divisions divisions;
    @TempDir Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void importsAFileAndPrintsTheCounts() throws IOException {
        Path file = dir.resolve("city.geojson");
        Files.writeString(file, new ClassPathResource("geo/test-city.geojson").getContentAsString(StandardCharsets.UTF_8));
        assertThat(run(file.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("grid=4");
        assertThat(divisions.find("990101001002")).isPresent();
    }

    @Test
    void aRejectedFileExitsNonZeroPrintingEachProblemAndImportsNothing() throws IOException {
        Path file = dir.resolve("bad.geojson");
        Files.writeString(file, JsonMapper.builder().build().writeValueAsString(collection(
                feature("city", "980100", "另一市", null, box(101.0, 30.0, 101.1, 30.1)),
                feature("district", "980101", "区", "980100", box(101.0, 30.0, 101.05, 30.05)),
                feature("street", "980201001", "街道", "980101", box(101.0, 30.0, 101.01, 30.01)))));
        assertThat(run(file.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("features[2].properties.code: 980201001: code '980201001' does not start with its parent's prefix '980101'");
        assertThat(divisions.find("980100")).isEmpty();
    }

    @Test
    void aMissingFileOrArgumentExitsWithUsage() {
        assertThat(run(dir.resolve("none.geojson").toString())).isEqualTo(1);
        assertThat(run()).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read", "usage:");
    }
}
