package org.cityops.geo.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.cityops.geo.GridLocation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * An immutable in-memory index of unit grids: an STRtree over prepared polygons answering
 * "which grid covers this WGS 84 point". Safe for concurrent readers once built.
 *
 * <p>Public so that the JMH benchmark under {@code bench/} can measure it; other modules use
 * {@link org.cityops.geo.GridLookup}.
 */
public final class GridIndex {

    private static final GeometryFactory POINTS = new GeometryFactory(new PrecisionModel(), 4326);

    private final STRtree tree;
    private final int size;

    private record Cell(PreparedGeometry boundary, GridLocation location) {
    }

    private GridIndex(STRtree tree, int size) {
        this.tree = tree;
        this.size = size;
    }

    /** Returns a builder of an index. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns an index of no grids. */
    public static GridIndex empty() {
        return builder().build();
    }

    /** Returns how many grids the index holds. */
    public int size() {
        return size;
    }

    /**
     * Returns the grid covering the point (boundary included), or empty when none does. A
     * point on an edge shared by two grids goes to the grid with the smaller code, so the
     * answer never depends on the tree's layout.
     */
    public Optional<GridLocation> locate(double longitude, double latitude) {
        Point point = POINTS.createPoint(new Coordinate(longitude, latitude));
        Envelope envelope = point.getEnvelopeInternal();
        Cell[] best = new Cell[1];
        tree.query(envelope, item -> {
            Cell cell = (Cell) item;
            if ((best[0] == null || cell.location().gridCode().compareTo(best[0].location().gridCode()) < 0)
                    && cell.boundary().covers(point)) {
                best[0] = cell;
            }
        });
        return best[0] == null ? Optional.empty() : Optional.of(best[0].location());
    }

    /** Collects grids, then builds the index once. */
    public static final class Builder {

        private final List<Cell> cells = new ArrayList<>();

        private Builder() {
        }

        /** Adds a grid with its polygonal WGS 84 boundary and returns this builder. */
        public Builder add(Geometry boundary, GridLocation location) {
            cells.add(new Cell(PreparedGeometryFactory.prepare(boundary), location));
            return this;
        }

        /** Returns the index of the grids added so far. */
        public GridIndex build() {
            STRtree tree = new STRtree();
            for (Cell cell : cells) {
                tree.insert(cell.boundary().getGeometry().getEnvelopeInternal(), cell);
            }
            tree.build();
            return new GridIndex(tree, cells.size());
        }
    }
}
