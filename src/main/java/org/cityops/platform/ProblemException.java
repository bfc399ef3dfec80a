package org.cityops.platform;

import java.util.List;
import java.util.Map;

/**
 * A refusal that the API reports as RFC 9457 problem details with the given HTTP status.
 * Domain code throws the subclasses; the web layer maps them, so domain code needs no Spring.
 */
public abstract sealed class ProblemException extends RuntimeException
        permits ProblemException.BadRequest, ProblemException.NotFound, ProblemException.Conflict,
        ProblemException.Forbidden, ProblemException.PayloadTooLarge,
        ProblemException.ServiceUnavailable {

    private final List<FieldError> errors;

    protected ProblemException(String detail, List<FieldError> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    /** Returns the HTTP status code this problem is reported with. */
    public abstract int status();

    /** Returns the short, human-readable summary of the problem type. */
    public abstract String title();

    /** Returns the failing fields, empty when the problem is not about input fields. */
    public List<FieldError> errors() {
        return errors;
    }

    /** One failing input field or item: where (a JSON pointer, field path or feature name) and why. */
    public record FieldError(String field, String message) {
    }

    /** 400: the input is malformed or invalid. */
    public static final class BadRequest extends ProblemException {
        public BadRequest(String detail) {
            this(detail, List.of());
        }

        public BadRequest(String detail, List<FieldError> errors) {
            super(detail, errors);
        }

        /** Returns a bad request naming one failing field. */
        public static BadRequest field(String field, String message) {
            return new BadRequest(field + ": " + message, List.of(new FieldError(field, message)));
        }

        @Override public int status() { return 400; }
        @Override public String title() { return "Bad Request"; }
    }

    /** 404: the named thing does not exist (or is outside the caller's scope). */
    public static final class NotFound extends ProblemException {
        public NotFound(String detail) {
            super(detail, List.of());
        }

        @Override public int status() { return 404; }
        @Override public String title() { return "Not Found"; }
    }

    /** 409: an illegal state transition or a lost concurrent update. */
    public static final class Conflict extends ProblemException {
        private final Map<String, Object> properties;

        public Conflict(String detail) {
            this(detail, Map.of());
        }

        public Conflict(String detail, Map<String, Object> properties) {
            super(detail, List.of());
            this.properties = Map.copyOf(properties);
        }

        /** Returns extra members for the problem document (e.g. the current state or version). */
        public Map<String, Object> properties() {
            return properties;
        }

        @Override public int status() { return 409; }
        @Override public String title() { return "Conflict"; }
    }

    /** 403: the caller's role or scope does not allow the action. */
    public static final class Forbidden extends ProblemException {
        public Forbidden(String detail) {
            super(detail, List.of());
        }

        /** Creates the problem naming the inputs (e.g. the datastream written to) that are not the caller's. */
        public Forbidden(String detail, List<FieldError> errors) {
            super(detail, errors);
        }

        @Override public int status() { return 403; }
        @Override public String title() { return "Forbidden"; }
    }

    /** 413: the request body exceeds the configured maximum. */
    public static final class PayloadTooLarge extends ProblemException {
        public PayloadTooLarge(String detail) {
            super(detail, List.of());
        }

        @Override public int status() { return 413; }
        @Override public String title() { return "Content Too Large"; }
    }

    /** 503: the service is at capacity and refuses the work rather than absorbing it; retry after a pause. */
    public static final class ServiceUnavailable extends ProblemException {
        private final int retryAfterSeconds;

        public ServiceUnavailable(String detail, int retryAfterSeconds) {
            super(detail, List.of());
            this.retryAfterSeconds = retryAfterSeconds;
        }

        /** Returns how many seconds the client should wait before retrying (the {@code Retry-After} header). */
        public int retryAfterSeconds() {
            return retryAfterSeconds;
        }

        @Override public int status() { return 503; }
        @Override public String title() { return "Service Unavailable"; }
    }
}
