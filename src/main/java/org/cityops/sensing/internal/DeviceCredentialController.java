package org.cityops.sensing.internal;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.cityops.platform.Role;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Device credentials (API key, MQTT username and password per Thing or integration), administered by administrators. */
@RestController
@RequestMapping("/api/v1/sensors/credentials")
@Tag(name = "Device credentials", description = "API keys and MQTT logins of devices, each writing only to its own Things' datastreams")
class DeviceCredentialController {

    private final DeviceCredentials credentials;

    DeviceCredentialController(DeviceCredentials credentials) {
        this.credentials = credentials;
    }

    /** The request to issue a credential; {@code apiKey} defaults to true, {@code mqtt} to false. */
    record NewCredential(String name, String integration, List<Long> thingIds, Boolean apiKey, Boolean mqtt,
                         String mqttUsername) {
    }

    /** A credential as listed: never a secret nor its hash. */
    record CredentialView(long id, String name, String integration, List<Long> thingIds, String apiKeyPrefix,
                          String mqttUsername, boolean active, Instant createdAt, String createdBy,
                          Instant deactivatedAt, String deactivatedBy) {

        static CredentialView of(DeviceCredentials.CredentialRecord c) {
            return new CredentialView(c.id(), c.name(), c.integration(), c.thingIds(), c.apiKeyPrefix(),
                    c.mqttUsername(), c.active(), c.createdAt(), c.createdBy(), c.deactivatedAt(), c.deactivatedBy());
        }
    }

    /** A newly issued credential with its secrets, returned once. */
    record IssuedView(CredentialView credential, String apiKey, String mqttPassword) {
    }

    @PostMapping
    @Operation(summary = "Issue a device credential for Things (admin); its API key and MQTT password are returned only in this response")
    ResponseEntity<IssuedView> issue(Actor actor, @RequestBody NewCredential body) {
        requireAdmin(actor, "issue device credentials");
        DeviceCredentials.Issued issued = credentials.issue(new DeviceCredentialDraft(body.name(), body.integration(),
                body.thingIds(), body.apiKey() == null || body.apiKey(), Boolean.TRUE.equals(body.mqtt()),
                body.mqttUsername()), actor);
        return ResponseEntity.created(URI.create("/api/v1/sensors/credentials/" + issued.record().id()))
                .body(new IssuedView(CredentialView.of(issued.record()), issued.apiKey(), issued.mqttPassword()));
    }

    @GetMapping
    @Operation(summary = "List device credentials without their secrets (admin), optionally by active state")
    List<CredentialView> list(Actor actor, @RequestParam(required = false) Boolean active) {
        requireAdmin(actor, "list device credentials");
        return credentials.list(active).stream().map(CredentialView::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read one device credential without its secrets (admin)")
    CredentialView get(Actor actor, @PathVariable long id) {
        requireAdmin(actor, "read device credentials");
        return CredentialView.of(credentials.find(id).orElseThrow(() ->
                new ProblemException.NotFound("No device credential " + id)));
    }

    @PostMapping("/{id}/deactivate")
    @Operation(summary = "Deactivate a device credential (admin): kept, but no longer authenticating; its MQTT connections are closed")
    CredentialView deactivate(Actor actor, @PathVariable long id) {
        requireAdmin(actor, "deactivate device credentials");
        return CredentialView.of(credentials.deactivate(id, actor));
    }

    private static void requireAdmin(Actor actor, String what) {
        if (actor.role() != Role.ADMIN) {
            throw new ProblemException.Forbidden("Only an administrator may " + what);
        }
    }
}
