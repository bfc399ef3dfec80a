package org.cityops.platform;

/**
 * Keyset pagination by id, newest first: a page's cursor is the last id it returned, and the
 * next page holds the ids below it.
 */
public final class Cursors {

    private Cursors() {
    }

    /** Returns the id a cursor stands for, {@code null} for none, or a 400 naming {@code cursor}. */
    public static Long before(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw ProblemException.BadRequest.field("cursor", "is not a cursor this API returned");
        }
    }

    /** Checks a requested page size, or throws a 400 naming {@code limit}. */
    public static void checkLimit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw ProblemException.BadRequest.field("limit", "must be between 1 and " + max);
        }
    }
}
