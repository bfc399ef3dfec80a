package org.cityops.geo.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.cityops.geo.GeoImported;
import org.cityops.platform.ProblemException;
import org.cityops.platform.ProblemException.FieldError;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;

/**
 * Imports a GeoJSON FeatureCollection of the city model in one transaction: every feature is
 * checked before anything is written, so a rejected file imports nothing.
 */
@Service
class GeoImporter {

    private final GeoStore store;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    GeoImporter(GeoStore store, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Returns what was imported, after writing the features (creating new codes, updating
     * stored ones) and publishing {@link GeoImported}.
     *
     * @throws ProblemException.BadRequest naming each failing feature when the file is rejected
     */
    @Transactional
    GeoImported importFeatures(JsonNode document) {
        // First, so that a concurrent import is committed before this one checks what is stored.
        store.nextRevision();
        FeatureCollectionReader.Result read = FeatureCollectionReader.read(document);
        List<ImportFeature> features = read.features();
        Set<String> referenced = new HashSet<>();
        for (ImportFeature f : features) {
            referenced.add(f.code());
            if (f.parent() != null) {
                referenced.add(f.parent());
            }
            referenced.addAll(f.grids());
        }
        Map<String, FeatureKind> stored = store.kinds(referenced);
        List<FieldError> errors = new ArrayList<>(read.errors());
        errors.addAll(ImportRules.check(features, code -> Optional.ofNullable(stored.get(code))));
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest("The GeoJSON import was rejected; nothing was imported ("
                    + errors.size() + " problem" + (errors.size() == 1 ? "" : "s") + ")", errors);
        }
        Map<FeatureKind, List<ImportFeature>> byKind = new EnumMap<>(FeatureKind.class);
        features.forEach(f -> byKind.computeIfAbsent(f.kind(), k -> new ArrayList<>()).add(f));
        Map<String, Integer> counts = new LinkedHashMap<>();
        Instant now = clock.instant();
        int created = 0;
        for (FeatureKind kind : FeatureKind.values()) {
            List<ImportFeature> ofKind = byKind.getOrDefault(kind, List.of());
            store.write(kind, ofKind, stored.keySet(), now);
            counts.put(kind.property(), ofKind.size());
            created += (int) ofKind.stream().filter(f -> !stored.containsKey(f.code())).count();
        }
        GeoImported imported = new GeoImported(counts, created, features.size() - created, now);
        events.publishEvent(imported);
        return imported;
    }
}
