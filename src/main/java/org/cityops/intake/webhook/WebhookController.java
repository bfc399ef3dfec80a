package org.cityops.intake.webhook;

import java.net.URI;
import java.util.List;

import org.cityops.platform.Actor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Events from other systems (video AI, departments' systems) as cases, and the admin register of
 * the sources allowed to send them.
 */
@RestController
@Tag(name = "Intake webhooks", description = "Signed events from other systems become cases, once per idempotency key")
class WebhookController {

    private final WebhookService webhooks;

    WebhookController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    /** A new source's code and display name. */
    record NewSource(String code, String name) {
    }

    /**
     * Takes the body as raw bytes because the signature covers exactly what was sent; it is parsed
     * only after the signature is verified.
     */
    @PostMapping("/api/v1/intake/webhooks/{source}")
    @Operation(summary = "Deliver an event (X-Api-Key, X-Signature: sha256=<hex HMAC of the body>, Idempotency-Key): "
            + "201 with the new case, 200 with the same case on replay")
    ResponseEntity<WebhookService.Delivery> deliver(@PathVariable String source,
                                                    @RequestHeader(name = "X-Api-Key", required = false) String apiKey,
                                                    @RequestHeader(name = "X-Signature", required = false) String signature,
                                                    @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                                    @RequestBody(required = false) byte[] body) {
        WebhookService.Delivery d = webhooks.receive(source, apiKey, signature, idempotencyKey,
                body == null ? new byte[0] : body);
        return d.replayed() ? ResponseEntity.ok(d)
                : ResponseEntity.created(URI.create("/api/v1/cases/" + d.caseId())).body(d);
    }

    @PostMapping("/api/v1/intake/webhook-sources")
    @Operation(summary = "Register a webhook source; the answer holds its signing secret, shown only this once (admin)")
    ResponseEntity<WebhookService.SourceView> create(@RequestBody NewSource source, Actor actor) {
        WebhookService.SourceView created = webhooks.create(source.code(), source.name(), actor);
        return ResponseEntity.created(URI.create("/api/v1/intake/webhook-sources/" + created.id())).body(created);
    }

    @GetMapping("/api/v1/intake/webhook-sources")
    @Operation(summary = "List webhook sources without their secrets (admin)")
    List<WebhookService.SourceView> list(Actor actor) {
        return webhooks.sources(actor);
    }

    @PostMapping("/api/v1/intake/webhook-sources/{id}/deactivate")
    @Operation(summary = "Deactivate a webhook source: its deliveries are refused from now on (admin)")
    WebhookService.SourceView deactivate(@PathVariable long id, Actor actor) {
        return webhooks.deactivate(id, actor);
    }
}
