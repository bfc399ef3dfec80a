package org.cityops.intake.hotline;

import java.time.Instant;

/** One 12345 work order (工单) as stored: the call, the decision, the linked case and the callback. */
final class WorkOrder {
    long id;
    String orderNo;
    WorkOrderStatus status;
    String callerName;
    /** Full number: personal data, never logged or listed unmasked. */
    String callerPhone;
    String address;
    String content;
    RequestType requestType;
    Channel channel;
    String operator;
    String operatorRole;
    Instant receivedAt;
    String answer;
    String answeredBy;
    Instant answeredAt;
    Long caseId;
    String caseNo;
    String transferredBy;
    Instant transferredAt;
    Instant caseClosedAt;
    Satisfaction satisfaction;
    Boolean resolved;
    String callbackComment;
    String calledBackBy;
    Instant calledBackAt;
}
