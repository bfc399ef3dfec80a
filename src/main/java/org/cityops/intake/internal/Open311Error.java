package org.cityops.intake.internal;

import java.util.List;

/**
 * A refusal in GeoReport v2's own error format: an HTTP status and a list of {@code code} and
 * {@code description} pairs, each description naming the failing parameter.
 */
final class Open311Error extends RuntimeException {

    /** One error as the spec lists it; the code repeats the HTTP status. */
    record Entry(int code, String description) {
    }

    private final int status;
    private final List<Entry> errors;

    private Open311Error(int status, List<String> descriptions) {
        super(String.join("; ", descriptions));
        this.status = status;
        this.errors = descriptions.stream().map(d -> new Entry(status, d)).toList();
    }

    /** Returns an error with any status, for refusals raised outside this channel. */
    static Open311Error of(int status, String description) {
        return new Open311Error(status, List.of(description));
    }

    /** Returns a 400 listing every failing parameter. */
    static Open311Error badRequest(List<String> descriptions) {
        return new Open311Error(400, descriptions);
    }

    /** Returns a 400 naming one failing parameter. */
    static Open311Error badRequest(String parameter, String message) {
        return new Open311Error(400, List.of(parameter + ": " + message));
    }

    /** Returns a 403: the api_key is missing, unknown, deactivated or may not do this. */
    static Open311Error forbidden(String description) {
        return new Open311Error(403, List.of(description));
    }

    /** Returns a 404: no such request, service, token or jurisdiction. */
    static Open311Error notFound(String description) {
        return new Open311Error(404, List.of(description));
    }

    int status() {
        return status;
    }

    List<Entry> errors() {
        return errors;
    }
}
