package org.cityops.catalog.internal;

import org.cityops.platform.ImportDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Imports a catalog in one transaction, and the shipped default when the catalog is empty. */
@Service
class CatalogImports {

    private static final Logger log = LoggerFactory.getLogger(CatalogImports.class);

    private final CatalogStore store;
    private final ApplicationEventPublisher events;
    private final ResourceLoader resources;
    private final CatalogSettings settings;
    private final Clock clock;

    CatalogImports(CatalogStore store, ApplicationEventPublisher events, ResourceLoader resources,
                   CatalogSettings settings, Clock clock) {
        this.store = store;
        this.events = events;
        this.resources = resources;
        this.settings = settings;
        this.clock = clock;
    }

    /** What an import changed. */
    record ImportResult(int mainClassesCreated, int mainClassesUpdated, int subclassesCreated, int subclassesUpdated) {
    }

    /**
     * Validates the whole document, then creates new codes and updates existing ones; codes absent
     * from the document are kept. Returns the counts. A rejected document writes nothing.
     */
    @Transactional
    ImportResult importCatalog(CatalogDocument document) {
        CatalogValidation.ValidCatalog valid = CatalogValidation.validate(document, store.mainClasses());
        Instant now = clock.instant();
        CatalogStore.Saved main = store.saveMainClasses(valid.mainClasses(), now);
        CatalogStore.Saved sub = store.saveSubclasses(valid.subclasses(), now);
        store.raiseRevision();
        events.publishEvent(new CatalogImported(valid.mainClasses().size(), valid.subclasses().size()));
        return new ImportResult(main.created(), main.updated(), sub.created(), sub.updated());
    }

    /** Imports the shipped default catalog when no subclass is stored yet (first start). */
    @Transactional
    void importDefaultWhenEmpty() {
        if (!store.isEmpty()) {
            return;
        }
        String text;
        try (InputStream in = resources.getResource(settings.defaultCatalog()).getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the default catalog " + settings.defaultCatalog(), e);
        }
        ImportResult result = importCatalog(ImportDocuments.read(text, "application/yaml", CatalogDocument.class));
        log.info("Loaded the default category catalog from {}: {} main classes, {} subclasses",
                settings.defaultCatalog(), result.mainClassesCreated(), result.subclassesCreated());
    }
}
