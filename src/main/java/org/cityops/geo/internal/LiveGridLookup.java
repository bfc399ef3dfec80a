package org.cityops.geo.internal;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.cityops.geo.GeoImported;
import org.cityops.geo.GridLocation;
import org.cityops.geo.GridLookup;
import org.locationtech.jts.geom.Geometry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The point → grid lookup over an in-memory {@link GridIndex}, built on start and replaced
 * atomically after every committed import, so readers never see a half-built index. Other
 * nodes sharing the database notice an import by periodically reading the model's revision.
 */
@Component
class LiveGridLookup implements GridLookup {

    private static final Logger log = LoggerFactory.getLogger(LiveGridLookup.class);

    private final GeoStore store;
    private final GeoSettings settings;
    private final ObjectProvider<TaskScheduler> scheduler;
    private final AtomicReference<GridIndex> index = new AtomicReference<>(GridIndex.empty());
    private volatile long indexedRevision = -1;
    private volatile boolean checking;

    LiveGridLookup(GeoStore store, GeoSettings settings, ObjectProvider<TaskScheduler> scheduler) {
        this.store = store;
        this.settings = settings;
        this.scheduler = scheduler;
    }

    @Override
    public Optional<GridLocation> locate(double longitude, double latitude) {
        return index.get().locate(longitude, latitude);
    }

    /** Reads the store rather than the index, so a grid imported on another node counts at once. */
    @Override
    public Optional<GridLocation> grid(String gridCode) {
        return gridCode == null ? Optional.empty() : store.activeGrid(gridCode);
    }

    @Override
    public Map<String, String> gridNames(Collection<String> gridCodes) {
        return store.gridNames(gridCodes);
    }

    @EventListener(ContextRefreshedEvent.class)
    void buildOnStart() {
        rebuild();
        if (!checking) {
            checking = true;
            scheduler.ifAvailable(s -> s.scheduleWithFixedDelay(this::rebuildIfChanged, settings.indexCheck()));
        }
    }

    /** Rebuilds the index when the stored grids or divisions changed since it was built. */
    void rebuildIfChanged() {
        if (store.revision() != indexedRevision) {
            rebuild();
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void rebuildAfter(GeoImported imported) {
        rebuild();
    }

    /** Returns the number of grids in the index after rebuilding it from the stored grids; one rebuild at a time. */
    synchronized int rebuild() {
        // Read before the grids: an import committed meanwhile raises it, so the next check rebuilds.
        long revision = store.revision();
        GridIndex.Builder builder = GridIndex.builder();
        for (Map.Entry<Geometry, GridLocation> grid : store.activeGrids()) {
            builder.add(grid.getKey(), grid.getValue());
        }
        GridIndex built = builder.build();
        index.set(built);
        indexedRevision = revision;
        log.info("Grid lookup index holds {} unit grids", built.size());
        return built.size();
    }
}
