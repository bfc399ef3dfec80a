package org.cityops.geo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.cityops.geo.GridLocation;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

class GridIndexTests {

    private static Polygon box(double west, double south, double east, double north) {
        return (Polygon) GeoJsonGeometry.FACTORY.toGeometry(new Envelope(west, east, south, north));
    }

    private static GridLocation at(String grid) {
        return new GridLocation(grid, "310101001001", "310101001", "310101", "310100");
    }

    private final GridIndex index = GridIndex.builder()
            .add(box(121.000, 31.000, 121.001, 31.001), at("31010100100101"))
            .add(box(121.001, 31.000, 121.002, 31.001), at("31010100100102"))
            .add(box(121.002, 31.000, 121.003, 31.001).difference(box(121.0024, 31.0004, 121.0026, 31.0006)),
                    at("31010100100103"))
            .build();

    @Test
    void aPointInsideAGridFindsItsWholePath() {
        assertThat(index.locate(121.0005, 31.0005)).contains(at("31010100100101"));
        assertThat(index.locate(121.0015, 31.0005)).map(GridLocation::gridCode).contains("31010100100102");
    }

    @Test
    void aPointOnASharedEdgeGoesToTheGridWithTheSmallerCode() {
        assertThat(index.locate(121.001, 31.0005)).map(GridLocation::gridCode).contains("31010100100101");
    }

    @Test
    void aPointOnTheOuterBoundaryIsCovered() {
        assertThat(index.locate(121.000, 31.000)).map(GridLocation::gridCode).contains("31010100100101");
    }

    @Test
    void aPointOutsideEveryGridIsReportedAsSuch() {
        assertThat(index.locate(121.5, 31.5)).isEmpty();
        assertThat(index.locate(121.0035, 31.0005)).isEmpty();
    }

    @Test
    void aPointInAHoleBelongsToNoGrid() {
        assertThat(index.locate(121.0025, 31.0005)).isEmpty();
        assertThat(index.locate(121.0021, 31.0005)).map(GridLocation::gridCode).contains("31010100100103");
    }

    @Test
    void anEmptyIndexFindsNothing() {
        assertThat(GridIndex.empty().locate(121.0, 31.0)).isEmpty();
        assertThat(GridIndex.empty().size()).isZero();
    }

    @Test
    void aLargeLatticeFindsTheCellOfEachPoint() {
        GridIndex.Builder builder = GridIndex.builder();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < 50; j++) {
                String code = String.format("3101010010%02d%02d", i, j);
                codes.add(code);
                builder.add(box(121 + i * 0.001, 31 + j * 0.001, 121 + (i + 1) * 0.001, 31 + (j + 1) * 0.001), at(code));
            }
        }
        GridIndex lattice = builder.build();
        assertThat(lattice.size()).isEqualTo(2500);
        assertThat(lattice.locate(121 + 17.5 * 0.001, 31 + 42.5 * 0.001)).map(GridLocation::gridCode)
                .contains("310101001017" + "42");
    }

    @Test
    void theAreaOfATenThousandSquareMetreCellIsMeasuredInSquareMetres() {
        // 0.001° × 0.0009° at 31° N is about 95.4 m × 100.1 m.
        Geometry cell = box(121.000, 31.000, 121.001, 31.0009);
        assertThat(GeoJsonGeometry.areaSquareMetres(cell)).isCloseTo(9_548, within(30.0));
    }
}
