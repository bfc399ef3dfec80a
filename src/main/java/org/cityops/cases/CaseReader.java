package org.cityops.cases;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads cases for modules that report on them to outsiders (Open311 clients, hotline callbacks).
 * No caller scope applies: the calling module decides what it may show to whom.
 */
public interface CaseReader {

    /** Returns the case with the id, if it exists. */
    Optional<CaseSummary> find(long id);

    /**
     * Returns the reports of one source that match the query, newest first, at most {@code
     * query.limit()}: each with its own reference, subclass, text, place and time, and the id and
     * state of the case it now belongs to (a duplicate linked or merged into another case follows
     * that case).
     */
    List<CaseSummary> bySource(String sourceType, SourceQuery query);

    /**
     * Filters on cases of one source; every field but the limit is optional.
     *
     * @param sourceRefs    only these source references (empty: any)
     * @param categoryCodes only these subclass codes (empty: any)
     * @param from          reported at or after
     * @param to            reported before
     * @param open          {@code true}: only open states, {@code false}: only closed, void or refused ones
     * @param limit         at most this many cases (positive)
     */
    record SourceQuery(List<String> sourceRefs, List<String> categoryCodes, Instant from, Instant to, Boolean open,
                       int limit) {

        public SourceQuery {
            sourceRefs = sourceRefs == null ? List.of() : List.copyOf(sourceRefs);
            categoryCodes = categoryCodes == null ? List.of() : List.copyOf(categoryCodes);
            if (limit <= 0) {
                throw new IllegalArgumentException("limit must be positive, was " + limit);
            }
        }
    }
}
