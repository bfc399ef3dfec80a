package org.cityops.catalog.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cityops.catalog.CategoryCatalog;
import org.cityops.catalog.Subclass;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The catalog held in memory for the case loop's hot path, replaced in whole after each import commits;
 * nodes sharing the database notice an import made elsewhere by reading the catalog's revision
 * every {@code cityops.catalog.check}.
 */
@Component
class InMemoryCategoryCatalog implements CategoryCatalog, SmartInitializingSingleton {

    /** One consistent state of the catalog. */
    record Snapshot(Map<String, MainClass> mainClasses, Map<String, CatalogEntry> entries) {
    }

    private final CatalogStore store;
    private final CatalogImports imports;
    private final CatalogSettings settings;
    private final ObjectProvider<TaskScheduler> scheduler;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of());
    private volatile long loadedRevision = -1;

    InMemoryCategoryCatalog(CatalogStore store, CatalogImports imports, CatalogSettings settings,
                            ObjectProvider<TaskScheduler> scheduler) {
        this.store = store;
        this.imports = imports;
        this.settings = settings;
        this.scheduler = scheduler;
    }

    @Override
    public void afterSingletonsInstantiated() {
        try {
            imports.importDefaultWhenEmpty();
        } catch (DataIntegrityViolationException loadedByAnotherNode) {
            // nodes sharing one database may start together; the first one's default stands
        }
        reload();
        scheduler.ifAvailable(s -> s.scheduleWithFixedDelay(this::reloadIfChanged, settings.check()));
    }

    /** Reloads when the stored catalog's revision moved since the last load: an import on another node. */
    void reloadIfChanged() {
        if (store.revision() != loadedRevision) {
            reload();
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(CatalogImported imported) {
        reload();
    }

    /** Re-reads the stored catalog; serialised so a stale read never lands last. */
    synchronized void reload() {
        // read before the entries: an import committed meanwhile raises it, so the next check reloads
        long revision = store.revision();
        Map<String, CatalogEntry> entries = new LinkedHashMap<>();
        for (CatalogEntry entry : store.subclasses()) {
            entries.put(entry.code(), entry);
        }
        snapshot = new Snapshot(store.mainClasses(), entries);
        loadedRevision = revision;
    }

    /** Returns the state in force now, for listing. */
    Snapshot snapshot() {
        return snapshot;
    }

    @Override
    public Optional<Subclass> subclass(String code) {
        CatalogEntry entry = code == null ? null : snapshot.entries().get(code);
        return entry == null ? Optional.empty() : Optional.of(entry.subclass());
    }

    /** Returns the subclass only if both it and its main class are active. */
    @Override
    public Optional<Subclass> activeSubclass(String code) {
        Snapshot current = snapshot;
        CatalogEntry entry = code == null ? null : current.entries().get(code);
        if (entry == null || !entry.active()) {
            return Optional.empty();
        }
        MainClass main = current.mainClasses().get(entry.subclass().mainClassCode());
        return main != null && main.active() ? Optional.of(entry.subclass()) : Optional.empty();
    }

    @Override
    public boolean hasActiveMainClass(String code) {
        MainClass main = code == null ? null : snapshot.mainClasses().get(code);
        return main != null && main.active();
    }

    @Override
    public List<Subclass> subclasses() {
        return snapshot.entries().values().stream().map(CatalogEntry::subclass).toList();
    }
}
