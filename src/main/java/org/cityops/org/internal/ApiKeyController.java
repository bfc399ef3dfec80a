package org.cityops.org.internal;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cityops.org.internal.ApiKeyRegistry.KeyDraft;
import org.cityops.org.internal.ApiKeyRegistry.KeyRecord;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** API keys of machine clients, administered by administrators only. */
@RestController
@RequestMapping("/api/v1/api-keys")
@Tag(name = "API keys", description = "Keys of machine clients (devices, departments' systems, Open311 apps)")
class ApiKeyController {

    private final ApiKeyRegistry keys;

    ApiKeyController(ApiKeyRegistry keys) {
        this.keys = keys;
    }

    record NewKey(String name, String integration, Role role, String regionCode, Long departmentId) {
    }

    /** A key as listed: never its secret nor its hash. */
    record KeyView(long id, String name, String integration, Role role, String roleName, String regionCode,
                   Long departmentId, String keyPrefix, boolean active, Instant createdAt, String createdBy,
                   Instant deactivatedAt, String deactivatedBy) {

        static KeyView of(KeyRecord k) {
            return new KeyView(k.id(), k.name(), k.integration(), k.role(), k.role().chineseName(), k.regionCode(),
                    k.departmentId(), k.keyPrefix(), k.active(), k.createdAt(), k.createdBy(), k.deactivatedAt(),
                    k.deactivatedBy());
        }
    }

    /** A newly issued key with its secret, returned once. */
    record IssuedKeyView(KeyView apiKey, String key) {
    }

    @PostMapping
    @Operation(summary = "Issue an API key acting with a role and scope (admin); the key is returned only in this response")
    ResponseEntity<IssuedKeyView> issue(Actor actor, @RequestBody NewKey body) {
        Access.requireAdmin(actor, "issue API keys");
        ApiKeyRegistry.IssuedKey issued = keys.issue(new KeyDraft(body.name(), body.integration(), body.role(),
                body.regionCode(), body.departmentId()), actor);
        return ResponseEntity.created(URI.create("/api/v1/api-keys/" + issued.record().id()))
                .body(new IssuedKeyView(KeyView.of(issued.record()), issued.key()));
    }

    @GetMapping
    @Operation(summary = "List API keys without their secrets (admin), optionally by active state")
    List<KeyView> list(Actor actor, @RequestParam(required = false) Boolean active) {
        Access.requireAdmin(actor, "list API keys");
        return keys.list(active).stream().map(KeyView::of).toList();
    }

    @PostMapping("/{id}/deactivate")
    @Operation(summary = "Deactivate an API key (admin); it is kept but no longer authenticates")
    KeyView deactivate(Actor actor, @PathVariable long id) {
        Access.requireAdmin(actor, "deactivate API keys");
        return KeyView.of(keys.deactivate(id, actor));
    }
}
