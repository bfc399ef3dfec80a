package org.cityops.geo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import org.cityops.IntegrationTest;
import org.cityops.geo.GridLocation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class LiveGridLookupTests {

    @Autowired LiveGridLookup lookup;
    @Autowired GeoImporter importer;
    @Autowired JdbcClient jdbc;

    @Test
    void aGridWrittenByAnotherNodeIsFoundAfterTheNextCheck() throws IOException {
        importer.importFeatures(JsonMapper.builder().build().readTree(
                new ClassPathResource("geo/test-city.geojson").getContentAsString(StandardCharsets.UTF_8)));
        // The database outlives a run on PostgreSQL: take a code, and a cell of its own, no run used yet.
        Set<String> taken = new HashSet<>(jdbc.sql("SELECT code FROM unit_grids WHERE code LIKE '990101001002____'")
                .query(String.class).list());
        int n = 0;
        while (taken.contains(String.format("990101001002%04d", n))) {
            n++;
        }
        String code = String.format("990101001002%04d", n);
        double west = 100.5 + n * 0.002;
        assertThat(lookup.locate(west + 0.0005, 30.5005)).isEmpty();

        // Another node's import: rows committed without an event on this node.
        jdbc.sql("INSERT INTO unit_grids (code, name, community_code, boundary, area_m2, active, updated_at) "
                        + "VALUES (?, '他节点网格', '990101001002', ?, 10000, TRUE, ?)")
                .params(code, String.format("POLYGON ((%1$s 30.5, %2$s 30.5, %2$s 30.501, %1$s 30.501, %1$s 30.5))",
                        west, west + 0.001), OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC))
                .update();
        jdbc.sql("UPDATE geo_revision SET revision = revision + 1 WHERE id = 1").update();
        assertThat(lookup.locate(west + 0.0005, 30.5005)).isEmpty();
        lookup.rebuildIfChanged();
        assertThat(lookup.locate(west + 0.0005, 30.5005)).map(GridLocation::gridCode).contains(code);
    }
}
