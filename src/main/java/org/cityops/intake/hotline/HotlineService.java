package org.cityops.intake.hotline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.cityops.cases.CaseIntake;
import org.cityops.cases.CaseOutcomes;
import org.cityops.cases.CaseOutcomes.CaseOutcome;
import org.cityops.cases.NewReport;
import org.cityops.intake.hotline.WorkOrderRules.Callback;
import org.cityops.intake.hotline.WorkOrderRules.NewWorkOrder;
import org.cityops.intake.hotline.WorkOrderRules.Transfer;
import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Takes 12345 calls in as work orders, answers or transfers them, records callbacks and computes the figures. */
@Service
class HotlineService {

    /** The sourceType of cases transferred from the hotline. */
    static final String SOURCE_TYPE = "HOTLINE";

    private static final Logger log = LoggerFactory.getLogger(HotlineService.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final WorkOrderRepository orders;
    private final CaseIntake intake;
    private final CaseOutcomes outcomes;
    private final Clock clock;
    private final HotlineSettings settings;

    HotlineService(WorkOrderRepository orders, CaseIntake intake, CaseOutcomes outcomes, Clock clock,
                   HotlineSettings settings) {
        this.orders = orders;
        this.intake = intake;
        this.outcomes = outcomes;
        this.clock = clock;
        this.settings = settings;
    }

    /** Records a call as a new work order received now by the actor; returns it. */
    @Transactional
    WorkOrder receive(NewWorkOrder call, Actor operator) {
        WorkOrderRules.requireOperator(operator);
        String phone = WorkOrderRules.validate(call);
        Instant now = clock.instant();
        WorkOrder o = new WorkOrder();
        o.id = orders.nextId();
        o.orderNo = settings.orderNoPrefix() + LocalDate.ofInstant(now, BEIJING).format(DAY) + String.format("%08d", o.id);
        o.status = WorkOrderStatus.RECEIVED;
        o.callerName = trimmed(call.callerName());
        o.callerPhone = phone;
        o.address = trimmed(call.address());
        o.content = call.content().trim();
        o.requestType = call.requestType();
        o.channel = call.channel();
        o.operator = operator.username();
        o.operatorRole = operator.role().name();
        o.receivedAt = now;
        orders.insert(o);
        log.info("work order {} received by {} via {} from caller {}", o.orderNo, o.operator, o.channel,
                PhoneNumbers.mask(o.callerPhone));
        return o;
    }

    /** Returns the work order if the actor may read work orders. */
    @Transactional(readOnly = true)
    WorkOrder get(long id, Actor actor) {
        WorkOrderRules.requireReader(actor);
        return find(id);
    }

    /** Returns one page of work orders (limit + 1 rows, so the caller can tell whether more follow). */
    @Transactional(readOnly = true)
    List<WorkOrder> list(WorkOrderRepository.Filter filter, int limit, Actor actor) {
        WorkOrderRules.requireReader(actor);
        return orders.list(filter, limit);
    }

    /** Closes the work order at intake with the operator's answer (直接办结). */
    @Transactional
    WorkOrder answer(long id, String answer, Actor operator) {
        WorkOrderRules.requireOperator(operator);
        WorkOrder o = find(id);
        WorkOrderStatus read = o.status;
        WorkOrderRules.answer(o, answer, operator, clock.instant());
        orders.update(o, read);
        log.info("work order {} answered directly by {}", o.orderNo, operator.username());
        return o;
    }

    /**
     * Transfers (转办) the work order into a new case through the case entry, in one transaction:
     * a refused case leaves the work order as it was.
     */
    @Transactional
    WorkOrder transfer(long id, Transfer transfer, Actor operator) {
        WorkOrderRules.requireOperator(operator);
        WorkOrder o = find(id);
        WorkOrderStatus read = o.status;
        WorkOrderRules.checkTransfer(o, transfer);
        CaseIntake.ReportedCase reported = intake.report(new NewReport(SOURCE_TYPE, o.orderNo, o.callerName,
                o.callerPhone, transfer.longitude(), transfer.latitude(),
                transfer.address() != null ? transfer.address() : o.address, transfer.categoryCode().trim(),
                transfer.urgency(), transfer.description() != null && !transfer.description().isBlank()
                        ? transfer.description() : o.content, List.of(), false), operator);
        WorkOrderRules.transferred(o, reported.id(), reported.caseNo(), operator, clock.instant());
        orders.update(o, read);
        log.info("work order {} transferred by {} into case {}", o.orderNo, operator.username(), reported.caseNo());
        return o;
    }

    /** Records the callback (回访) after the linked case closed. */
    @Transactional
    WorkOrder callback(long id, Callback callback, Actor operator) {
        WorkOrderRules.requireOperator(operator);
        WorkOrder o = find(id);
        WorkOrderStatus read = o.status;
        boolean caseClosed = o.caseId != null && outcomes.outcomes(List.of(o.caseId)).values().stream()
                .anyMatch(CaseOutcome::closed);
        WorkOrderRules.callback(o, callback, caseClosed, operator, clock.instant());
        orders.update(o, read);
        log.info("work order {} called back by {}: {}", o.orderNo, operator.username(), o.satisfaction);
        return o;
    }

    /** Points the work order with the number from the case its report left to the case it joined. */
    @Transactional
    void caseMoved(String orderNo, long fromCaseId, long toCaseId) {
        orders.caseMoved(orderNo, fromCaseId, toCaseId);
    }

    /** Marks the work orders transferred into the closed case as due for callback. */
    @Transactional
    int caseClosed(long caseId, Instant closedAt) {
        return orders.caseClosed(caseId, closedAt);
    }

    /** Returns the hotline figures over the work orders received in [from, to). */
    @Transactional(readOnly = true)
    HotlineFigures figures(Instant from, Instant to, Actor actor) {
        WorkOrderRules.requireReader(actor);
        Instant now = clock.instant();
        Instant end = to != null ? to : now;
        Instant start = from != null ? from : end.minus(Duration.ofDays(30));
        if (!start.isBefore(end)) {
            throw ProblemException.BadRequest.field("from", "must be before to (" + end + "), was " + start);
        }
        if (start.plus(settings.figuresPeriodMax()).isBefore(end)) {
            throw ProblemException.BadRequest.field("to", "the period may be at most "
                    + settings.figuresPeriodMax().toDays() + " days long");
        }
        List<WorkOrderRepository.FigureSource> sources = orders.figureSources(start, end);
        Map<Long, CaseOutcome> byCase = outcomes.outcomes(sources.stream().map(WorkOrderRepository.FigureSource::caseId)
                .filter(Objects::nonNull).toList());
        List<HotlineFigures.Row> rows = sources.stream().map(s -> new HotlineFigures.Row(s.status(), s.satisfaction(),
                s.resolved(), s.caseId() == null ? null : byCase.get(s.caseId()))).toList();
        return HotlineFigures.of(start, end, rows, now);
    }

    int pageSizeMax() {
        return settings.pageSizeMax();
    }

    private WorkOrder find(long id) {
        return orders.find(id).orElseThrow(() -> new ProblemException.NotFound("no work order " + id));
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
