package org.cityops.intake.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.cityops.cases.CaseIntake;
import org.cityops.cases.CaseReader;
import org.cityops.cases.CaseSummary;
import org.cityops.cases.NewReport;
import org.cityops.catalog.CategoryCatalog;
import org.cityops.catalog.Subclass;
import org.cityops.org.ApiClient;
import org.cityops.org.ApiKeys;
import org.cityops.org.Department;
import org.cityops.org.Departments;
import org.cityops.platform.ProblemException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers GeoReport v2: services from the category catalog, service requests as cases through
 * the case loop's one entry, and their status read back from the loop. Builds the documents as
 * maps and lists in the spec's field order; the format writes them.
 */
@Service
class Open311Service {

    static final String SOURCE = "OPEN311";

    private final CategoryCatalog catalog;
    private final CaseIntake intake;
    private final CaseReader cases;
    private final Departments departments;
    private final ApiKeys keys;
    private final Open311Requests requests;
    private final Open311Settings settings;
    private final Clock clock;

    Open311Service(CategoryCatalog catalog, CaseIntake intake, CaseReader cases, Departments departments,
                   ApiKeys keys, Open311Requests requests, Open311Settings settings, Clock clock) {
        this.catalog = catalog;
        this.intake = intake;
        this.cases = cases;
        this.departments = departments;
        this.keys = keys;
        this.requests = requests;
        this.settings = settings;
        this.clock = clock;
    }

    /** Throws a 404 when the parameters name another jurisdiction. */
    void checkJurisdiction(Map<String, String> params) {
        Open311Rules.checkJurisdiction(params, settings.jurisdictionId());
    }

    /** Returns every active subclass as a service. */
    List<Map<String, Object>> services() {
        List<Map<String, Object>> services = new ArrayList<>();
        for (Subclass s : catalog.subclasses()) {
            if (catalog.activeSubclass(s.code()).isEmpty()) {
                continue;
            }
            Map<String, Object> service = new LinkedHashMap<>();
            service.put("service_code", s.code());
            service.put("service_name", s.name());
            service.put("description", s.registerCondition());
            service.put("metadata", true);
            service.put("type", "realtime");
            service.put("keywords", String.join(", ", s.kind().chineseName(), s.mainClassName(), s.name()));
            service.put("group", s.mainClassName());
            services.add(service);
        }
        return services;
    }

    /** Returns the attribute definitions of an active service, or throws a 404. */
    Map<String, Object> definition(String code) {
        Subclass s = catalog.activeSubclass(code)
                .orElseThrow(() -> Open311Error.notFound("service_code: no service '" + code + "'"));
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("service_code", s.code());
        definition.put("attributes", ServiceAttributes.definitions());
        return definition;
    }

    /**
     * Turns a service request into a case acting as the api_key's client, and returns its id, token
     * and notice. A refused request leaves nothing behind: request and case share one transaction.
     */
    @Transactional
    List<Map<String, Object>> submit(Map<String, String> params) {
        String key = params.get("api_key");
        if (key == null || key.isBlank()) {
            throw Open311Error.forbidden("api_key: is required to submit a service request");
        }
        ApiClient client = keys.authenticate(key.strip())
                .orElseThrow(() -> Open311Error.forbidden("api_key: unknown or deactivated key"));
        Open311Rules.ServiceRequestDraft draft = Open311Rules.serviceRequest(params,
                code -> catalog.activeSubclass(code).isPresent());
        String description = draft.description() != null ? draft.description()
                : catalog.activeSubclass(draft.serviceCode()).map(Subclass::name).orElse(draft.serviceCode());
        UUID token = UUID.randomUUID();
        Instant now = clock.instant();
        long id = requests.insert(token, client.keyId(), draft, now);
        NewReport report = new NewReport(SOURCE, Long.toString(id), draft.reporterName(), draft.reporterContact(),
                draft.longitude(), draft.latitude(), draft.address(), draft.serviceCode(), draft.urgency(), description,
                draft.mediaUrl() == null ? List.of() : List.of(draft.mediaUrl()), false);
        CaseIntake.ReportedCase reported;
        try {
            reported = intake.report(report, client.actor());
        } catch (ProblemException.Forbidden e) {
            throw Open311Error.forbidden("api_key: this key may not submit service requests (" + e.getMessage() + ")");
        } catch (ProblemException.BadRequest e) {
            throw Open311Error.badRequest(e.errors().stream()
                    .map(f -> parameter(f.field()) + ": " + f.message()).toList());
        }
        requests.caseCreated(id, reported.id());
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("service_request_id", Long.toString(id));
        created.put("token", token.toString());
        created.put("service_notice", "已受理，案卷编号 " + reported.caseNo());
        created.put("account_id", draft.accountId());
        return List.of(created);
    }

    /** Returns the service requests the search parameters select, newest first. */
    List<Map<String, Object>> search(Map<String, String> params) {
        Open311Rules.Search search = Open311Rules.search(params, clock.instant(), settings.zoneId(),
                code -> catalog.subclass(code).isPresent(), settings.maxRequests());
        List<CaseSummary> found = cases.bySource(SOURCE, new CaseReader.SourceQuery(search.requestIds(),
                search.serviceCodes(), search.from(), search.to(), search.open(), settings.maxRequests()));
        return describe(found);
    }

    /** Returns one service request, or throws a 404. */
    List<Map<String, Object>> request(String id) {
        List<CaseSummary> found = cases.bySource(SOURCE,
                new CaseReader.SourceQuery(List.of(id), List.of(), null, null, null, 1));
        if (found.isEmpty()) {
            throw Open311Error.notFound("service_request_id: no service request '" + id + "'");
        }
        return describe(found);
    }

    /** Returns the service_request_id a token stands for, or throws a 404. */
    List<Map<String, Object>> token(String token) {
        Optional<Long> id;
        try {
            id = requests.byToken(UUID.fromString(token));
        } catch (IllegalArgumentException notAUuid) {
            id = Optional.empty();
        }
        Long requestId = id.orElseThrow(() -> Open311Error.notFound("token: no token '" + token + "'"));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("service_request_id", requestId.toString());
        entry.put("token", token);
        return List.of(entry);
    }

    private List<Map<String, Object>> describe(List<CaseSummary> found) {
        ZoneId zone = settings.zoneId();
        Map<Long, Optional<String>> agencies = new HashMap<>();
        Map<String, Optional<String>> serviceNames = new HashMap<>();
        List<Map<String, Object>> described = new ArrayList<>();
        for (CaseSummary c : found) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("service_request_id", c.sourceRef());
            r.put("status", Open311Rules.status(c.state()));
            r.put("status_notes", Open311Rules.statusNotes(c.state(), c.stateNote()));
            r.put("service_name", c.categoryCode() == null ? null : serviceNames.computeIfAbsent(c.categoryCode(),
                    code -> catalog.subclass(code).map(Subclass::name)).orElse(null));
            r.put("service_code", c.categoryCode());
            r.put("description", c.description());
            r.put("agency_responsible", c.leadDepartmentId() == null ? null : agencies.computeIfAbsent(
                    c.leadDepartmentId(), d -> departments.find(d).map(Department::name)).orElse(null));
            r.put("service_notice", "案卷编号 " + c.caseNo());
            r.put("requested_datetime", Open311Rules.time(c.reportedAt(), zone));
            r.put("updated_datetime", Open311Rules.time(c.updatedAt(), zone));
            r.put("expected_datetime", Open311Rules.time(c.dueAt(), zone));
            r.put("address", c.address());
            r.put("lat", c.latitude());
            r.put("long", c.longitude());
            r.put("media_url", c.reportAttachments().isEmpty() ? null : c.reportAttachments().get(0));
            described.add(r);
        }
        return described;
    }

    /** Returns the GeoReport parameter behind a field the case loop refused. */
    private static String parameter(String field) {
        return switch (field) {
            case "longitude" -> "long";
            case "latitude" -> "lat";
            case "address" -> "address_string";
            case "categoryCode" -> "service_code";
            case "reporterName" -> "first_name/last_name";
            case "reporterContact" -> "phone/email";
            default -> field.startsWith("attachments") ? "media_url" : field;
        };
    }
}
