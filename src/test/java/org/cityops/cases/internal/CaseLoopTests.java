package org.cityops.cases.internal;

import org.cityops.cases.CaseCommand;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.cityops.cases.CaseAction;
import org.cityops.cases.CaseEvents;
import org.cityops.cases.CaseLevel;
import org.cityops.cases.CaseState;
import org.cityops.cases.SlaStatus;
import org.cityops.cases.Stage;
import org.cityops.catalog.CategoryKind;
import org.cityops.catalog.Subclass;
import org.cityops.catalog.TimeLimit;
import org.cityops.catalog.Urgency;
import org.cityops.geo.GridLocation;
import org.cityops.org.Routing;
import org.cityops.org.WorkingCalendar;
import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.cityops.platform.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CaseLoopTests {

    static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");
    static final long LEAD = 10;
    static final long ASSIST = 11;
    static final long OTHER = 12;
    static final GridLocation GRID = new GridLocation("31010400100101", "310104001001", "310104001", "310104", "310100");

    /** A round-the-clock calendar: working time equals elapsed time, a working day is 8 hours. */
    static final WorkingCalendar ALWAYS = new WorkingCalendar() {
        @Override public Instant plusWorkingMinutes(Instant start, long minutes) { return start.plus(Duration.ofMinutes(minutes)); }
        @Override public Instant plusWorkingDays(Instant start, int days) { return start.plus(Duration.ofHours(8L * days)); }
        @Override public Duration workingTimeBetween(Instant s, Instant e) { return e.isBefore(s) ? Duration.ZERO : Duration.between(s, e); }
    };

    Instant now = T0;
    Optional<Routing.RoutingDecision> routed = Optional.of(new Routing.RoutingDecision(LEAD, "matrix"));

    final Subclass garbage = new Subclass("E0101", "暴露垃圾", CategoryKind.EVENT, "E01", "市容环境", "有", "清", Map.of(
            Urgency.NORMAL, TimeLimit.workingHours(4), Urgency.URGENT, TimeLimit.workingHours(2),
            Urgency.CRITICAL, TimeLimit.calendarHours(1)));

    final CaseLoop.Context context = new CaseLoop.Context() {
        @Override public Instant now() { return now; }
        @Override public Optional<Routing.RoutingDecision> route(CaseFile file) { return routed; }
        @Override public boolean departmentExists(long id) { return id == LEAD || id == ASSIST || id == OTHER; }
        @Override public Optional<Subclass> subclass(String code) { return garbage.code().equals(code) ? Optional.of(garbage) : Optional.empty(); }
        @Override public Optional<Subclass> activeSubclass(String code) { return subclass(code); }
        @Override public Duration reopenWindow() { return Duration.ofDays(7); }
    };

    final Deadlines deadlines = new Deadlines(ALWAYS, Map.of(Stage.REGISTER, 30L, Stage.DISPATCH, 30L,
            Stage.VERIFY, 120L, Stage.CLOSE, 60L));
    final CaseLoop loop = new CaseLoop(new TransitionTable(), deadlines);

    static final Actor CITY = new Actor("city", Role.CITY_DISPATCHER, null, null);
    static final Actor DISTRICT = new Actor("district", Role.DISTRICT_DISPATCHER, "310104", null);
    static final Actor STREET = new Actor("street", Role.STREET_OPERATOR, "310104001", null);
    static final Actor HANDLER = new Actor("handler", Role.DEPARTMENT_HANDLER, null, LEAD);
    static final Actor ASSISTANT = new Actor("assistant", Role.DEPARTMENT_HANDLER, null, ASSIST);
    static final Actor STRANGER = new Actor("stranger", Role.DEPARTMENT_HANDLER, null, OTHER);
    static final Actor INSPECTOR = new Actor("inspector", Role.GRID_INSPECTOR, "310104001", null);
    static final Actor LEADER = new Actor("leader", Role.LEADER, null, null);

    CaseFile caseIn(CaseState state) {
        CaseFile f = new CaseFile();
        f.id = 1L;
        f.caseNo = "2026030200000001";
        f.state = state;
        f.level = CaseLevel.STREET;
        f.sourceType = "INSPECTOR";
        f.reportedBy = "inspector";
        f.reportedAt = T0;
        f.location = GRID;
        f.categoryCode = "E0101";
        f.kind = CategoryKind.EVENT;
        f.urgency = Urgency.NORMAL;
        f.suggestedDepartmentId = LEAD;
        f.leadDepartmentId = EnumSet.of(CaseState.DISPATCHED, CaseState.HANDLING, CaseState.DEFERRED, CaseState.HANDLED,
                CaseState.VERIFYING, CaseState.VERIFIED, CaseState.CLOSED).contains(state) ? LEAD : null;
        if (f.leadDepartmentId != null) {
            f.firstDepartmentId = LEAD;
            f.assistDepartmentIds.add(ASSIST);
        }
        if (state == CaseState.CLOSED) {
            f.closedAt = T0.minus(Duration.ofDays(1));
        }
        if (state == CaseState.DEFERRED) {
            f.pausedDueMinutes = 100L;
            f.pausedWarnMinutes = 50L;
        } else if (state.open()) {
            deadlines.start(f, Stage.HANDLE, TimeLimit.workingHours(4), T0);
        }
        return f;
    }

    CaseCommand command(CaseAction action) {
        return new CaseCommand(action, "说明", null, List.of(), TimeLimit.workingHours(2), null, null, null,
                List.of(), null);
    }

    /** An actor allowed to take the action on a case prepared by {@link #caseIn}. */
    static Actor allowedActor(CaseAction action) {
        return switch (action) {
            case REGISTER, REJECT, VOID, DISPATCH, APPROVE_EXTENSION, REFUSE_EXTENSION, DEFER, RESUME,
                 REQUEST_VERIFICATION, CLOSE, REOPEN, ESCALATE -> STREET;
            case ACCEPT, RETURN, REQUEST_EXTENSION, FEEDBACK -> HANDLER;
            case ASSIST_FEEDBACK -> ASSISTANT;
            case VERIFY_PASS, VERIFY_FAIL, SELF_FIX -> INSPECTOR;
            case SUPERVISE -> LEADER;
            case COMMENT -> CITY;
        };
    }

    static Stream<Arguments> legalTransitions() {
        TransitionTable table = new TransitionTable();
        List<Arguments> all = new ArrayList<>();
        for (CaseAction action : CaseAction.values()) {
            TransitionTable.Rule rule = table.rule(action);
            for (CaseState from : rule.from()) {
                all.add(Arguments.of(action, from, rule.to() == null ? from : rule.to()));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} from {1} leads to {2}")
    @MethodSource("legalTransitions")
    void everyLegalTransitionLeadsToItsState(CaseAction action, CaseState from, CaseState to) {
        CaseFile f = caseIn(from);
        if (action == CaseAction.APPROVE_EXTENSION || action == CaseAction.REFUSE_EXTENSION) {
            f.extensionRequested = TimeLimit.workingHours(2);
        }
        CaseLoop.Outcome outcome = loop.apply(f, command(action), allowedActor(action), context);
        assertThat(outcome.from()).isEqualTo(from);
        assertThat(outcome.to()).isEqualTo(to);
        assertThat(f.state).isEqualTo(to);
        assertThat(outcome.events().get(0)).isInstanceOf(CaseEvents.CaseTransitioned.class);
    }

    static Stream<Arguments> illegalTransitions() {
        TransitionTable table = new TransitionTable();
        List<Arguments> all = new ArrayList<>();
        for (CaseState state : CaseState.values()) {
            for (CaseAction action : CaseAction.values()) {
                if (!table.rule(action).from().contains(state)) {
                    all.add(Arguments.of(action, state));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} from {1} is refused with 409")
    @MethodSource("illegalTransitions")
    void anActionNotAllowedFromTheStateIsAConflict(CaseAction action, CaseState state) {
        CaseFile f = caseIn(state);
        assertThatThrownBy(() -> loop.apply(f, command(action), new Actor("admin", Role.ADMIN, null, null), context))
                .isInstanceOf(ProblemException.Conflict.class)
                .hasMessageContaining(state.name());
        assertThat(f.state).isEqualTo(state);
    }

    @Test
    void finalStatesAllowOnlyComments() {
        TransitionTable table = new TransitionTable();
        assertThat(table.actionsFrom(CaseState.VOID)).containsExactly(CaseAction.COMMENT);
        assertThat(table.actionsFrom(CaseState.NOT_REGISTERED)).containsExactly(CaseAction.COMMENT);
    }

    @Test
    void aHandlerCannotRegisterAndADispatcherCannotAccept() {
        assertThatThrownBy(() -> loop.apply(caseIn(CaseState.REPORTED), command(CaseAction.REGISTER), HANDLER, context))
                .isInstanceOf(ProblemException.Forbidden.class);
        assertThatThrownBy(() -> loop.apply(caseIn(CaseState.DISPATCHED), command(CaseAction.ACCEPT), CITY, context))
                .isInstanceOf(ProblemException.Forbidden.class);
    }

    @Test
    void aLeaderOnlySupervises() {
        for (CaseAction action : CaseAction.values()) {
            if (action == CaseAction.SUPERVISE || action == CaseAction.COMMENT) {
                continue;
            }
            CaseState from = new TransitionTable().rule(action).from().iterator().next();
            assertThatThrownBy(() -> loop.apply(caseIn(from), command(action), LEADER, context))
                    .as(action.name()).isInstanceOf(ProblemException.Forbidden.class);
        }
        CaseFile f = caseIn(CaseState.HANDLING);
        loop.apply(f, command(CaseAction.SUPERVISE), LEADER, context);
        assertThat(f.supervised).isTrue();
    }

    @Test
    void anotherDepartmentCannotFeedBackOrAccept() {
        assertThatThrownBy(() -> loop.apply(caseIn(CaseState.HANDLING), command(CaseAction.FEEDBACK), STRANGER, context))
                .isInstanceOf(ProblemException.Forbidden.class).hasMessageContaining("lead department");
        assertThatThrownBy(() -> loop.apply(caseIn(CaseState.DISPATCHED), command(CaseAction.ACCEPT), ASSISTANT, context))
                .isInstanceOf(ProblemException.Forbidden.class);
    }

    @Test
    void aStreetOperatorCannotActOnACaseEscalatedToTheDistrict() {
        CaseFile f = caseIn(CaseState.REGISTERED);
        loop.apply(f, command(CaseAction.ESCALATE), STREET, context);
        assertThat(f.level).isEqualTo(CaseLevel.DISTRICT);
        assertThatThrownBy(() -> loop.apply(f, command(CaseAction.DISPATCH), STREET, context))
                .isInstanceOf(ProblemException.Forbidden.class).hasMessageContaining("DISTRICT");
        loop.apply(f, command(CaseAction.ESCALATE), DISTRICT, context);
        assertThat(f.level).isEqualTo(CaseLevel.CITY);
        assertThatThrownBy(() -> loop.apply(f, command(CaseAction.DISPATCH), DISTRICT, context))
                .isInstanceOf(ProblemException.Forbidden.class);
        assertThatThrownBy(() -> loop.apply(f, command(CaseAction.ESCALATE), CITY, context))
                .isInstanceOf(ProblemException.Conflict.class).hasMessageContaining("city level");
        loop.apply(f, command(CaseAction.DISPATCH), CITY, context);
        assertThat(f.state).isEqualTo(CaseState.DISPATCHED);
    }

    @Test
    void rejectingWithoutAReasonNamesTheCommentField() {
        CaseFile f = caseIn(CaseState.REPORTED);
        CaseCommand noReason = new CaseCommand(CaseAction.REJECT, " ", null, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> loop.apply(f, noReason, STREET, context))
                .isInstanceOfSatisfying(ProblemException.BadRequest.class,
                        e -> assertThat(e.errors()).extracting(ProblemException.FieldError::field).containsExactly("comment"));
        assertThat(f.state).isEqualTo(CaseState.REPORTED);
    }

    @Test
    void registeringRoutesByTheMatrixAndStartsTheDispatchClock() {
        CaseFile f = caseIn(CaseState.REPORTED);
        f.suggestedDepartmentId = null;
        loop.apply(f, command(CaseAction.REGISTER), STREET, context);
        assertThat(f.suggestedDepartmentId).isEqualTo(LEAD);
        assertThat(f.manualQueue).isFalse();
        assertThat(f.stage).isEqualTo(Stage.DISPATCH);
        assertThat(f.dueAt).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        assertThat(f.warnAt).isEqualTo(T0.plus(Duration.ofMinutes(24)));
    }

    @Test
    void aCaseTheMatrixCannotPlaceGoesToTheManualQueueAndNeedsADepartment() {
        routed = Optional.empty();
        CaseFile f = caseIn(CaseState.REPORTED);
        f.suggestedDepartmentId = null;
        loop.apply(f, command(CaseAction.REGISTER), STREET, context);
        assertThat(f.manualQueue).isTrue();
        assertThatThrownBy(() -> loop.apply(f, command(CaseAction.DISPATCH), STREET, context))
                .isInstanceOfSatisfying(ProblemException.BadRequest.class,
                        e -> assertThat(e.errors()).extracting(ProblemException.FieldError::field).containsExactly("departmentId"));
        CaseCommand chosen = new CaseCommand(CaseAction.DISPATCH, null, OTHER, null, null, null, null, null, null, null);
        loop.apply(f, chosen, STREET, context);
        assertThat(f.leadDepartmentId).isEqualTo(OTHER);
        assertThat(f.manualQueue).isFalse();
    }

    @Test
    void registeringWithAnUnknownCategoryIsBadInput() {
        CaseFile f = caseIn(CaseState.REPORTED);
        CaseCommand unknown = new CaseCommand(CaseAction.REGISTER, null, null, null, null, "X9999", null, null, null, null);
        assertThatThrownBy(() -> loop.apply(f, unknown, STREET, context))
                .isInstanceOfSatisfying(ProblemException.BadRequest.class,
                        e -> assertThat(e.errors()).extracting(ProblemException.FieldError::field).containsExactly("categoryCode"));
    }

    @Test
    void dispatchingToAnUnknownDepartmentOrTheLeadAsAssistantIsRefused() {
        CaseFile f = caseIn(CaseState.REGISTERED);
        CaseCommand bad = new CaseCommand(CaseAction.DISPATCH, null, 99L, List.of(99L, ASSIST), null, null, null, null,
                null, null);
        assertThatThrownBy(() -> loop.apply(f, bad, STREET, context))
                .isInstanceOfSatisfying(ProblemException.BadRequest.class, e -> assertThat(e.errors())
                        .extracting(ProblemException.FieldError::field)
                        .containsExactly("departmentId", "assistDepartmentIds[0]"));
        assertThat(f.state).isEqualTo(CaseState.REGISTERED);
    }

    @Test
    void dispatchingStartsTheCategorysHandlingLimitForTheUrgency() {
        CaseFile f = caseIn(CaseState.REGISTERED);
        f.urgency = Urgency.URGENT;
        loop.apply(f, command(CaseAction.DISPATCH), STREET, context);
        assertThat(f.stage).isEqualTo(Stage.HANDLE);
        assertThat(f.dueAt).isEqualTo(T0.plus(Duration.ofHours(2)));
        assertThat(f.firstDepartmentId).isEqualTo(LEAD);
    }

    @Test
    void coHandlingAdvancesOnlyWhenTheLeadFeedsBack() {
        CaseFile f = caseIn(CaseState.REGISTERED);
        CaseCommand withAssist = new CaseCommand(CaseAction.DISPATCH, null, LEAD, List.of(ASSIST), null, null, null,
                null, null, null);
        loop.apply(f, withAssist, STREET, context);
        loop.apply(f, command(CaseAction.ACCEPT), HANDLER, context);
        loop.apply(f, command(CaseAction.ASSIST_FEEDBACK), ASSISTANT, context);
        assertThat(f.state).isEqualTo(CaseState.HANDLING);
        assertThat(f.assistFedBack).containsExactly(ASSIST);
        assertThatThrownBy(() -> loop.apply(f, command(CaseAction.ASSIST_FEEDBACK), ASSISTANT, context))
                .isInstanceOf(ProblemException.Conflict.class);
        assertThatThrownBy(() -> loop.apply(f, command(CaseAction.FEEDBACK), ASSISTANT, context))
                .isInstanceOf(ProblemException.Forbidden.class);
        loop.apply(f, command(CaseAction.FEEDBACK), HANDLER, context);
        assertThat(f.state).isEqualTo(CaseState.HANDLED);
    }

    @Test
    void aReturnedCaseLosesItsDepartmentAndIsRedispatched() {
        CaseFile f = caseIn(CaseState.DISPATCHED);
        loop.apply(f, command(CaseAction.RETURN), HANDLER, context);
        assertThat(f.state).isEqualTo(CaseState.RETURNED);
        assertThat(f.leadDepartmentId).isNull();
        assertThat(f.suggestedDepartmentId).as("the returning department is no longer suggested").isNull();
        assertThat(f.manualQueue).isTrue();
        assertThat(f.returnCount).isEqualTo(1);
        assertThat(f.stage).isEqualTo(Stage.DISPATCH);
        CaseCommand redispatch = new CaseCommand(CaseAction.DISPATCH, null, OTHER, null, null, null, null, null, null, null);
        loop.apply(f, redispatch, STREET, context);
        assertThat(f.leadDepartmentId).isEqualTo(OTHER);
        assertThat(f.firstDepartmentId).as("first dispatch is remembered for 准确派遣率").isEqualTo(LEAD);
    }

    @Test
    void failedVerificationSendsTheCaseBackForReworkWithAFreshLimit() {
        CaseFile f = caseIn(CaseState.VERIFYING);
        now = T0.plus(Duration.ofHours(10));
        loop.apply(f, command(CaseAction.VERIFY_FAIL), INSPECTOR, context);
        assertThat(f.state).isEqualTo(CaseState.HANDLING);
        assertThat(f.reworkCount).isEqualTo(1);
        assertThat(f.stage).isEqualTo(Stage.HANDLE);
        assertThat(f.dueAt).isEqualTo(now.plus(Duration.ofHours(4)));
    }

    @Test
    void anApprovedExtensionMovesTheDeadlineAndARefusedOneDoesNot() {
        CaseFile f = caseIn(CaseState.HANDLING);
        Instant due = f.dueAt;
        loop.apply(f, command(CaseAction.REQUEST_EXTENSION), HANDLER, context);
        assertThatThrownBy(() -> loop.apply(f, command(CaseAction.REQUEST_EXTENSION), HANDLER, context))
                .isInstanceOf(ProblemException.Conflict.class).hasMessageContaining("already pending");
        loop.apply(f, command(CaseAction.REFUSE_EXTENSION), STREET, context);
        assertThat(f.dueAt).isEqualTo(due);
        assertThat(f.extensionRequested).isNull();
        loop.apply(f, command(CaseAction.REQUEST_EXTENSION), HANDLER, context);
        loop.apply(f, command(CaseAction.APPROVE_EXTENSION), STREET, context);
        assertThat(f.dueAt).isEqualTo(due.plus(Duration.ofHours(2)));
    }

    @Test
    void theHandlingDeadlineIsKeptAfterTheCaseMovesOnAndFollowsExtensionAndRework() {
        CaseFile f = caseIn(CaseState.REGISTERED);
        loop.apply(f, command(CaseAction.DISPATCH), STREET, context);
        Instant firstDue = T0.plus(Duration.ofHours(4));
        assertThat(f.handleDueAt).isEqualTo(firstDue);
        loop.apply(f, command(CaseAction.ACCEPT), HANDLER, context);
        loop.apply(f, command(CaseAction.REQUEST_EXTENSION), HANDLER, context);
        loop.apply(f, command(CaseAction.APPROVE_EXTENSION), STREET, context);
        assertThat(f.handleDueAt).isEqualTo(firstDue.plus(Duration.ofHours(2)));
        now = T0.plus(Duration.ofHours(1));
        loop.apply(f, command(CaseAction.FEEDBACK), HANDLER, context);
        assertThat(f.stage).isEqualTo(Stage.VERIFY);
        assertThat(f.handleDueAt).as("kept after the stage ends").isEqualTo(firstDue.plus(Duration.ofHours(2)));
        loop.apply(f, command(CaseAction.REQUEST_VERIFICATION), STREET, context);
        now = T0.plus(Duration.ofHours(2));
        loop.apply(f, command(CaseAction.VERIFY_FAIL), INSPECTOR, context);
        assertThat(f.handleDueAt).as("rework starts a new handling limit").isEqualTo(now.plus(Duration.ofHours(4)));
    }

    @Test
    void deferringPausesTheClockAndResumingKeepsTheTimeLeft() {
        CaseFile f = caseIn(CaseState.HANDLING);
        now = T0.plus(Duration.ofHours(1));
        loop.apply(f, command(CaseAction.DEFER), STREET, context);
        assertThat(f.dueAt).isNull();
        assertThat(f.pausedDueMinutes).isEqualTo(180);
        now = T0.plus(Duration.ofDays(30));
        loop.apply(f, command(CaseAction.RESUME), STREET, context);
        assertThat(f.dueAt).isEqualTo(now.plus(Duration.ofMinutes(180)));
        assertThat(f.state).isEqualTo(CaseState.HANDLING);
    }

    @Test
    void aClosedCaseReopensOnlyWithinTheWindow() {
        CaseFile recent = caseIn(CaseState.CLOSED);
        loop.apply(recent, command(CaseAction.REOPEN), STREET, context);
        assertThat(recent.state).isEqualTo(CaseState.REGISTERED);
        assertThat(recent.suggestedDepartmentId).isEqualTo(LEAD);
        CaseFile old = caseIn(CaseState.CLOSED);
        old.closedAt = T0.minus(Duration.ofDays(8));
        assertThatThrownBy(() -> loop.apply(old, command(CaseAction.REOPEN), STREET, context))
                .isInstanceOf(ProblemException.Conflict.class).hasMessageContaining("no longer be reopened");
    }

    @Test
    void onlyTheReportingInspectorFixesOnTheSpot() {
        CaseFile f = caseIn(CaseState.REPORTED);
        Actor other = new Actor("other", Role.GRID_INSPECTOR, "310104001", null);
        assertThatThrownBy(() -> loop.apply(f, command(CaseAction.SELF_FIX), other, context))
                .isInstanceOf(ProblemException.Forbidden.class);
        CaseLoop.Outcome outcome = loop.apply(f, command(CaseAction.SELF_FIX), INSPECTOR, context);
        assertThat(f.state).isEqualTo(CaseState.CLOSED);
        assertThat(f.selfFixed).isTrue();
        assertThat(outcome.events()).hasAtLeastOneElementOfType(CaseEvents.CaseClosed.class);
    }

    @Test
    void aStaleVersionIsAConflictNamingTheCurrentOne() {
        CaseFile f = caseIn(CaseState.REPORTED);
        f.version = 3;
        CaseCommand stale = new CaseCommand(CaseAction.REGISTER, null, null, null, null, null, null, null, null, 2);
        assertThatThrownBy(() -> loop.apply(f, stale, STREET, context))
                .isInstanceOfSatisfying(ProblemException.Conflict.class,
                        e -> assertThat(e.properties()).containsEntry("currentVersion", 3));
    }

    @Test
    void theActionsOfferedMatchWhatTheActorMayDo() {
        assertThat(loop.available(caseIn(CaseState.DISPATCHED), HANDLER))
                .containsExactlyInAnyOrder(CaseAction.ACCEPT, CaseAction.RETURN, CaseAction.REQUEST_EXTENSION,
                        CaseAction.COMMENT);
        assertThat(loop.available(caseIn(CaseState.DISPATCHED), STRANGER)).containsExactly(CaseAction.COMMENT);
        assertThat(loop.available(caseIn(CaseState.REPORTED), LEADER))
                .containsExactlyInAnyOrder(CaseAction.SUPERVISE, CaseAction.COMMENT);
    }

    @Test
    void scopeFollowsRegionAndDepartment() {
        CaseFile f = caseIn(CaseState.HANDLING);
        assertThat(CaseScope.sees(DISTRICT, f)).isTrue();
        assertThat(CaseScope.sees(new Actor("d2", Role.DISTRICT_DISPATCHER, "310105", null), f)).isFalse();
        assertThat(CaseScope.sees(HANDLER, f)).isTrue();
        assertThat(CaseScope.sees(ASSISTANT, f)).isTrue();
        assertThat(CaseScope.sees(STRANGER, f)).isFalse();
        f.location = null;
        assertThat(CaseScope.sees(DISTRICT, f)).as("a case outside every grid is for the city level").isFalse();
        assertThat(CaseScope.sees(CITY, f)).isTrue();
    }

    @Test
    void anyOpenStateHasSomeWayForward() {
        TransitionTable table = new TransitionTable();
        for (CaseState s : CaseState.values()) {
            if (s.open()) {
                Set<CaseAction> actions = table.actionsFrom(s);
                actions.remove(CaseAction.COMMENT);
                actions.remove(CaseAction.SUPERVISE);
                actions.remove(CaseAction.ESCALATE);
                assertThat(actions).as(s.name()).isNotEmpty();
            }
        }
        assertThat(SlaStatus.values()).hasSize(3);
    }
}
