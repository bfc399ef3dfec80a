package org.cityops.bench;

import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.cityops.geo.GridLocation;
import org.cityops.geo.internal.GridIndex;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Point → unit grid lookups per second over 10,000 synthetic grids: a 100 × 100 lattice of
 * ~100 m cells around People's Square, Shanghai (121.4737 E, 31.2304 N); 95 % of the points
 * fall inside the lattice, 5 % anywhere in a box three times as wide, mostly outside every grid.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GridLookupBenchmark {

    static final int SIDE = 100;
    static final double WEST = 121.4737 - 50 * 0.00105;
    static final double SOUTH = 31.2304 - 50 * 0.0009;
    /** About 100 m east-west at 31.2° N. */
    static final double CELL_LON = 0.00105;
    /** About 100 m north-south. */
    static final double CELL_LAT = 0.0009;
    static final int POINTS = 1 << 16;

    /** The index, shared by all benchmark threads as it is in the application. */
    @State(Scope.Benchmark)
    public static class Lattice {
        GridIndex index;

        @Setup(Level.Trial)
        public void build() {
            GeometryFactory factory = new GeometryFactory(new PrecisionModel(), 4326);
            GridIndex.Builder builder = GridIndex.builder();
            for (int i = 0; i < SIDE; i++) {
                for (int j = 0; j < SIDE; j++) {
                    String community = String.format("310101%03d%03d", i / 10 + 1, j / 10 + 1);
                    String grid = community + String.format("%02d", (i % 10) * 10 + j % 10);
                    Envelope cell = new Envelope(WEST + i * CELL_LON, WEST + (i + 1) * CELL_LON,
                            SOUTH + j * CELL_LAT, SOUTH + (j + 1) * CELL_LAT);
                    builder.add(factory.toGeometry(cell),
                            new GridLocation(grid, community, community.substring(0, 9), "310101", "310100"));
                }
            }
            index = builder.build();
            if (index.size() != SIDE * SIDE || index.locate(121.4737, 31.2304).isEmpty()) {
                throw new IllegalStateException("the lattice was not built as intended");
            }
        }
    }

    /** Pre-generated random points, walked round-robin by each thread. */
    @State(Scope.Thread)
    public static class Points {
        final double[] lon = new double[POINTS];
        final double[] lat = new double[POINTS];
        int next;

        @Setup(Level.Trial)
        public void generate() {
            SplittableRandom random = new SplittableRandom(20260101L + Thread.currentThread().getId());
            double width = SIDE * CELL_LON;
            double height = SIDE * CELL_LAT;
            for (int k = 0; k < POINTS; k++) {
                if (random.nextInt(100) < 95) {
                    lon[k] = WEST + random.nextDouble() * width;
                    lat[k] = SOUTH + random.nextDouble() * height;
                } else {
                    // a box three lattices wide centred on the lattice: 8 in 9 of these points miss every grid
                    lon[k] = WEST - width + random.nextDouble() * 3 * width;
                    lat[k] = SOUTH - height + random.nextDouble() * 3 * height;
                }
            }
        }
    }

    /** Returns the grid covering the next point, or empty; one call is one lookup. */
    @Benchmark
    public Optional<GridLocation> lookup(Lattice lattice, Points points) {
        int k = points.next++ & (POINTS - 1);
        return lattice.index.locate(points.lon[k], points.lat[k]);
    }
}
