package org.cityops.intake.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.cityops.platform.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) at {@code /open311/v2}: JSON or XML
 * by the path's extension, errors in the spec's format. Reads are public; submitting a service
 * request needs an {@code api_key} parameter.
 */
@RestController
@RequestMapping("/open311/v2")
@Tag(name = "Open311 GeoReport v2", description = "Citizen apps report problems and follow them; see docs/open311.md")
class Open311Controller {

    private final Open311Service open311;

    Open311Controller(Open311Service open311) {
        this.open311 = open311;
    }

    @GetMapping("/services.{format}")
    @Operation(summary = "List the services (active catalog subclasses); parameter jurisdiction_id")
    ResponseEntity<String> services(@PathVariable String format, HttpServletRequest request) {
        Open311Format f = Open311Format.of(format);
        open311.checkJurisdiction(params(request));
        return ok(f, "services", open311.services());
    }

    @GetMapping("/services/{code}.{format}")
    @Operation(summary = "Return a service's attribute definitions; parameter jurisdiction_id")
    ResponseEntity<String> service(@PathVariable String code, @PathVariable String format, HttpServletRequest request) {
        Open311Format f = Open311Format.of(format);
        open311.checkJurisdiction(params(request));
        return ok(f, "service_definition", open311.definition(code));
    }

    @PostMapping("/requests.{format}")
    @Operation(summary = "Submit a service request (application/x-www-form-urlencoded): api_key, service_code, "
            + "lat, long, address_string, attribute[code], description, media_url, email, phone, first_name, "
            + "last_name, device_id, account_id, jurisdiction_id")
    ResponseEntity<String> submit(@PathVariable String format, HttpServletRequest request) {
        Open311Format f = Open311Format.of(format);
        Map<String, String> params = params(request);
        open311.checkJurisdiction(params);
        return ResponseEntity.status(201).header(HttpHeaders.CONTENT_TYPE, f.contentType())
                .body(f.write("service_requests", open311.submit(params)));
    }

    @GetMapping("/requests.{format}")
    @Operation(summary = "Search service requests: service_request_id (comma list; overrides the rest), "
            + "service_code, start_date, end_date (ISO 8601, at most 90 days; default the last 90), status "
            + "(open, closed), jurisdiction_id")
    ResponseEntity<String> search(@PathVariable String format, HttpServletRequest request) {
        Open311Format f = Open311Format.of(format);
        Map<String, String> params = params(request);
        open311.checkJurisdiction(params);
        return ok(f, "service_requests", open311.search(params));
    }

    @GetMapping("/requests/{id}.{format}")
    @Operation(summary = "Return one service request with its status, notes, agency and expected time")
    ResponseEntity<String> request(@PathVariable String id, @PathVariable String format, HttpServletRequest request) {
        Open311Format f = Open311Format.of(format);
        open311.checkJurisdiction(params(request));
        return ok(f, "service_requests", open311.request(id));
    }

    @GetMapping("/tokens/{token}.{format}")
    @Operation(summary = "Return the service_request_id a token stands for")
    ResponseEntity<String> token(@PathVariable String token, @PathVariable String format, HttpServletRequest request) {
        Open311Format f = Open311Format.of(format);
        open311.checkJurisdiction(params(request));
        return ok(f, "service_requests", open311.token(token));
    }

    @ExceptionHandler(Open311Error.class)
    ResponseEntity<String> refused(Open311Error e, HttpServletRequest request) {
        Open311Format f = Open311Format.ofPath(request.getRequestURI());
        List<Map<String, Object>> errors = e.errors().stream().map(entry -> {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", entry.code());
            error.put("description", entry.description());
            return error;
        }).toList();
        return ResponseEntity.status(e.status()).header(HttpHeaders.CONTENT_TYPE, f.contentType())
                .body(f.write("errors", errors));
    }

    /** Other refusals of the platform, in the spec's format rather than as problem details. */
    @ExceptionHandler(ProblemException.class)
    ResponseEntity<String> problem(ProblemException e, HttpServletRequest request) {
        return refused(Open311Error.of(e.status(), e.getMessage()), request);
    }

    private static ResponseEntity<String> ok(Open311Format f, String root, Object body) {
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, f.contentType()).body(f.write(root, body));
    }

    /** Returns the first value of every query and form parameter. */
    private static Map<String, String> params(HttpServletRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (values.length > 0) {
                params.put(name, values[0]);
            }
        });
        return params;
    }
}
