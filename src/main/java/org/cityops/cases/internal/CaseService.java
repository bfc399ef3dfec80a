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

    CaseService(CaseRepository cases, GridLookup grids, Divisions divisions, CategoryCatalog catalog, Departments departments,
                Routing routing, WorkingCalendar calendar, ApplicationEventPublisher events, Clock clock,
                CasesSettings settings) {
        this.cases = cases;
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
        CaseFile f = new CaseFile();
        f.id = cases.nextId();
        f.caseNo = LocalDate.ofInstant(now, ZoneId.of("Asia/Shanghai")).format(DAY) + String.format("%08d", f.id);
        f.state = CaseState.REPORTED;
        f.sourceType = report.sourceType().trim().toUpperCase();
        f.sourceRef = report.sourceRef();
        f.reportedBy = reporter.username();
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
        cases.appendHistory(f.id, "REPORT", null, CaseState.REPORTED, reporter.username(), reporter.role().name(), now,
                null, "source=" + f.sourceType + (f.location == null ? "; outside every unit grid" : "; grid="
                        + f.location.gridCode()), report.attachments());
        events.publishEvent(new CaseEvents.CaseReported(f.id, f.caseNo, f.sourceType, f.categoryCode,
                f.location == null ? null : f.location.gridCode(), f.districtCode(), now));
        if (report.selfFixed()) {
            apply(f, new CaseCommand(CaseAction.SELF_FIX, "自行处置", null, null, null, null, null, null, null, null),
                    reporter);
        }
        return new ReportedCase(f.id, f.caseNo, f.state);
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
