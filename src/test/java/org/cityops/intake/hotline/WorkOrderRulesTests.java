package org.cityops.intake.hotline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.cityops.intake.hotline.WorkOrderRules.Callback;
import org.cityops.intake.hotline.WorkOrderRules.NewWorkOrder;
import org.cityops.intake.hotline.WorkOrderRules.Transfer;
import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.cityops.platform.Role;
import org.junit.jupiter.api.Test;

class WorkOrderRulesTests {

    static final Instant NOW = Instant.parse("2026-03-02T01:00:00Z");
    final Actor operator = new Actor("op", Role.CITY_DISPATCHER, null, null);

    static WorkOrder order(WorkOrderStatus status) {
        WorkOrder o = new WorkOrder();
        o.orderNo = "RX2026030200000001";
        o.status = status;
        o.caseNo = "2026030200000009";
        return o;
    }

    static String fields(Throwable e) {
        return String.join(",", ((ProblemException) e).errors().stream().map(ProblemException.FieldError::field).toList());
    }

    @Test
    void aCompleteCallIsAcceptedWithItsNumberNormalised() {
        String phone = WorkOrderRules.validate(new NewWorkOrder("李四", "138-1234-5678", "幸福路1号", "路灯不亮",
                RequestType.COMPLAINT, Channel.PHONE));
        assertThat(phone).isEqualTo("13812345678");
    }

    @Test
    void everyMissingFieldOfACallIsNamed() {
        assertThatThrownBy(() -> WorkOrderRules.validate(new NewWorkOrder(null, null, null, " ", null, null)))
                .isInstanceOf(ProblemException.BadRequest.class)
                .satisfies(e -> assertThat(fields(e)).isEqualTo("callerPhone,content,requestType,channel"));
    }

    @Test
    void aBadPhoneNumberIsNamed() {
        assertThatThrownBy(() -> WorkOrderRules.validate(new NewWorkOrder(null, "12345", null, "x",
                RequestType.HELP, Channel.WECHAT)))
                .satisfies(e -> assertThat(fields(e)).isEqualTo("callerPhone"));
    }

    @Test
    void onlyHotlineOperatorsAndAdminsTakeCallsAndSeeNumbers() {
        for (Role role : Role.values()) {
            boolean operates = role == Role.STREET_OPERATOR || role == Role.DISTRICT_DISPATCHER
                    || role == Role.CITY_DISPATCHER || role == Role.ADMIN;
            assertThat(WorkOrderRules.seesFullPhone(new Actor("x", role, null, role.departmentScoped() ? 1L : null)))
                    .as(role.name()).isEqualTo(operates);
        }
        assertThatThrownBy(() -> WorkOrderRules.requireOperator(new Actor("l", Role.LEADER, null, null)))
                .isInstanceOf(ProblemException.Forbidden.class);
        WorkOrderRules.requireReader(new Actor("l", Role.LEADER, null, null));
        assertThatThrownBy(() -> WorkOrderRules.requireReader(new Actor("i", Role.GRID_INSPECTOR, null, null)))
                .isInstanceOf(ProblemException.Forbidden.class);
    }

    @Test
    void anAnswerClosesAReceivedWorkOrderAtIntake() {
        WorkOrder o = order(WorkOrderStatus.RECEIVED);
        WorkOrderRules.answer(o, " 已告知办理流程 ", operator, NOW);
        assertThat(o.status).isEqualTo(WorkOrderStatus.ANSWERED);
        assertThat(o.answer).isEqualTo("已告知办理流程");
        assertThat(o.answeredBy).isEqualTo("op");
        assertThat(o.answeredAt).isEqualTo(NOW);
    }

    @Test
    void aDecidedWorkOrderCannotBeAnsweredOrTransferredAgain() {
        for (WorkOrderStatus status : new WorkOrderStatus[] {WorkOrderStatus.ANSWERED, WorkOrderStatus.TRANSFERRED,
                WorkOrderStatus.CALLBACK_DUE, WorkOrderStatus.CALLED_BACK}) {
            assertThatThrownBy(() -> WorkOrderRules.answer(order(status), "x", operator, NOW))
                    .as(status.name()).isInstanceOf(ProblemException.Conflict.class);
            assertThatThrownBy(() -> WorkOrderRules.checkTransfer(order(status),
                    new Transfer("E0101", 112.0, 22.0, null, null, null)))
                    .as(status.name()).isInstanceOf(ProblemException.Conflict.class);
        }
    }

    @Test
    void aBlankAnswerIsNamed() {
        assertThatThrownBy(() -> WorkOrderRules.answer(order(WorkOrderStatus.RECEIVED), "  ", operator, NOW))
                .satisfies(e -> assertThat(fields(e)).isEqualTo("answer"));
    }

    @Test
    void aTransferNeedsCategoryAndALocationInRange() {
        assertThatThrownBy(() -> WorkOrderRules.checkTransfer(order(WorkOrderStatus.RECEIVED),
                new Transfer(null, null, 95.0, null, null, null)))
                .satisfies(e -> assertThat(fields(e)).isEqualTo("categoryCode,longitude,latitude"));
        assertThatThrownBy(() -> WorkOrderRules.checkTransfer(order(WorkOrderStatus.RECEIVED),
                new Transfer("E0101", 181.0, 22.0, null, null, null)))
                .satisfies(e -> assertThat(fields(e)).isEqualTo("longitude"));
    }

    @Test
    void aCallbackWaitsForTheCaseToClose() {
        assertThatThrownBy(() -> WorkOrderRules.callback(order(WorkOrderStatus.TRANSFERRED),
                new Callback(Satisfaction.SATISFIED, true, null), false, operator, NOW))
                .isInstanceOf(ProblemException.Conflict.class).hasMessageContaining("waiting for its case");
        assertThatThrownBy(() -> WorkOrderRules.callback(order(WorkOrderStatus.ANSWERED),
                new Callback(Satisfaction.SATISFIED, true, null), true, operator, NOW))
                .isInstanceOf(ProblemException.Conflict.class).hasMessageContaining("answered directly");
        assertThatThrownBy(() -> WorkOrderRules.callback(order(WorkOrderStatus.CALLED_BACK),
                new Callback(Satisfaction.SATISFIED, true, null), true, operator, NOW))
                .isInstanceOf(ProblemException.Conflict.class).hasMessageContaining("already been called back");
    }

    @Test
    void aCallbackIsRecordedOnceTheCaseClosedEvenBeforeTheWorkOrderWasMarkedDue() {
        WorkOrder o = order(WorkOrderStatus.TRANSFERRED);
        WorkOrderRules.callback(o, new Callback(Satisfaction.BASICALLY_SATISFIED, false, "还有点味道"), true, operator, NOW);
        assertThat(o.status).isEqualTo(WorkOrderStatus.CALLED_BACK);
        assertThat(o.satisfaction).isEqualTo(Satisfaction.BASICALLY_SATISFIED);
        assertThat(o.resolved).isFalse();
        assertThat(o.calledBackAt).isEqualTo(NOW);
    }

    @Test
    void aCallbackNeedsSatisfactionAndResolved() {
        assertThatThrownBy(() -> WorkOrderRules.callback(order(WorkOrderStatus.CALLBACK_DUE),
                new Callback(null, null, null), true, operator, NOW))
                .satisfies(e -> assertThat(fields(e)).isEqualTo("satisfaction,resolved"));
    }
}
