package org.cityops.intake.hotline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityops.catalog.Urgency;
import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.cityops.platform.ProblemException.FieldError;
import org.cityops.platform.Role;

/**
 * The work order's rules: who may take calls and see numbers, what a work order must contain,
 * and which decisions (answer, transfer, callback) each status allows. Plain Java.
 */
final class WorkOrderRules {

    /** Hotline operators (受理员): take calls, answer, transfer, call back, and see callers' numbers. */
    static final Set<Role> OPERATORS = EnumSet.of(Role.STREET_OPERATOR, Role.DISTRICT_DISPATCHER,
            Role.CITY_DISPATCHER, Role.ADMIN);
    /** Who may read work orders and figures: operators and leaders (leaders see numbers masked). */
    static final Set<Role> READERS = EnumSet.of(Role.STREET_OPERATOR, Role.DISTRICT_DISPATCHER,
            Role.CITY_DISPATCHER, Role.ADMIN, Role.LEADER);

    private WorkOrderRules() {
    }

    /** A call as the operator records it. */
    record NewWorkOrder(String callerName, String callerPhone, String address, String content,
                        RequestType requestType, Channel channel) {
    }

    /** The operator's transfer (转办) into a case: category and location are required. */
    record Transfer(String categoryCode, Double longitude, Double latitude, String address, Urgency urgency,
                    String description) {
    }

    /** The caller's answers at callback (回访). */
    record Callback(Satisfaction satisfaction, Boolean resolved, String comment) {
    }

    /** Refuses actors who do not take hotline calls. */
    static void requireOperator(Actor actor) {
        if (!OPERATORS.contains(actor.role())) {
            throw new ProblemException.Forbidden("a " + actor.role() + " does not take hotline calls; hotline operators are "
                    + OPERATORS);
        }
    }

    /** Refuses actors who may not read work orders. */
    static void requireReader(Actor actor) {
        if (!READERS.contains(actor.role())) {
            throw new ProblemException.Forbidden("a " + actor.role() + " does not read hotline work orders");
        }
    }

    /** Returns whether the actor sees callers' full numbers (on the single-record read only). */
    static boolean seesFullPhone(Actor actor) {
        return OPERATORS.contains(actor.role());
    }

    /** Returns the stored form of the caller's number, or refuses the call record naming every failing field. */
    static String validate(NewWorkOrder in) {
        List<FieldError> errors = new ArrayList<>();
        String phone = null;
        if (blank(in.callerPhone())) {
            errors.add(new FieldError("callerPhone", "is required"));
        } else {
            phone = PhoneNumbers.normalize(in.callerPhone()).orElse(null);
            if (phone == null) {
                errors.add(new FieldError("callerPhone", "is not a mobile number (1xxxxxxxxxx) or a landline with "
                        + "area code (0xx-xxxxxxxx)"));
            }
        }
        if (blank(in.content())) {
            errors.add(new FieldError("content", "is required"));
        }
        if (in.requestType() == null) {
            errors.add(new FieldError("requestType", "is required: one of " + List.of(RequestType.values())));
        }
        if (in.channel() == null) {
            errors.add(new FieldError("channel", "is required: one of " + List.of(Channel.values())));
        }
        longest(errors, "callerName", in.callerName(), 100);
        longest(errors, "address", in.address(), 500);
        longest(errors, "content", in.content(), 4000);
        refuse("Invalid work order", errors);
        return phone;
    }

    /** Records the operator's direct answer (直接办结); only a work order not yet decided can be answered. */
    static void answer(WorkOrder order, String answer, Actor actor, Instant now) {
        requireUndecided(order, "answer");
        List<FieldError> errors = new ArrayList<>();
        if (blank(answer)) {
            errors.add(new FieldError("answer", "is required"));
        }
        longest(errors, "answer", answer, 4000);
        refuse("Invalid answer", errors);
        order.status = WorkOrderStatus.ANSWERED;
        order.answer = answer.trim();
        order.answeredBy = actor.username();
        order.answeredAt = now;
    }

    /** Checks a transfer before the case is created; only a work order not yet decided can be transferred. */
    static void checkTransfer(WorkOrder order, Transfer transfer) {
        requireUndecided(order, "transfer");
        List<FieldError> errors = new ArrayList<>();
        if (blank(transfer.categoryCode())) {
            errors.add(new FieldError("categoryCode", "is required to transfer into a case"));
        }
        if (transfer.longitude() == null) {
            errors.add(new FieldError("longitude", "is required to transfer into a case"));
        } else if (!(transfer.longitude() >= -180 && transfer.longitude() <= 180)) {
            errors.add(new FieldError("longitude", "must be between -180 and 180, was " + transfer.longitude()));
        }
        if (transfer.latitude() == null) {
            errors.add(new FieldError("latitude", "is required to transfer into a case"));
        } else if (!(transfer.latitude() >= -90 && transfer.latitude() <= 90)) {
            errors.add(new FieldError("latitude", "must be between -90 and 90, was " + transfer.latitude()));
        }
        longest(errors, "address", transfer.address(), 500);
        longest(errors, "description", transfer.description(), 4000);
        refuse("Invalid transfer", errors);
    }

    /** Records that the work order now lives on as the case. */
    static void transferred(WorkOrder order, long caseId, String caseNo, Actor actor, Instant now) {
        order.status = WorkOrderStatus.TRANSFERRED;
        order.caseId = caseId;
        order.caseNo = caseNo;
        order.transferredBy = actor.username();
        order.transferredAt = now;
    }

    /**
     * Records the callback (回访). Allowed once the linked case is closed: when the work order is
     * due for callback, or still marked transferred while the case has in fact closed.
     */
    static void callback(WorkOrder order, Callback callback, boolean caseClosed, Actor actor, Instant now) {
        boolean due = order.status == WorkOrderStatus.CALLBACK_DUE
                || (order.status == WorkOrderStatus.TRANSFERRED && caseClosed);
        if (!due) {
            String why = switch (order.status) {
                case RECEIVED -> "has not been transferred into a case yet";
                case ANSWERED -> "was answered directly at intake and has no case to call back about";
                case TRANSFERRED -> "is waiting for its case " + order.caseNo + " to close";
                case CALLED_BACK -> "has already been called back";
                case CALLBACK_DUE -> "is due for callback";
            };
            throw new ProblemException.Conflict("work order " + order.orderNo + " " + why,
                    Map.of("status", order.status.name()));
        }
        List<FieldError> errors = new ArrayList<>();
        if (callback.satisfaction() == null) {
            errors.add(new FieldError("satisfaction", "is required: one of " + List.of(Satisfaction.values())));
        }
        if (callback.resolved() == null) {
            errors.add(new FieldError("resolved", "is required: true or false"));
        }
        longest(errors, "comment", callback.comment(), 2000);
        refuse("Invalid callback", errors);
        order.status = WorkOrderStatus.CALLED_BACK;
        order.satisfaction = callback.satisfaction();
        order.resolved = callback.resolved();
        order.callbackComment = callback.comment();
        order.calledBackBy = actor.username();
        order.calledBackAt = now;
    }

    private static void requireUndecided(WorkOrder order, String what) {
        if (order.status != WorkOrderStatus.RECEIVED) {
            throw new ProblemException.Conflict("cannot " + what + " work order " + order.orderNo + ": it is already "
                    + order.status, Map.of("status", order.status.name()));
        }
    }

    private static void refuse(String what, List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest(what + ": " + errors.get(0).field() + " " + errors.get(0).message(),
                    errors);
        }
    }

    private static void longest(List<FieldError> errors, String field, String text, int max) {
        if (text != null && text.length() > max) {
            errors.add(new FieldError(field, "is longer than " + max + " characters"));
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
