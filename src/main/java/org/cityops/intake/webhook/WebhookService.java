package org.cityops.intake.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.cityops.cases.CaseIntake;
import org.cityops.cases.NewReport;
import org.cityops.catalog.Urgency;
import org.cityops.org.ApiClient;
import org.cityops.org.ApiKeys;
import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.cityops.platform.ProblemException.FieldError;
import org.cityops.platform.Role;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns signed events from other systems into cases through the case loop's one entry, once per
 * idempotency key, and keeps the register of webhook sources.
 */
@Service
class WebhookService {

    static final String SOURCE_TYPE = "WEBHOOK";

    /** The answer to a delivery: the case and whether it was a replay of an earlier one. */
    record Delivery(long eventId, long caseId, String caseNo, String state, boolean replayed) {
    }

    /** A source as shown to admins; the secret only in the answer to its creation. */
    record SourceView(long id, String code, String name, boolean active, String createdBy, Instant createdAt,
                      String secret) {
    }

    private final WebhookRepository repository;
    private final ApiKeys keys;
    private final CaseIntake intake;
    private final Clock clock;

    WebhookService(WebhookRepository repository, ApiKeys keys, CaseIntake intake, Clock clock) {
        this.repository = repository;
        this.keys = keys;
        this.intake = intake;
        this.clock = clock;
    }

    /**
     * Authenticates and verifies a delivery and returns the case it created. A replay (same
     * idempotency key and body) returns the first answer; the same key with another body is a 409.
     * A refused delivery leaves nothing behind: event and case share one transaction.
     */
    @Transactional
    Delivery receive(String sourceCode, String apiKey, String signature, String idempotencyHeader, byte[] body) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new ProblemException.Forbidden("X-Api-Key: header is required");
        }
        ApiClient client = keys.authenticate(apiKey.strip())
                .orElseThrow(() -> new ProblemException.Forbidden("X-Api-Key: unknown or deactivated key"));
        WebhookRepository.Source source = repository.source(sourceCode).filter(WebhookRepository.Source::active)
                .orElseThrow(() -> new ProblemException.NotFound("No active webhook source '" + sourceCode + "'"));
        if (signature == null || signature.isBlank()) {
            throw new ProblemException.Forbidden("X-Signature: header is required (sha256=<hex HMAC of the body>)");
        }
        if (!WebhookSignature.verify(source.secret(), body, signature)) {
            throw new ProblemException.Forbidden("X-Signature: does not match the body signed with the source's secret");
        }
        String idempotencyKey = WebhookRules.idempotencyKey(idempotencyHeader);
        String sha = WebhookSignature.sha256(body);
        Optional<WebhookRepository.Received> earlier = repository.received(source.id(), idempotencyKey);
        if (earlier.isPresent()) {
            return replay(earlier.get(), sha, idempotencyKey);
        }
        WebhookEvent event = WebhookRules.parse(body);
        long eventId;
        try {
            eventId = repository.insertEvent(source.id(), idempotencyKey, sha, event, client.keyId(), clock.instant());
        } catch (DuplicateKeyException e) {
            throw new ProblemException.Conflict("Idempotency-Key '" + idempotencyKey
                    + "' is being processed by a concurrent delivery; retry to get its result");
        }
        String sourceRef = source.code() + ":" + (event.externalId() != null ? event.externalId() : idempotencyKey);
        NewReport report = new NewReport(SOURCE_TYPE, truncate(sourceRef, 128), source.name(), null,
                event.longitude(), event.latitude(), event.address(), event.categoryCode(), Urgency.NORMAL,
                WebhookRules.description(event, source.name()), event.mediaRefs(), false);
        CaseIntake.ReportedCase reported;
        try {
            reported = intake.report(report, client.actor());
        } catch (ProblemException.BadRequest e) {
            throw new ProblemException.BadRequest(e.getMessage(), e.errors().stream()
                    .map(f -> new FieldError(payloadField(f.field()), f.message())).toList());
        }
        repository.caseCreated(eventId, reported.id(), reported.caseNo(), reported.state().name());
        return new Delivery(eventId, reported.id(), reported.caseNo(), reported.state().name(), false);
    }

    /** Registers a sender and returns it with its new secret, which is shown this once. */
    @Transactional
    SourceView create(String code, String name, Actor actor) {
        requireAdmin(actor);
        WebhookRules.checkSourceCode(code);
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ProblemException.BadRequest.field("name", "is required, at most 200 characters");
        }
        if (repository.codeTaken(code)) {
            throw new ProblemException.Conflict("A webhook source with code '" + code + "' exists");
        }
        String secret = WebhookSignature.newSecret();
        long id = repository.insertSource(code, name.strip(), secret, actor.username(), clock.instant());
        WebhookRepository.Source s = repository.source(id).orElseThrow();
        return new SourceView(s.id(), s.code(), s.name(), s.active(), s.createdBy(), s.createdAt(), secret);
    }

    /** Returns every source, without secrets. */
    List<SourceView> sources(Actor actor) {
        requireAdmin(actor);
        return repository.sources().stream().map(WebhookService::view).toList();
    }

    /** Deactivates a source so that its deliveries are refused, and returns it. */
    @Transactional
    SourceView deactivate(long id, Actor actor) {
        requireAdmin(actor);
        repository.source(id).orElseThrow(() -> new ProblemException.NotFound("No webhook source " + id));
        repository.deactivate(id);
        return view(repository.source(id).orElseThrow());
    }

    private Delivery replay(WebhookRepository.Received earlier, String sha, String idempotencyKey) {
        if (!earlier.bodySha256().equals(sha)) {
            throw new ProblemException.Conflict("Idempotency-Key '" + idempotencyKey
                    + "' was already used with a different body");
        }
        return new Delivery(earlier.id(), earlier.caseId(), earlier.caseNo(), earlier.caseState(), true);
    }

    private static void requireAdmin(Actor actor) {
        if (actor.role() != Role.ADMIN) {
            throw new ProblemException.Forbidden("Only an admin manages webhook sources");
        }
    }

    private static SourceView view(WebhookRepository.Source s) {
        return new SourceView(s.id(), s.code(), s.name(), s.active(), s.createdBy(), s.createdAt(), null);
    }

    /** Maps the case entry's field names back to the webhook payload's. */
    private static String payloadField(String field) {
        return switch (field) {
            case "attachments" -> "mediaRefs";
            case "sourceRef" -> "externalId";
            default -> field;
        };
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
