package org.cityops.cases.internal;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.cityops.platform.Actor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The reports behind each case, and the operators' merge and split of duplicates. */
@RestController
@RequestMapping("/api/v1/cases/{id}")
@Tag(name = "Duplicates", description = "Reports linked to a case; merge two cases, split a report out")
class CaseReportController {

    private final CaseService service;
    private final CaseController cases;

    CaseReportController(CaseService service, CaseController cases) {
        this.service = service;
        this.cases = cases;
    }

    /** The case whose reports move here. */
    record MergeRequest(@NotNull Long otherCaseId) {
    }

    /** One report of the problem; {@code opened} for the report that opened the case. */
    record ReportView(long id, long caseId, boolean opened, String sourceType, String sourceRef, String reportedBy,
                      String reporterName, String reporterContact, Instant reportedAt, double longitude,
                      double latitude, String address, String categoryCode, String description,
                      List<String> attachments, Instant linkedAt) {

        static ReportView of(CaseReports.Report r, boolean showContact) {
            return new ReportView(r.id(), r.caseId(), Long.valueOf(r.caseId()).equals(r.openedCaseId()),
                    r.sourceType(), r.sourceRef(), r.reportedBy(), r.reporterName(),
                    showContact ? r.reporterContact() : CaseView.mask(r.reporterContact()), r.reportedAt(), r.longitude(), r.latitude(),
                    r.address(), r.categoryCode(), r.description(), r.attachments(), r.linkedAt());
        }
    }

    @GetMapping("/reports")
    @Operation(summary = "List every report linked to the case, the one that opened it first")
    List<ReportView> reports(@PathVariable long id, Actor actor) {
        boolean showContact = CaseController.showsContact(actor);
        return service.reports(id, actor).stream().map(r -> ReportView.of(r, showContact)).toList();
    }

    @PostMapping("/merge")
    @Operation(summary = "Merge another case into this one: it becomes VOID (merged into …) and its reports "
            + "move here; dispatchers and operators")
    CaseView merge(@PathVariable long id, @Valid @RequestBody MergeRequest r, Actor actor) {
        return cases.view(service.merge(id, r.otherCaseId(), actor), actor);
    }

    @PostMapping("/reports/{reportId}/split")
    @Operation(summary = "Split a linked report out into a new case of its own; dispatchers and operators")
    ResponseEntity<CaseView> split(@PathVariable long id, @PathVariable long reportId, Actor actor) {
        CaseFile created = service.split(id, reportId, actor);
        return ResponseEntity.created(URI.create("/api/v1/cases/" + created.id)).body(cases.view(created, actor));
    }
}
