package org.cityops.intake.hotline;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.cityops.intake.hotline.WorkOrderRules.Callback;
import org.cityops.intake.hotline.WorkOrderRules.NewWorkOrder;
import org.cityops.intake.hotline.WorkOrderRules.Transfer;
import org.cityops.platform.Actor;
import org.cityops.platform.Cursors;
import org.cityops.platform.ProblemException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The 12345 hotline: work orders (工单), their answer or transfer, the callback, and the figures. */
@RestController
@RequestMapping("/api/v1/hotline")
@Tag(name = "Hotline (12345 热线)", description = "Work orders: take calls, answer or transfer them, call back, figures")
class HotlineController {

    private final HotlineService hotline;

    HotlineController(HotlineService hotline) {
        this.hotline = hotline;
    }

    /** The operator's direct answer. */
    record AnswerRequest(String answer) {
    }

    /** One page of work orders (numbers masked) and the cursor of the next page (null on the last). */
    record WorkOrderPage(List<WorkOrderView> items, String nextCursor) {
    }

    @PostMapping("/work-orders")
    @Operation(summary = "Record a call as a work order (受理); hotline operators and admins")
    ResponseEntity<WorkOrderView> receive(@RequestBody NewWorkOrder call, Actor actor) {
        WorkOrder o = hotline.receive(call, actor);
        return ResponseEntity.created(URI.create("/api/v1/hotline/work-orders/" + o.id))
                .body(WorkOrderView.of(o, WorkOrderRules.seesFullPhone(actor)));
    }

    @GetMapping("/work-orders/{id}")
    @Operation(summary = "Read one work order; the caller's full number only for hotline operators and admins")
    WorkOrderView get(@PathVariable long id, Actor actor) {
        return WorkOrderView.of(hotline.get(id, actor), WorkOrderRules.seesFullPhone(actor));
    }

    @GetMapping("/work-orders")
    @Operation(summary = "List work orders newest first, with filters and cursor pagination; numbers always masked")
    WorkOrderPage list(@RequestParam(required = false) List<WorkOrderStatus> status,
                       @RequestParam(required = false) RequestType requestType,
                       @RequestParam(required = false) Channel channel,
                       @RequestParam(required = false) String operator,
                       @RequestParam(required = false) Long caseId,
                       @RequestParam(required = false) Instant from,
                       @RequestParam(required = false) Instant to,
                       @RequestParam(defaultValue = "50") int limit,
                       @RequestParam(required = false) String cursor,
                       Actor actor) {
        Cursors.checkLimit(limit, hotline.pageSizeMax());
        Long before = Cursors.before(cursor);
        List<WorkOrder> page = hotline.list(new WorkOrderRepository.Filter(status, requestType, channel, operator, caseId,
                from, to, before), limit + 1, actor);
        boolean more = page.size() > limit;
        List<WorkOrder> items = more ? page.subList(0, limit) : page;
        return new WorkOrderPage(items.stream().map(o -> WorkOrderView.of(o, false)).toList(),
                more ? String.valueOf(items.get(limit - 1).id) : null);
    }

    @PostMapping("/work-orders/{id}/answer")
    @Operation(summary = "Answer the work order directly and close it at intake (直接办结)")
    WorkOrderView answer(@PathVariable long id, @RequestBody AnswerRequest body, Actor actor) {
        return WorkOrderView.of(hotline.answer(id, body.answer(), actor), WorkOrderRules.seesFullPhone(actor));
    }

    @PostMapping("/work-orders/{id}/transfer")
    @Operation(summary = "Transfer the work order (转办) into a new case with category and location")
    WorkOrderView transfer(@PathVariable long id, @RequestBody Transfer body, Actor actor) {
        return WorkOrderView.of(hotline.transfer(id, body, actor), WorkOrderRules.seesFullPhone(actor));
    }

    @PostMapping("/work-orders/{id}/callback")
    @Operation(summary = "Record the callback (回访) after the case closed: satisfaction, resolved, comment")
    WorkOrderView callback(@PathVariable long id, @RequestBody Callback body, Actor actor) {
        return WorkOrderView.of(hotline.callback(id, body, actor), WorkOrderRules.seesFullPhone(actor));
    }

    @GetMapping("/figures")
    @Operation(summary = "Hotline figures over work orders received in [from, to): 按时办结率, 回复率, 解决率, 满意率")
    HotlineFigures figures(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                           Actor actor) {
        return hotline.figures(from, to, actor);
    }
}
