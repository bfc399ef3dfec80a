package org.cityops.rules.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cityops.geo.GridLocation;
import org.cityops.platform.Actor;
import org.cityops.platform.Cursors;
import org.cityops.platform.ProblemException;
import org.cityops.rules.AlertSeverity;
import org.cityops.rules.AlertStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Alerts (预警) over HTTP: list, read with history, acknowledge, assign, comment, resolve. */
@RestController
@RequestMapping("/api/v1/alerts")
@Tag(name = "Alerts (预警)", description = "Alerts raised by rules, scoped like cases")
class AlertController {

    private static final int MAX_TEXT = 2000;

    private final AlertService alerts;
    private final AlertStore store;
    private final RulesSettings settings;

    AlertController(AlertService alerts, AlertStore store, RulesSettings settings) {
        this.alerts = alerts;
        this.store = store;
        this.settings = settings;
    }

    /** An alert as the API shows it; {@code history} only when read one by one. */
    record AlertView(long id, long ruleId, int ruleVersion, String ruleName, String subject, AlertSeverity severity,
                     AlertStatus status, String title, Instant firstSeenAt, Instant lastSeenAt, Instant lastEventAt,
                     Double lastValue, int count, String assignee, GridLocation location, Long departmentId,
                     Long caseId, boolean resolveOnCaseClose, Instant endedAt, List<AlertStore.HistoryRow> history) {

        static AlertView of(AlertStore.AlertRow a, List<AlertStore.HistoryRow> history) {
            return new AlertView(a.id(), a.ruleId(), a.ruleVersion(), a.ruleName(), a.subject(), a.severity(),
                    a.status(), a.title(), a.firstSeenAt(), a.lastSeenAt(), a.lastEventAt(), a.lastValue(), a.count(),
                    a.assignee(), a.location(), a.departmentId(), a.caseId(), a.resolveOnCaseClose(), a.endedAt(),
                    history);
        }
    }

    /** A page of alerts and the cursor of the next. */
    record AlertPage(List<AlertView> items, String nextCursor) {
    }

    /** A note for acknowledge and resolve, optional. */
    record NoteRequest(String note) {
    }

    /** Who handles the alert. */
    record AssignRequest(String assignee) {
    }

    /** A comment. */
    record CommentRequest(String text) {
    }

    @GetMapping
    @Operation(summary = "List the alerts in the caller's scope, newest first, with filters and cursor pagination")
    AlertPage list(@RequestParam(required = false) AlertStatus status,
                   @RequestParam(required = false) AlertSeverity severity,
                   @RequestParam(required = false) Long rule,
                   @RequestParam(required = false) String region,
                   @RequestParam(required = false) Instant since,
                   @RequestParam(name = "case", required = false) Long caseId,
                   @RequestParam(defaultValue = "50") int limit,
                   @RequestParam(required = false) String cursor,
                   Actor actor) {
        Cursors.checkLimit(limit, settings.pageSizeMax());
        Long before = Cursors.before(cursor);
        List<AlertStore.AlertRow> rows = store.list(new AlertStore.Filter(status, severity, rule, region, since, caseId),
                AlertScope.sql(actor), before, limit + 1);
        boolean more = rows.size() > limit;
        List<AlertView> items = new ArrayList<>();
        for (AlertStore.AlertRow a : more ? rows.subList(0, limit) : rows) {
            items.add(AlertView.of(a, null));
        }
        return new AlertPage(items, more ? String.valueOf(rows.get(limit - 1).id()) : null);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read an alert with its history")
    AlertView get(@PathVariable long id, Actor actor) {
        return withHistory(alerts.visible(id, actor));
    }

    @PostMapping("/{id}/acknowledge")
    @Operation(summary = "Acknowledge a RAISED alert (409 otherwise)")
    AlertView acknowledge(@PathVariable long id, @RequestBody(required = false) NoteRequest r, Actor actor) {
        return withHistory(alerts.acknowledge(id, text("note", r == null ? null : r.note(), false), actor));
    }

    @PostMapping("/{id}/assign")
    @Operation(summary = "Assign an active alert to someone")
    AlertView assign(@PathVariable long id, @RequestBody AssignRequest r, Actor actor) {
        String assignee = r.assignee() == null ? null : r.assignee().trim();
        if (assignee == null || assignee.isEmpty()) {
            throw ProblemException.BadRequest.field("assignee", "is required");
        }
        if (assignee.length() > 100) {
            throw ProblemException.BadRequest.field("assignee", "is longer than 100 characters");
        }
        return withHistory(alerts.assign(id, assignee, actor));
    }

    @PostMapping("/{id}/comments")
    @Operation(summary = "Comment on an alert")
    AlertView comment(@PathVariable long id, @RequestBody CommentRequest r, Actor actor) {
        return withHistory(alerts.comment(id, text("text", r.text(), true), actor));
    }

    @PostMapping("/{id}/resolve")
    @Operation(summary = "Resolve an active alert (handled), with a note")
    AlertView resolve(@PathVariable long id, @RequestBody(required = false) NoteRequest r, Actor actor) {
        return withHistory(alerts.resolve(id, text("note", r == null ? null : r.note(), false), actor));
    }

    private AlertView withHistory(AlertStore.AlertRow a) {
        return AlertView.of(a, store.history(a.id()));
    }

    private static String text(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw ProblemException.BadRequest.field(field, "is required");
            }
            return null;
        }
        if (value.length() > MAX_TEXT) {
            throw ProblemException.BadRequest.field(field, "is longer than " + MAX_TEXT + " characters");
        }
        return value.trim();
    }
}
