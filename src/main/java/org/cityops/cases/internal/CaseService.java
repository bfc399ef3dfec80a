package org.cityops.cases.internal;

import org.cityops.cases.CaseCommand;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.cityops.cases.CaseAction;
import org.cityops.cases.CaseEvents;
import org.cityops.cases.CaseIntake;
import org.cityops.cases.CaseWorkflow;
import org.cityops.cases.CaseLevel;
import org.cityops.cases.CaseState;
import org.cityops.cases.NewReport;
import org.cityops.cases.Stage;
import org.cityops.catalog.CategoryCatalog;
import org.cityops.catalog.Subclass;
import org.cityops.catalog.Urgency;
import org.cityops.geo.Divisions;
import org.cityops.geo.GridLookup;
import org.cityops.org.Departments;
import org.cityops.org.Routing;
import org.cityops.org.WorkingCalendar;
import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.cityops.platform.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Runs the case loop: takes reports in, applies transitions, answers scoped reads. */
@Service
class CaseService implements CaseIntake, CaseWorkflow {

    static final int MAX_ATTACHMENTS = 20;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final CaseRepository cases;
    private final GridLookup grids;
    private final Divisions divisions;
    private final CategoryCatalog catalog;
    private final Departments departments;
    private final Routing routing;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final CasesSettings settings;
    private final CaseLoop loop;
    private final Deadlines deadlines;
    private final CaseLoop.Context context;
    private final CaseReports reports;
    private final DuplicateSettings duplicates;

    CaseService(CaseRepository cases, GridLookup grids, Divisions divisions, CategoryCatalog catalog, Departments departments,
                Routing routing, WorkingCalendar calendar, ApplicationEventPublisher events, Clock clock,
                CasesSettings settings, CaseReports reports, DuplicateSettings duplicates) {
        this.cases = cases;
        this.reports = reports;
        this.duplicates = duplicates;
        this.grids = grids;
        this.divisions = divisions;
        this.catalog = catalog;
        this.departments = departments;
        this.routing = routing;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
        this.deadlines = new Deadlines(calendar, settings.stageLimits());
        this.loop = new CaseLoop(new TransitionTable(), deadlines);
        this.context = new CaseLoop.Context() {
            @Override public Instant now() { return clock.instant(); }
            @Override public Optional<Routing.RoutingDecision> route(CaseFile f) {
                return routing.route(f.categoryCode, f.kind, f.location, null);
            }
            @Override public boolean departmentExists(long id) { return departments.findActive(id).isPresent(); }
            @Override public Optional<Subclass> subclass(String code) {
                return code == null ? Optional.empty() : catalog.subclass(code);
            }
            @Override public Optional<Subclass> activeSubclass(String code) {
                return code == null ? Optional.empty() : catalog.activeSubclass(code);
            }
            @Override public Duration reopenWindow() { return settings.reopenWindow(); }
        };
    }

    @Override
    @Transactional
    public ReportedCase report(NewReport report, Actor reporter) {
        if (reporter.role() == Role.LEADER) {
            throw new ProblemException.Forbidden("a LEADER supervises cases but does not report them");
        }
        Subclass subclass = validate(report);
        if (report.selfFixed() && reporter.role() != Role.GRID_INSPECTOR && reporter.role() != Role.ADMIN) {
            throw ProblemException.BadRequest.field("selfFixed", "only a grid inspector fixes on the spot (自行处置)");
        }
        Instant now = clock.instant();
        Optional<CaseFile> repeated = subclass == null || report.selfFixed() || duplicates.mode() == DuplicateSettings.Mode.OFF
                ? Optional.empty() : openCaseRepeatedBy(report, subclass.code(), now);
        if (repeated.isPresent() && duplicates.mode() == DuplicateSettings.Mode.LINK) {
            return link(repeated.get(), report, subclass.code(), reporter, now);
        }
        CaseFile f = openCase(report, subclass, reporter.username(), reporter, now,
                "source=" + report.sourceType().trim().toUpperCase());
        long reportId = reports.insert(f.id, true, reportOf(report, f.categoryCode, reporter.username(), now));
        Long suspected = repeated.map(r -> r.id).orElse(null);
        if (suspected != null) {
            cases.appendHistory(f.id, "DUPLICATE_SUSPECTED", CaseState.REPORTED, CaseState.REPORTED, reporter.username(),
                    reporter.role().name(), now, "可能与案卷 " + repeated.get().caseNo + " 重复，待确认合并",
                    "duplicateOf=" + suspected, List.of());
        }
        if (report.selfFixed()) {
            apply(f, new CaseCommand(CaseAction.SELF_FIX, "自行处置", null, null, null, null, null, null, null, null),
                    reporter);
        }
        return new ReportedCase(f.id, f.caseNo, f.state, reportId, suspected, false);
    }

    /** Inserts a new case in state REPORTED for the report, with its history line and event. */
    private CaseFile openCase(NewReport report, Subclass subclass, String reportedBy, Actor actor, Instant now,
                              String historyDetails) {
        CaseFile f = new CaseFile();
        f.id = cases.nextId();
        f.caseNo = LocalDate.ofInstant(now, ZoneId.of("Asia/Shanghai")).format(DAY) + String.format("%08d", f.id);
        f.state = CaseState.REPORTED;
        f.sourceType = report.sourceType().trim().toUpperCase();
        f.sourceRef = report.sourceRef();
        f.reportedBy = reportedBy;
        f.reporterName = report.reporterName();
        f.reporterContact = report.reporterContact();
        f.reportedAt = now;
        f.updatedAt = now;
        f.description = report.description().trim();
        f.address = report.address();
        f.longitude = report.longitude();
        f.latitude = report.latitude();
        f.location = grids.locate(report.longitude(), report.latitude()).orElse(null);
        f.level = f.location == null ? CaseLevel.CITY : CaseLevel.STREET;
        f.categoryCode = subclass == null ? null : subclass.code();
        f.kind = subclass == null ? null : subclass.kind();
        f.urgency = report.urgency() == null ? Urgency.NORMAL : report.urgency();
        if (f.location == null) {
            f.routingReason = "location outside every unit grid";
        }
        deadlines.start(f, Stage.REGISTER, now);
        cases.insert(f);
        cases.appendHistory(f.id, "REPORT", null, CaseState.REPORTED, actor.username(), actor.role().name(), now,
                null, historyDetails + (f.location == null ? "; outside every unit grid" : "; grid="
                        + f.location.gridCode()), report.attachments());
        events.publishEvent(new CaseEvents.CaseReported(f.id, f.caseNo, f.sourceType, f.categoryCode,
                f.location == null ? null : f.location.gridCode(), f.districtCode(), now));
        return f;
    }

    /** Returns the open case of the subclass the report repeats (nearest within distance and window), if any. */
    private Optional<CaseFile> openCaseRepeatedBy(NewReport report, String categoryCode, Instant now) {
        DuplicateRule rule = duplicates.rule();
        List<DuplicateRule.Candidate> candidates = reports.candidates(categoryCode,
                rule.box(report.longitude(), report.latitude()), rule.since(now));
        return rule.nearest(report.longitude(), report.latitude(), now, candidates).flatMap(c -> cases.find(c.id()));
    }

    /** Links a repeat to the open case: a report of it, a history line, an event; no new case. */
    private ReportedCase link(CaseFile open, NewReport report, String categoryCode, Actor reporter, Instant now) {
        long reportId = reports.insert(open.id, false, reportOf(report, categoryCode, reporter.username(), now));
        String source = report.sourceType().trim().toUpperCase();
        cases.appendHistory(open.id, "DUPLICATE_LINKED", open.state, open.state, reporter.username(),
                reporter.role().name(), now, "重复上报已关联: " + source
                        + (report.sourceRef() == null ? "" : " " + report.sourceRef()),
                "reportId=" + reportId + "; source=" + source, report.attachments());
        events.publishEvent(new CaseEvents.CaseReportLinked(open.id, open.caseNo, null, reportId, source,
                report.sourceRef(), "DUPLICATE", now));
        return new ReportedCase(open.id, open.caseNo, open.state, reportId, open.id, true);
    }

    private static CaseReports.Report reportOf(NewReport report, String categoryCode, String reportedBy, Instant now) {
        return new CaseReports.Report(0, 0, null, report.sourceType().trim().toUpperCase(), report.sourceRef(),
                reportedBy, report.reporterName(), report.reporterContact(), now, report.longitude(),
                report.latitude(), report.address(), categoryCode, report.description().trim(), report.attachments(),
                now);
    }

    private Subclass validate(NewReport report) {
        List<ProblemException.FieldError> errors = new ArrayList<>();
        if (report.sourceType() == null || report.sourceType().isBlank()) {
            errors.add(new ProblemException.FieldError("sourceType", "is required"));
        } else if (report.sourceType().length() > 32) {
            errors.add(new ProblemException.FieldError("sourceType", "is longer than 32 characters"));
        }
        if (!(report.longitude() >= -180 && report.longitude() <= 180)) {
            errors.add(new ProblemException.FieldError("longitude", "must be between -180 and 180, was " + report.longitude()));
        }
        if (!(report.latitude() >= -90 && report.latitude() <= 90)) {
            errors.add(new ProblemException.FieldError("latitude", "must be between -90 and 90, was " + report.latitude()));
        }
        if (report.description() == null || report.description().isBlank()) {
            errors.add(new ProblemException.FieldError("description", "is required"));
        } else if (report.description().length() > 4000) {
            errors.add(new ProblemException.FieldError("description", "is longer than 4000 characters"));
        }
        checkAttachments(report.attachments(), errors);
        for (String[] text : new String[][] {{"sourceRef", report.sourceRef(), "128"},
                {"reporterName", report.reporterName(), "100"}, {"reporterContact", report.reporterContact(), "100"},
                {"address", report.address(), "500"}}) {
            if (text[1] != null && text[1].length() > Integer.parseInt(text[2])) {
                errors.add(new ProblemException.FieldError(text[0], "is longer than " + text[2] + " characters"));
            }
        }
        Subclass subclass = null;
        if (report.categoryCode() != null) {
            subclass = catalog.activeSubclass(report.categoryCode()).orElse(null);
            if (subclass == null) {
                errors.add(new ProblemException.FieldError("categoryCode", "unknown category '" + report.categoryCode() + "'"));
            }
        }
        if (report.selfFixed() && report.categoryCode() == null) {
            errors.add(new ProblemException.FieldError("categoryCode", "is required for a case fixed on the spot"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest("Invalid report: " + errors.get(0).field() + " "
                    + errors.get(0).message(), errors);
        }
        return subclass;
    }

    @Override
    @Transactional
    public Result transition(long caseId, CaseCommand command, Actor actor) {
        CaseFile f = apply(caseId, command, actor);
        return new Result(f.id, f.caseNo, f.state, f.version);
    }

    /** Applies a transition as the actor; returns the case as it now stands. */
    @Transactional
    public CaseFile apply(long id, CaseCommand command, Actor actor) {
        CaseFile f = visible(id, actor);
        apply(f, command, actor);
        return f;
    }

    private void apply(CaseFile f, CaseCommand command, Actor actor) {
        validateCommand(command);
        CaseLoop.Outcome outcome = loop.apply(f, command, actor, context);
        cases.update(f);
        if (command.action() == CaseAction.DISPATCH || command.action() == CaseAction.RETURN
                || command.action() == CaseAction.REOPEN) {
            cases.replaceAssists(f);
        } else if (command.action() == CaseAction.ASSIST_FEEDBACK) {
            cases.assistFedBack(f.id, actor.departmentId(), f.updatedAt);
        }
        cases.appendHistory(f.id, command.action().name(), outcome.from(), outcome.to(), actor.username(),
                actor.role().name(), f.updatedAt, command.comment(), outcome.details(), command.attachments());
        outcome.events().forEach(events::publishEvent);
    }

    private static void validateCommand(CaseCommand command) {
        List<ProblemException.FieldError> errors = new ArrayList<>();
        if (command.comment() != null && command.comment().length() > 4000) {
            errors.add(new ProblemException.FieldError("comment", "is longer than 4000 characters"));
        }
        checkAttachments(command.attachments(), errors);
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest("Invalid transition: " + errors.get(0).field() + " "
                    + errors.get(0).message(), errors);
        }
    }

    private static void checkAttachments(List<String> attachments, List<ProblemException.FieldError> errors) {
        if (attachments.size() > MAX_ATTACHMENTS) {
            errors.add(new ProblemException.FieldError("attachments", "at most " + MAX_ATTACHMENTS + " references"));
        }
        for (int i = 0; i < attachments.size(); i++) {
            String ref = attachments.get(i);
            if (ref == null || ref.isBlank() || ref.length() > 500) {
                errors.add(new ProblemException.FieldError("attachments[" + i + "]",
                        "must be a reference of 1 to 500 characters"));
            }
        }
    }

    /**
     * Merges the other case into this one and returns this case: the other becomes VOID ("merged
     * into …", so only a case still REPORTED or REGISTERED can be merged away) and its reports move
     * here, each announced so that the channels behind them follow this case.
     */
    @Transactional
    public CaseFile merge(long id, long otherId, Actor actor) {
        requireOperator(actor, "merge cases");
        if (id == otherId) {
            throw ProblemException.BadRequest.field("otherCaseId", "is this case itself");
        }
        CaseFile target = visible(id, actor);
        CaseFile other;
        try {
            other = visible(otherId, actor);
        } catch (ProblemException.NotFound e) {
            throw ProblemException.BadRequest.field("otherCaseId", "no case " + otherId);
        }
        if (!target.state.open()) {
            throw new ProblemException.Conflict("case " + target.caseNo + " is " + target.state
                    + ": only an open case takes other cases' reports");
        }
        List<CaseReports.Report> moving = reports.of(other.id);
        apply(other, new CaseCommand(CaseAction.VOID, "merged into " + target.caseNo + " (并入案卷 " + target.caseNo + ")",
                null, null, null, null, null, null, null, null), actor);
        Instant now = clock.instant();
        reports.moveAll(other.id, target.id, now);
        cases.appendHistory(target.id, "MERGED", target.state, target.state, actor.username(), actor.role().name(), now,
                "案卷 " + other.caseNo + " 并入本案卷", "mergedCaseId=" + other.id + "; reports=" + moving.size(), List.of());
        for (CaseReports.Report r : moving) {
            events.publishEvent(new CaseEvents.CaseReportLinked(target.id, target.caseNo, other.id, r.id(),
                    r.sourceType(), r.sourceRef(), "MERGED", now));
        }
        return cases.find(target.id).orElseThrow();
    }

    /**
     * Splits a linked report out of the case into a new case of its own and returns the new case;
     * the report that opened the case stays with it.
     */
    @Transactional
    public CaseFile split(long id, long reportId, Actor actor) {
        requireOperator(actor, "split reports");
        CaseFile f = visible(id, actor);
        CaseReports.Report r = reports.find(reportId).filter(x -> x.caseId() == id)
                .orElseThrow(() -> new ProblemException.NotFound("case " + f.caseNo + " has no report " + reportId));
        if (Long.valueOf(id).equals(r.openedCaseId())) {
            throw new ProblemException.Conflict("report " + reportId + " opened case " + f.caseNo
                    + ": only reports linked to it can be split out");
        }
        Subclass subclass = r.categoryCode() == null ? null : catalog.subclass(r.categoryCode()).orElse(null);
        NewReport report = new NewReport(r.sourceType(), r.sourceRef(), r.reporterName(), r.reporterContact(),
                r.longitude(), r.latitude(), r.address(), r.categoryCode(), Urgency.NORMAL, r.description(),
                r.attachments(), false);
        Instant now = clock.instant();
        CaseFile created = openCase(report, subclass, r.reportedBy(), actor, now,
                "source=" + r.sourceType() + "; split from " + f.caseNo);
        reports.splitInto(reportId, created.id, now);
        cases.appendHistory(f.id, "REPORT_SPLIT", f.state, f.state, actor.username(), actor.role().name(), now,
                "重复上报拆分为新案卷 " + created.caseNo, "reportId=" + reportId + "; newCaseId=" + created.id, List.of());
        events.publishEvent(new CaseEvents.CaseReportLinked(created.id, created.caseNo, f.id, reportId, r.sourceType(),
                r.sourceRef(), "SPLIT", now));
        return created;
    }

    /** Returns the case's reports, the one that opened it first. */
    @Transactional(readOnly = true)
    public List<CaseReports.Report> reports(long id, Actor actor) {
        return reports.of(visible(id, actor).id);
    }

    private static void requireOperator(Actor actor, String what) {
        if (actor.role() != Role.ADMIN && actor.role() != Role.CITY_DISPATCHER && actor.role() != Role.DISTRICT_DISPATCHER
                && actor.role() != Role.STREET_OPERATOR) {
            throw new ProblemException.Forbidden("only dispatchers and operators " + what + ", not " + actor.role());
        }
    }

    /** Returns the case if the actor may see it; a case outside the actor's scope does not exist for them. */
    @Transactional(readOnly = true)
    public CaseFile visible(long id, Actor actor) {
        CaseFile f = cases.find(id).orElseThrow(() -> new ProblemException.NotFound("no case " + id));
        if (!CaseScope.sees(actor, f)) {
            throw new ProblemException.NotFound("no case " + id);
        }
        return f;
    }

    /** Returns the actions the actor could take on the case now. */
    List<CaseAction> available(CaseFile f, Actor actor) {
        return loop.available(f, actor);
    }

    @Transactional(readOnly = true)
    public List<CaseFile> list(CaseQuery query, Actor actor, int limit) {
        if (query.regionCode() != null && divisions.find(query.regionCode()).isEmpty()) {
            throw ProblemException.BadRequest.field("region", "unknown division '" + query.regionCode() + "'");
        }
        return cases.list(query, CaseScope.sql(actor), Math.min(Math.max(limit, 1), settings.pageSizeMax()));
    }

    @Transactional(readOnly = true)
    public List<CaseRepository.HistoryEntry> history(long id, Actor actor) {
        visible(id, actor);
        return cases.history(id);
    }

    int pageSizeMax() {
        return settings.pageSizeMax();
    }
}
