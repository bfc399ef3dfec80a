package org.cityops.intake.hotline;

import java.time.Instant;

/**
 * A work order as the API shows it; {@code callerPhone} is masked unless the reader calls back.
 *
 * @param callback the callback, null before it happened
 */
record WorkOrderView(long id, String orderNo, WorkOrderStatus status, String callerName, String callerPhone,
                     boolean callerPhoneMasked, String address, String content, RequestType requestType,
                     String requestTypeName, Channel channel, String operator, Instant receivedAt, String answer,
                     String answeredBy, Instant answeredAt, Long caseId, String caseNo, String transferredBy,
                     Instant transferredAt, Instant caseClosedAt, CallbackView callback) {

    /** The caller's verdict at callback. */
    record CallbackView(Satisfaction satisfaction, String satisfactionName, boolean resolved, String comment,
                        String calledBackBy, Instant calledBackAt) {
    }

    /** Returns the view of the work order, with the full number only when {@code fullPhone}. */
    static WorkOrderView of(WorkOrder o, boolean fullPhone) {
        CallbackView callback = o.calledBackAt == null ? null : new CallbackView(o.satisfaction,
                o.satisfaction.chineseName(), Boolean.TRUE.equals(o.resolved), o.callbackComment, o.calledBackBy,
                o.calledBackAt);
        return new WorkOrderView(o.id, o.orderNo, o.status, o.callerName,
                fullPhone ? o.callerPhone : PhoneNumbers.mask(o.callerPhone), !fullPhone, o.address, o.content,
                o.requestType, o.requestType.chineseName(), o.channel, o.operator, o.receivedAt, o.answer, o.answeredBy,
                o.answeredAt, o.caseId, o.caseNo, o.transferredBy, o.transferredAt, o.caseClosedAt, callback);
    }
}
