package org.cityops.platform.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.cityops.platform.ImportDocuments;
import org.cityops.platform.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every refusal into RFC 9457 problem details; input problems carry an
 * {@code errors} member listing each failing field and why.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException e) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(e.status()), e.getMessage());
        body.setTitle(e.title());
        if (!e.errors().isEmpty()) {
            body.setProperty("errors", e.errors());
        }
        if (e instanceof ProblemException.Conflict conflict) {
            conflict.properties().forEach(body::setProperty);
        }
        if (e instanceof ProblemException.ServiceUnavailable busy) {
            body.setProperty("retryAfter", busy.retryAfterSeconds());
            return ResponseEntity.status(e.status()).header("Retry-After", String.valueOf(busy.retryAfterSeconds()))
                    .body(body);
        }
        return ResponseEntity.status(e.status()).body(body);
    }

    @ExceptionHandler(ConcurrencyFailureException.class)
    ResponseEntity<ProblemDetail> lostUpdate(ConcurrencyFailureException e) {
        // the loser of two concurrent writes to one record: optimistic version or row lock
        String detail = e instanceof OptimisticLockingFailureException ? e.getMessage()
                : "the record was changed concurrently by someone else: reload and try again";
        return problem(new ProblemException.Conflict(detail));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(ProblemException.BadRequest.field(e.getName(),
                "cannot be read as " + (e.getRequiredType() == null ? "the expected type" : e.getRequiredType().getSimpleName())
                        + ": '" + e.getValue() + "'"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof RequestBodyLimit.TooLarge tooLarge) {
                return handleExceptionInternal(ex,
                        problem(new ProblemException.PayloadTooLarge(tooLarge.getMessage())).getBody(),
                        headers, HttpStatus.CONTENT_TOO_LARGE, request);
            }
        }
        ProblemException.BadRequest problem = describe(ex);
        return handleExceptionInternal(ex, problem(problem).getBody(), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ProblemException.FieldError> errors = new ArrayList<>();
        ex.getBindingResult().getFieldErrors().forEach(f ->
                errors.add(new ProblemException.FieldError(f.getField(), f.getDefaultMessage())));
        ex.getBindingResult().getGlobalErrors().forEach(g ->
                errors.add(new ProblemException.FieldError(g.getObjectName(), g.getDefaultMessage())));
        String detail = "Invalid request content: " + String.join("; ",
                errors.stream().map(f -> f.field() + " " + f.message()).toList());
        return handleExceptionInternal(ex, problem(new ProblemException.BadRequest(detail, errors)).getBody(),
                headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ProblemException.FieldError> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(err ->
                errors.add(new ProblemException.FieldError(r.getMethodParameter().getParameterName(),
                        err.getDefaultMessage()))));
        String detail = "Invalid request parameters: " + String.join("; ",
                errors.stream().map(f -> f.field() + " " + f.message()).toList());
        return handleExceptionInternal(ex, problem(new ProblemException.BadRequest(detail, errors)).getBody(),
                headers, HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
        log.error("Unexpected failure", e);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal error; the server log has the details");
        body.setType(URI.create("about:blank"));
        return ResponseEntity.internalServerError().body(body);
    }

    private static ProblemException.BadRequest describe(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        if (cause instanceof ProblemException.BadRequest bad) {
            return bad;
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = ImportDocuments.path(unknown);
            return new ProblemException.BadRequest("Unknown property '" + unknown.getPropertyName() + "'",
                    List.of(new ProblemException.FieldError(field, "is not a known property")));
        }
        if (cause instanceof StreamReadException parse) {
            return new ProblemException.BadRequest("Malformed JSON: " + parse.getOriginalMessage(),
                    List.of(new ProblemException.FieldError("body", "is not well-formed JSON")));
        }
        if (cause instanceof JacksonException jackson) {
            String field = ImportDocuments.path(jackson);
            Throwable root = jackson.getCause();
            String message = root instanceof ProblemException.BadRequest bad ? bad.getMessage() : jackson.getOriginalMessage();
            return new ProblemException.BadRequest("Invalid value for '" + field + "': " + message,
                    List.of(new ProblemException.FieldError(field, message)));
        }
        if (cause == null && ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")) {
            return new ProblemException.BadRequest("Request body is missing",
                    List.of(new ProblemException.FieldError("body", "is required")));
        }
        return new ProblemException.BadRequest("Unreadable request body: " + ex.getMostSpecificCause().getMessage());
    }

}
