package org.cityops.org.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.cityops.platform.ProblemException;
import org.cityops.platform.ProblemException.FieldError;

/** What the organisation's stores share: UTC timestamps and the refusals they raise. */
final class OrgRecords {

    private OrgRecords() {
    }

    /** Returns the clock's now in UTC, the form both databases store alike. */
    static OffsetDateTime now(Clock clock) {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** Throws a 400 naming every failing field when there are any. */
    static void requireValid(String what, List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest("Invalid " + what + ": " + String.join("; ",
                    errors.stream().map(e -> e.field() + " " + e.message()).toList()), errors);
        }
    }

    /** Returns a 409 for a value that must be unique, naming the field. */
    static ProblemException.Conflict duplicate(String field, String message) {
        return new ProblemException.Conflict(field + ": " + message,
                Map.of("errors", List.of(new FieldError(field, message))));
    }

    /** Returns a 409 for an update made against an outdated version. */
    static ProblemException.Conflict stale(String what, long given, Long current) {
        return new ProblemException.Conflict(what + " was changed by someone else (you sent version " + given
                + (current == null ? "" : ", it is now " + current) + "); reload and retry",
                current == null ? Map.of() : Map.of("currentVersion", current));
    }
}
