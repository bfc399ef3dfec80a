package org.cityops.sensing.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Referential integrity of {@code sta_observation}, kept by the application instead of foreign
 * keys (V660): row locks on an observation's FeatureOfInterest and (Multi)Datastream, held until
 * the end of the transaction.
 *
 * <p>A writer of observations locks their parents with {@link #lockForObservations} (features of
 * interest first, then streams, each in id order, so two writers never wait for each other in a
 * cycle) and stores only rows whose parents it found; the group-commit path locks its streams
 * with the UPDATE that widens their times instead ({@link ObservationBatchStore}). On PostgreSQL
 * that lock is {@code FOR KEY SHARE}, the lock the foreign keys' triggers took per row, which
 * writers share and only a delete waits for; H2 has no shared row lock, so there it is
 * {@code FOR UPDATE}. A delete of a parent locks it with {@link #lockForDelete} first, then
 * deletes its observations, then the parent: a writer that committed before has its rows
 * deleted, one that comes after finds the parent gone. No orphan observation can survive.
 */
@Repository
class ObservationParents {

    /** Ids per locking statement: far below either database's limit on parameters. */
    private static final int IDS_PER_STATEMENT = 1000;

    private final JdbcTemplate jdbc;
    /** The lock a writer of observations takes on their parents; null until first asked. */
    private volatile String shared;

    ObservationParents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the rows of the given parents of observations until the transaction ends, so that
     * none can be deleted before it does, and returns the ids that exist, in id order. Call it in
     * the transaction that writes the observations, features of interest before streams.
     */
    Set<Long> lockForObservations(EntityType type, Collection<Long> ids) {
        requireParent(type);
        TreeSet<Long> sorted = new TreeSet<>(ids);
        Set<Long> found = new TreeSet<>();
        List<Long> all = new ArrayList<>(sorted);
        for (int from = 0; from < all.size(); from += IDS_PER_STATEMENT) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + IDS_PER_STATEMENT));
            String in = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            found.addAll(jdbc.queryForList("select id from " + type.table() + " where id in (" + in
                    + ") order by id " + sharedLock(), Long.class, chunk.toArray()));
        }
        return found;
    }

    /** Locks one parent of observations as {@link #lockForObservations} does; returns whether it exists. */
    boolean lockForObservation(EntityType type, long id) {
        return !lockForObservations(type, List.of(id)).isEmpty();
    }

    /**
     * Locks a (Multi)Datastream or FeatureOfInterest that is about to be deleted, waiting for
     * every transaction writing observations to it to end, and returns whether it still exists.
     * Call it before deleting the parent's observations.
     */
    boolean lockForDelete(EntityType type, long id) {
        requireParent(type);
        return !jdbc.queryForList("select id from " + type.table() + " where id = ? for update", Long.class, id)
                .isEmpty();
    }

    private static void requireParent(EntityType type) {
        if (type != EntityType.DATASTREAM && type != EntityType.MULTI_DATASTREAM
                && type != EntityType.FEATURE_OF_INTEREST) {
            throw new IllegalArgumentException(type.singular() + " is not a parent of Observations");
        }
    }

    private String sharedLock() {
        String s = shared;
        if (s == null) {
            String product = jdbc.execute((ConnectionCallback<String>) con -> con.getMetaData().getDatabaseProductName());
            s = "PostgreSQL".equals(product) ? "for key share" : "for update";
            shared = s;
        }
        return s;
    }
}
