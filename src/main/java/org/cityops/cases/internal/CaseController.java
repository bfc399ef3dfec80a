package org.cityops.cases.internal;

import org.cityops.cases.CaseCommand;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.cityops.cases.CaseAction;
import org.cityops.cases.CaseCommand;
import org.cityops.cases.CaseIntake;
import org.cityops.cases.CaseState;
import org.cityops.cases.NewReport;
import org.cityops.catalog.TimeLimit;
import org.cityops.catalog.Urgency;
import org.cityops.platform.Actor;
import org.cityops.platform.Cursors;
import org.cityops.platform.ProblemException;
import org.cityops.platform.Role;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The case loop over HTTP: report, read, list, transition, history. */
@RestController
@RequestMapping("/api/v1/cases")
@Tag(name = "Cases (案卷)", description = "Report problems and move cases through the loop")
class CaseController {

    private static final Set<Role> SEE_CONTACTS = Set.of(Role.ADMIN, Role.CITY_DISPATCHER, Role.DISTRICT_DISPATCHER,
            Role.STREET_OPERATOR);

    private final CaseService service;

    CaseController(CaseService service) {
        this.service = service;
    }

    /** A report as posted to the API. */
    record ReportRequest(@NotNull String sourceType, String sourceRef, Reporter reporter,
                         @NotNull Double longitude, @NotNull Double latitude, String address, String categoryCode,
                         Urgency urgency, @NotNull String description, List<String> attachments, Boolean selfFixed) {
    }

    record Reporter(String name, String contact) {
    }

    /** A transition request: the action and whatever it needs. */
    record TransitionRequest(@NotNull CaseAction action, String comment, Long departmentId,
                             List<Long> assistDepartmentIds, Extension extension, String categoryCode,
                             Urgency urgency, String verifier, List<String> attachments, Integer version) {
    }

    record Extension(@NotNull Integer amount, @NotNull TimeLimit.Unit unit) {
    }

    @PostMapping
    @Operation(summary = "Report a problem: creates a case in state REPORTED (or CLOSED when fixed on the spot); "
            + "a repeat of a nearby open case of the subclass is linked to it (200 with that case)")
    ResponseEntity<CaseView> report(@Valid @RequestBody ReportRequest r, Actor actor) {
        CaseIntake.ReportedCase created = service.report(new NewReport(r.sourceType(), r.sourceRef(),
                r.reporter() == null ? null : r.reporter().name(), r.reporter() == null ? null : r.reporter().contact(),
                r.longitude(), r.latitude(), r.address(), r.categoryCode(), r.urgency(), r.description(),
                r.attachments(), Boolean.TRUE.equals(r.selfFixed())), actor);
        CaseView body = view(service.visible(created.id(), actor), actor);
        if (created.linked()) {
            // a repeat of an open case: no new resource, the answer is the case it now belongs to
            return ResponseEntity.ok().header("Content-Location", "/api/v1/cases/" + created.id())
                    .header("Link", "</api/v1/cases/" + created.id() + "/reports/" + created.reportId() + ">; rel=\"report\"")
                    .body(body);
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.created(URI.create("/api/v1/cases/" + created.id()));
        if (created.duplicateOf() != null) {
            answer.header("Link", "</api/v1/cases/" + created.duplicateOf() + ">; rel=\"duplicate-of\"");
        }
        return answer.body(body);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read one case, with the actions the caller may take now")
    CaseView get(@PathVariable long id, Actor actor) {
        return view(service.visible(id, actor), actor);
    }

    /** One page of cases and the cursor of the next page (null on the last). */
    record CasePage(List<CaseView> items, String nextCursor) {
    }

    @GetMapping
    @Operation(summary = "List cases in the caller's scope, newest first, with filters and cursor pagination")
    CasePage list(@RequestParam(required = false) List<CaseState> state,
                  @RequestParam(required = false) String category,
                  @RequestParam(required = false) String region,
                  @RequestParam(required = false) Long department,
                  @RequestParam(required = false) Boolean overdue,
                  @RequestParam(required = false) String queue,
                  @RequestParam(required = false) Instant from,
                  @RequestParam(required = false) Instant to,
                  @RequestParam(defaultValue = "50") int limit,
                  @RequestParam(required = false) String cursor,
                  Actor actor) {
        if (queue != null && !queue.equals("manual")) {
            throw ProblemException.BadRequest.field("queue", "only 'manual' is known, was '" + queue + "'");
        }
        Cursors.checkLimit(limit, service.pageSizeMax());
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.BadRequest.field("from", "must be before 'to'");
        }
        Long before = Cursors.before(cursor);
        List<CaseFile> files = service.list(new CaseQuery(state, category, region, department, overdue,
                queue != null, from, to, before), actor, limit + 1);
        boolean more = files.size() > limit;
        List<CaseView> items = new ArrayList<>();
        for (CaseFile f : more ? files.subList(0, limit) : files) {
            items.add(view(f, actor));
        }
        return new CasePage(items, more ? String.valueOf(files.get(limit - 1).id) : null);
    }

    @PostMapping("/{id}/transitions")
    @Operation(summary = "Apply an action (立案, 派遣, 反馈, 结案, …); 409 when the state does not allow it "
            + "or the case changed since 'version'")
    CaseView transition(@PathVariable long id, @Valid @RequestBody TransitionRequest r, Actor actor) {
        TimeLimit extension = null;
        if (r.extension() != null) {
            try {
                extension = new TimeLimit(r.extension().amount(), r.extension().unit());
            } catch (IllegalArgumentException e) {
                throw ProblemException.BadRequest.field("extension.amount", e.getMessage());
            }
        }
        CaseFile f = service.apply(id, new CaseCommand(r.action(), r.comment(), r.departmentId(),
                r.assistDepartmentIds(), extension, r.categoryCode(), r.urgency(), r.verifier(), r.attachments(),
                r.version()), actor);
        return view(f, actor);
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "The case's full, append-only history")
    List<CaseRepository.HistoryEntry> history(@PathVariable long id, Actor actor) {
        return service.history(id, actor);
    }

    CaseView view(CaseFile f, Actor actor) {
        return CaseView.of(f, service.available(f, actor), showsContact(actor));
    }

    /** Returns whether the actor's role sees reporters' contacts unmasked. */
    static boolean showsContact(Actor actor) {
        return SEE_CONTACTS.contains(actor.role());
    }
}
