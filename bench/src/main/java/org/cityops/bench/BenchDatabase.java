package org.cityops.bench;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The database a benchmark's application runs on: by default a fresh H2 file database in the
 * benchmark's data folder; with {@code -Dbench.db.url=jdbc:postgresql://…} (and {@code bench.db.user},
 * {@code bench.db.password}, both {@code cityops} by default) a new schema of that database per
 * trial, so runs are comparable without dropping anything that was there.
 */
final class BenchDatabase {

    private BenchDatabase() {
    }

    /** Returns whether {@code -Dbench.db.url} names a database (otherwise H2 is used). */
    static boolean external() {
        String url = System.getProperty("bench.db.url");
        return url != null && !url.isBlank();
    }

    /**
     * Adds the application arguments for the external database, if one is named, and returns the
     * new schema's name ({@code prefix} and a unique suffix); {@code null} on H2.
     */
    static String addTo(List<String> args, String prefix) {
        if (!external()) {
            return null;
        }
        String url = System.getProperty("bench.db.url");
        String schema = prefix + Long.toString(System.currentTimeMillis(), 36)
                + Integer.toString(ThreadLocalRandom.current().nextInt(1296), 36);
        args.add("--spring.datasource.url=" + url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        args.add("--spring.datasource.username=" + System.getProperty("bench.db.user", "cityops"));
        args.add("--spring.datasource.password=" + System.getProperty("bench.db.password", "cityops"));
        args.add("--spring.flyway.default-schema=" + schema);
        args.add("--spring.flyway.schemas=" + schema);
        return schema;
    }
}
