package org.cityops.cases.internal;

import org.cityops.cases.CaseCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cityops.cases.CaseAction;
import org.cityops.cases.CaseEvents;
import org.cityops.cases.CaseLevel;
import org.cityops.cases.CaseState;
import org.cityops.cases.Stage;
import org.cityops.catalog.Subclass;
import org.cityops.catalog.TimeLimit;
import org.cityops.catalog.Urgency;
import org.cityops.org.Routing;
import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.cityops.platform.Role;

/**
 * Applies one action to a case: checks the transition table (state, role, guards), changes the
 * case, restarts or moves its deadline, and says what to record and publish. Plain Java.
 */
final class CaseLoop {

    /** What the loop needs from the rest of the city, supplied by the caller. */
    interface Context {
        /** Returns the current instant of the injected clock. */
        Instant now();

        /** Returns the matrix's department for the case as it stands (category and location). */
        Optional<Routing.RoutingDecision> route(CaseFile file);

        /** Returns whether an active department has the id. */
        boolean departmentExists(long departmentId);

        /** Returns the catalog's subclass with the code, active or not (an existing case keeps its limits). */
        Optional<Subclass> subclass(String code);

        /** Returns the subclass with the code if new cases may use it. */
        Optional<Subclass> activeSubclass(String code);

        /** Returns how long after closing a case may still be reopened. */
        Duration reopenWindow();
    }

    /** The result of an applied action: the state change, a line of details for the history, and events. */
    record Outcome(CaseState from, CaseState to, String details, List<Object> events) {
    }

    private final TransitionTable table;
    private final Deadlines deadlines;

    CaseLoop(TransitionTable table, Deadlines deadlines) {
        this.table = table;
        this.deadlines = deadlines;
    }

    /**
     * Applies the command as the actor, or throws the refusal: 409 when the state does not allow
     * it or the version moved on, 403 when the role or department may not, 400 when input is missing.
     */
    Outcome apply(CaseFile file, CaseCommand command, Actor actor, Context context) {
        if (command.expectedVersion() != null && command.expectedVersion() != file.version) {
            throw new ProblemException.Conflict("case " + file.caseNo + " is at version " + file.version
                    + ", not " + command.expectedVersion() + ": reload and try again",
                    Map.of("currentVersion", file.version, "state", file.state.name()));
        }
        CaseAction action = command.action();
        TransitionTable.Rule rule = table.rule(action);
        if (actor.role() != Role.ADMIN && !rule.roles().contains(actor.role())) {
            throw new ProblemException.Forbidden("a " + actor.role() + " cannot " + action + " (" + action.chineseName()
                    + ")");
        }
        if (!rule.from().contains(file.state)) {
            throw new ProblemException.Conflict("cannot " + action + " (" + action.chineseName() + ") a case that is "
                    + file.state + " (" + file.state.chineseName() + "); allowed from " + rule.from(),
                    Map.of("state", file.state.name(), "action", action.name()));
        }
        for (TransitionTable.Guard guard : rule.guards()) {
            guard.refuse(file, command, actor).ifPresent(refusal -> {
                String reason = action + " refused: " + refusal.reason();
                throw switch (refusal.kind()) {
                    case INPUT -> new ProblemException.BadRequest(reason,
                            List.of(new ProblemException.FieldError(refusal.field(), refusal.reason())));
                    case FORBIDDEN -> new ProblemException.Forbidden(reason);
                    case STATE -> new ProblemException.Conflict(reason,
                            Map.of("state", file.state.name(), "action", action.name()));
                };
            });
        }
        CaseState from = file.state;
        Instant now = context.now();
        List<Object> events = new ArrayList<>();
        String details = effect(file, command, actor, context, now, events);
        if (rule.to() != null) {
            file.state = rule.to();
        }
        file.updatedAt = now;
        events.add(0, new CaseEvents.CaseTransitioned(file.id, file.caseNo, action, from, file.state,
                actor.username(), actor.role().name(), file.leadDepartmentId, file.districtCode(), now));
        if (file.state == CaseState.CLOSED && from != CaseState.CLOSED) {
            events.add(new CaseEvents.CaseClosed(file.id, file.caseNo, file.sourceType, file.sourceRef, now));
        }
        return new Outcome(from, file.state, details, events);
    }

    private String effect(CaseFile file, CaseCommand command, Actor actor, Context context, Instant now,
                          List<Object> events) {
        return switch (command.action()) {
            case REGISTER -> register(file, command, context, now);
            case REJECT, VOID -> {
                deadlines.stop(file);
                yield null;
            }
            case DISPATCH -> dispatch(file, command, context, now);
            case ACCEPT, COMMENT, REQUEST_VERIFICATION -> {
                if (command.action() == CaseAction.REQUEST_VERIFICATION && command.verifier() != null) {
                    file.verifier = command.verifier();
                    yield "verifier=" + command.verifier();
                }
                yield null;
            }
            case RETURN -> {
                Long returning = file.leadDepartmentId;
                file.returnCount++;
                if (returning != null && returning.equals(file.suggestedDepartmentId)) {
                    file.suggestedDepartmentId = null;
                    file.routingReason = null;
                }
                file.leadDepartmentId = null;
                file.assistDepartmentIds.clear();
                file.assistFedBack.clear();
                file.extensionRequested = null;
                file.manualQueue = file.suggestedDepartmentId == null;
                deadlines.start(file, Stage.DISPATCH, now);
                yield "returnedBy=" + returning;
            }
            case REQUEST_EXTENSION -> {
                file.extensionRequested = command.extension();
                yield "extension=" + command.extension().amount() + " " + command.extension().unit();
            }
            case APPROVE_EXTENSION -> {
                String granted = file.extensionRequested.amount() + " " + file.extensionRequested.unit();
                deadlines.extend(file, file.extensionRequested, now);
                file.extensionRequested = null;
                yield "extension=" + granted + "; dueAt=" + file.dueAt;
            }
            case REFUSE_EXTENSION -> {
                file.extensionRequested = null;
                yield null;
            }
            case DEFER -> {
                deadlines.pause(file, now);
                yield null;
            }
            case RESUME -> {
                deadlines.resume(file, now);
                yield "dueAt=" + file.dueAt;
            }
            case ASSIST_FEEDBACK -> {
                if (!file.assistFedBack.add(actor.departmentId())) {
                    throw new ProblemException.Conflict("department " + actor.departmentId()
                            + " has already fed back on case " + file.caseNo);
                }
                yield "assistDepartment=" + actor.departmentId();
            }
            case FEEDBACK -> {
                file.handledAt = now;
                file.extensionRequested = null;
                deadlines.start(file, Stage.VERIFY, now);
                yield file.assistDepartmentIds.isEmpty() ? null
                        : "assistFedBack=" + file.assistFedBack + " of " + file.assistDepartmentIds;
            }
            case VERIFY_PASS -> {
                deadlines.start(file, Stage.CLOSE, now);
                yield null;
            }
            case VERIFY_FAIL -> {
                file.reworkCount++;
                file.handledAt = null;
                startHandling(file, context, now);
                yield "rework=" + file.reworkCount;
            }
            case CLOSE -> {
                file.closedAt = now;
                deadlines.stop(file);
                yield null;
            }
            case REOPEN -> {
                Duration window = context.reopenWindow();
                if (file.closedAt == null || file.closedAt.plus(window).isBefore(now)) {
                    throw new ProblemException.Conflict("case " + file.caseNo + " was closed at " + file.closedAt
                            + ", more than " + window + " ago: it can no longer be reopened; report a new case",
                            Map.of("state", file.state.name(), "action", CaseAction.REOPEN.name()));
                }
                file.closedAt = null;
                file.handledAt = null;
                file.suggestedDepartmentId = file.leadDepartmentId != null ? file.leadDepartmentId
                        : file.suggestedDepartmentId;
                file.leadDepartmentId = null;
                file.assistDepartmentIds.clear();
                file.assistFedBack.clear();
                file.manualQueue = file.suggestedDepartmentId == null;
                deadlines.start(file, Stage.DISPATCH, now);
                yield null;
            }
            case SUPERVISE -> {
                file.supervised = true;
                yield null;
            }
            case ESCALATE -> {
                CaseLevel before = file.level;
                file.level = before.above().orElseThrow();
                file.escalationCount++;
                events.add(new CaseEvents.CaseEscalated(file.id, file.caseNo, before, file.level, false, now));
                yield "level=" + before + "→" + file.level;
            }
            case SELF_FIX -> {
                file.selfFixed = true;
                file.handledAt = now;
                file.closedAt = now;
                deadlines.stop(file);
                yield null;
            }
        };
    }

    private String register(CaseFile file, CaseCommand command, Context context, Instant now) {
        if (command.categoryCode() != null) {
            Subclass subclass = context.activeSubclass(command.categoryCode()).orElseThrow(() ->
                    ProblemException.BadRequest.field("categoryCode", "unknown category '" + command.categoryCode() + "'"));
            file.categoryCode = subclass.code();
            file.kind = subclass.kind();
        } else if (context.activeSubclass(file.categoryCode).isEmpty()) {
            throw ProblemException.BadRequest.field("categoryCode",
                    "the reported category '" + file.categoryCode + "' is not in the catalog: give one");
        }
        if (command.urgency() != null) {
            file.urgency = command.urgency();
        }
        file.registeredAt = now;
        routeAndQueue(file, context);
        deadlines.start(file, Stage.DISPATCH, now);
        return "category=" + file.categoryCode + "; urgency=" + file.urgency
                + (file.manualQueue ? "; manual queue: no responsible department found" :
                "; suggested=" + file.suggestedDepartmentId + " (" + file.routingReason + ")");
    }

    /** Asks the matrix for the responsible department; none found puts the case in the manual queue. */
    static void routeAndQueue(CaseFile file, Context context) {
        Optional<Routing.RoutingDecision> decision = file.location == null ? Optional.empty() : context.route(file);
        file.suggestedDepartmentId = decision.map(Routing.RoutingDecision::departmentId).orElse(null);
        file.routingReason = decision.map(Routing.RoutingDecision::reason)
                .orElse(file.location == null ? "location outside every unit grid" : "no matrix entry");
        file.manualQueue = decision.isEmpty();
    }

    private String dispatch(CaseFile file, CaseCommand command, Context context, Instant now) {
        long lead = command.departmentId() != null ? command.departmentId() : file.suggestedDepartmentId;
        List<ProblemException.FieldError> errors = new ArrayList<>();
        if (!context.departmentExists(lead)) {
            errors.add(new ProblemException.FieldError("departmentId", "no active department " + lead));
        }
        for (int i = 0; i < command.assistDepartmentIds().size(); i++) {
            long assist = command.assistDepartmentIds().get(i);
            if (assist == lead) {
                errors.add(new ProblemException.FieldError("assistDepartmentIds[" + i + "]",
                        "the lead department cannot also assist"));
            } else if (!context.departmentExists(assist)) {
                errors.add(new ProblemException.FieldError("assistDepartmentIds[" + i + "]", "no active department " + assist));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest("DISPATCH refused: " + errors.get(0).message(), errors);
        }
        file.leadDepartmentId = lead;
        file.assistDepartmentIds.clear();
        file.assistDepartmentIds.addAll(command.assistDepartmentIds());
        file.assistFedBack.clear();
        file.manualQueue = false;
        file.dispatchedAt = now;
        if (file.firstDepartmentId == null) {
            file.firstDepartmentId = lead;
            file.firstDispatchedAt = now;
        }
        startHandling(file, context, now);
        return "department=" + lead + (file.assistDepartmentIds.isEmpty() ? "" : "; assist=" + file.assistDepartmentIds)
                + "; dueAt=" + file.dueAt;
    }

    private void startHandling(CaseFile file, Context context, Instant now) {
        Subclass subclass = context.subclass(file.categoryCode).orElseThrow(() -> new ProblemException.Conflict(
                "case " + file.caseNo + " has category " + file.categoryCode + ", which the catalog no longer has"));
        Urgency urgency = file.urgency == null ? Urgency.NORMAL : file.urgency;
        deadlines.start(file, Stage.HANDLE, subclass.handlingLimit(urgency), now);
    }

    /** Returns the actions the actor could take on the case now (state, role and guards all pass). */
    List<CaseAction> available(CaseFile file, Actor actor) {
        List<CaseAction> actions = new ArrayList<>();
        for (CaseAction action : table.actionsFrom(file.state)) {
            TransitionTable.Rule rule = table.rule(action);
            if (actor.role() != Role.ADMIN && !rule.roles().contains(actor.role())) {
                continue;
            }
            CaseCommand probe = new CaseCommand(action, "probe", null, null,
                    TimeLimit.workingHours(1), file.categoryCode, null, null, null, null);
            boolean allowed = rule.guards().stream()
                    .map(g -> g.refuse(file, probe, actor))
                    .allMatch(r -> r.isEmpty() || r.get().kind() == TransitionTable.Refusal.Kind.INPUT);
            if (allowed) {
                actions.add(action);
            }
        }
        return actions;
    }
}
