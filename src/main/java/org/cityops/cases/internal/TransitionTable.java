package org.cityops.cases.internal;

import org.cityops.cases.CaseCommand;
import static org.cityops.cases.CaseState.*;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.cityops.cases.CaseAction;
import org.cityops.cases.CaseLevel;
import org.cityops.cases.CaseState;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;

/**
 * The case loop as a table: for each action, the states it may start from, the state it leads
 * to, the roles allowed to take it and the guards that must hold. Nothing else moves a case.
 */
final class TransitionTable {

    /** A guard returns why it refuses, or empty when the action may proceed. */
    @FunctionalInterface
    interface Guard {
        Optional<Refusal> refuse(CaseFile file, CaseCommand command, Actor actor);
    }

    /** Why a transition is refused, and whether the cause is the input, the caller or the case's state. */
    record Refusal(Kind kind, String reason, String field) {
        enum Kind { INPUT, FORBIDDEN, STATE }

        static Optional<Refusal> input(String field, String reason) {
            return Optional.of(new Refusal(Kind.INPUT, reason, field));
        }

        static Optional<Refusal> forbidden(String reason) {
            return Optional.of(new Refusal(Kind.FORBIDDEN, reason, null));
        }

        static Optional<Refusal> state(String reason) {
            return Optional.of(new Refusal(Kind.STATE, reason, null));
        }
    }

    /**
     * One row of the table.
     *
     * @param from   states the action may start from
     * @param to     the resulting state; {@code null} keeps the current state
     * @param roles  roles allowed to take the action (ADMIN may take any)
     * @param guards further conditions, checked in order
     */
    record Rule(Set<CaseState> from, CaseState to, Set<Role> roles, List<Guard> guards) {
    }

    static final Set<Role> INTAKE = EnumSet.of(Role.STREET_OPERATOR, Role.DISTRICT_DISPATCHER, Role.CITY_DISPATCHER);
    static final Set<Role> DISPATCHERS = EnumSet.of(Role.STREET_OPERATOR, Role.DISTRICT_DISPATCHER, Role.CITY_DISPATCHER);
    static final Set<Role> HANDLERS = EnumSet.of(Role.DEPARTMENT_HANDLER);
    static final Set<Role> VERIFIERS = EnumSet.of(Role.GRID_INSPECTOR, Role.STREET_OPERATOR, Role.DISTRICT_DISPATCHER,
            Role.CITY_DISPATCHER);
    static final Set<Role> SUPERVISORS = EnumSet.of(Role.LEADER, Role.CITY_DISPATCHER);
    static final Set<CaseState> OPEN_STATES = EnumSet.of(REPORTED, REGISTERED, DISPATCHED, RETURNED, HANDLING,
            DEFERRED, HANDLED, VERIFYING, VERIFIED);

    private static final Guard COMMENT_REQUIRED = (f, c, a) ->
            c.hasComment() ? Optional.empty() : Refusal.input("comment", "a reason (comment) is required");
    private static final Guard CATEGORY_REQUIRED = (f, c, a) ->
            (f.categoryCode != null || c.categoryCode() != null) ? Optional.empty()
                    : Refusal.input("categoryCode", "a case needs a category (categoryCode) to be registered");
    private static final Guard LEVEL_AUTHORITY = (f, c, a) -> levelAuthority(f, a);
    private static final Guard LEAD_DEPARTMENT = (f, c, a) ->
            a.role() == Role.ADMIN || (a.departmentId() != null && a.departmentId().equals(f.leadDepartmentId))
                    ? Optional.empty() : Refusal.forbidden("only the lead department can do this");
    private static final Guard ASSIST_DEPARTMENT = (f, c, a) ->
            a.departmentId() != null && f.assistDepartmentIds.contains(a.departmentId())
                    ? Optional.empty() : Refusal.forbidden("only an assisting department (协办) can do this");
    private static final Guard DEPARTMENT_GIVEN = (f, c, a) ->
            (c.departmentId() != null || f.suggestedDepartmentId != null) ? Optional.empty()
                    : Refusal.input("departmentId", "no departmentId given and the responsibility matrix suggests none: choose one");
    private static final Guard NO_PENDING_EXTENSION = (f, c, a) ->
            f.extensionRequested == null ? Optional.empty() : Refusal.state("an extension request is already pending");
    private static final Guard PENDING_EXTENSION = (f, c, a) ->
            f.extensionRequested != null ? Optional.empty() : Refusal.state("no extension request is pending");
    private static final Guard EXTENSION_GIVEN = (f, c, a) ->
            c.extension() != null ? Optional.empty() : Refusal.input("extension", "the extension (amount and unit) is required");
    private static final Guard NOT_AT_CITY = (f, c, a) ->
            f.level.above().isPresent() ? Optional.empty() : Refusal.state("the case is already at city level");
    private static final Guard REPORTER_ONLY = (f, c, a) ->
            a.role() == Role.ADMIN || a.username().equals(f.reportedBy)
                    ? Optional.empty() : Refusal.forbidden("only the inspector who reported it can fix it on the spot");

    private final Map<CaseAction, Rule> rules = new EnumMap<>(CaseAction.class);

    TransitionTable() {
        rule(CaseAction.REGISTER, Set.of(REPORTED), REGISTERED, INTAKE, LEVEL_AUTHORITY, CATEGORY_REQUIRED);
        rule(CaseAction.REJECT, Set.of(REPORTED), NOT_REGISTERED, INTAKE, LEVEL_AUTHORITY, COMMENT_REQUIRED);
        rule(CaseAction.VOID, Set.of(REPORTED, REGISTERED), VOID, INTAKE, LEVEL_AUTHORITY, COMMENT_REQUIRED);
        rule(CaseAction.DISPATCH, Set.of(REGISTERED, RETURNED), DISPATCHED, DISPATCHERS, LEVEL_AUTHORITY,
                DEPARTMENT_GIVEN);
        rule(CaseAction.ACCEPT, Set.of(DISPATCHED), HANDLING, HANDLERS, LEAD_DEPARTMENT);
        rule(CaseAction.RETURN, Set.of(DISPATCHED, HANDLING), RETURNED, HANDLERS, LEAD_DEPARTMENT, COMMENT_REQUIRED);
        rule(CaseAction.REQUEST_EXTENSION, Set.of(DISPATCHED, HANDLING), null, HANDLERS, LEAD_DEPARTMENT,
                NO_PENDING_EXTENSION, EXTENSION_GIVEN, COMMENT_REQUIRED);
        rule(CaseAction.APPROVE_EXTENSION, Set.of(DISPATCHED, HANDLING), null, DISPATCHERS, LEVEL_AUTHORITY,
                PENDING_EXTENSION);
        rule(CaseAction.REFUSE_EXTENSION, Set.of(DISPATCHED, HANDLING), null, DISPATCHERS, LEVEL_AUTHORITY,
                PENDING_EXTENSION, COMMENT_REQUIRED);
        rule(CaseAction.DEFER, Set.of(DISPATCHED, HANDLING), DEFERRED, DISPATCHERS, LEVEL_AUTHORITY, COMMENT_REQUIRED);
        rule(CaseAction.RESUME, Set.of(DEFERRED), HANDLING, DISPATCHERS, LEVEL_AUTHORITY);
        rule(CaseAction.ASSIST_FEEDBACK, Set.of(HANDLING), null, HANDLERS, ASSIST_DEPARTMENT);
        rule(CaseAction.FEEDBACK, Set.of(HANDLING), HANDLED, HANDLERS, LEAD_DEPARTMENT, COMMENT_REQUIRED);
        rule(CaseAction.REQUEST_VERIFICATION, Set.of(HANDLED), VERIFYING, DISPATCHERS, LEVEL_AUTHORITY);
        rule(CaseAction.VERIFY_PASS, Set.of(VERIFYING), VERIFIED, VERIFIERS, LEVEL_AUTHORITY);
        rule(CaseAction.VERIFY_FAIL, Set.of(VERIFYING), HANDLING, VERIFIERS, LEVEL_AUTHORITY, COMMENT_REQUIRED);
        rule(CaseAction.CLOSE, Set.of(VERIFIED), CLOSED, DISPATCHERS, LEVEL_AUTHORITY);
        rule(CaseAction.REOPEN, Set.of(CLOSED), REGISTERED, DISPATCHERS, LEVEL_AUTHORITY, COMMENT_REQUIRED);
        rule(CaseAction.SUPERVISE, OPEN_STATES, null, SUPERVISORS, COMMENT_REQUIRED);
        rule(CaseAction.ESCALATE, EnumSet.of(REPORTED, REGISTERED, DISPATCHED, RETURNED, HANDLING, DEFERRED, HANDLED,
                VERIFYING, VERIFIED), null, DISPATCHERS, LEVEL_AUTHORITY, NOT_AT_CITY, COMMENT_REQUIRED);
        rule(CaseAction.SELF_FIX, Set.of(REPORTED), CLOSED, EnumSet.of(Role.GRID_INSPECTOR), REPORTER_ONLY);
        rule(CaseAction.COMMENT, EnumSet.allOf(CaseState.class), null, EnumSet.allOf(Role.class), COMMENT_REQUIRED);
    }

    private void rule(CaseAction action, Set<CaseState> from, CaseState to, Set<Role> roles, Guard... guards) {
        rules.put(action, new Rule(Set.copyOf(from), to, Set.copyOf(roles), List.of(guards)));
    }

    /** Returns the row for the action; every action has one. */
    Rule rule(CaseAction action) {
        Rule rule = rules.get(action);
        if (rule == null) {
            throw new IllegalStateException("no transition rule for " + action);
        }
        return rule;
    }

    /** Returns the actions that may start from the state (ignoring roles and guards). */
    Set<CaseAction> actionsFrom(CaseState state) {
        Set<CaseAction> actions = EnumSet.noneOf(CaseAction.class);
        rules.forEach((action, rule) -> {
            if (rule.from().contains(state)) {
                actions.add(action);
            }
        });
        return actions;
    }

    /**
     * Returns why the actor's role and level do not reach the case, or empty when they do:
     * a street operator acts on street-level cases, a district dispatcher on street and district
     * level, a city dispatcher on all.
     */
    static Optional<Refusal> levelAuthority(CaseFile file, Actor actor) {
        CaseLevel level = file.level;
        boolean allowed = switch (actor.role()) {
            case ADMIN, CITY_DISPATCHER -> true;
            case DISTRICT_DISPATCHER -> level != CaseLevel.CITY;
            case STREET_OPERATOR -> level == CaseLevel.STREET;
            case GRID_INSPECTOR -> true;
            case DEPARTMENT_HANDLER, LEADER -> false;
        };
        return allowed ? Optional.empty()
                : Refusal.forbidden("the case is coordinated at " + level + " level, above a " + actor.role());
    }
}
