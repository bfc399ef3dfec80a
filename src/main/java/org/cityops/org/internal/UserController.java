package org.cityops.org.internal;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.cityops.org.internal.UserAccounts.UserDraft;
import org.cityops.org.internal.UserAccounts.UserRecord;
import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.cityops.platform.Role;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users: administrators change them; others read the users within their own scope. Responses
 * never carry password hashes.
 */
@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Users", description = "Users with role, region scope or department, and position")
class UserController {

    private final UserAccounts users;

    UserController(UserAccounts users) {
        this.users = users;
    }

    record NewUser(String username, String password, String displayName, Role role, String regionCode,
                   Long departmentId, Long positionId, String phone) {
    }

    record UserChange(@NotNull Long version, String displayName, Role role, String regionCode, Long departmentId,
                      Long positionId, String phone, Boolean active) {
    }

    /** A user as the API shows it: everything but the password hash. */
    record UserView(long id, String username, String displayName, Role role, String roleName, String regionCode,
                    Long departmentId, Long positionId, String phone, boolean active, long version) {

        static UserView of(UserRecord u) {
            return new UserView(u.id(), u.username(), u.displayName(), u.role(), u.role().chineseName(),
                    u.regionCode(), u.departmentId(), u.positionId(), u.phone(), u.active(), u.version());
        }
    }

    @GetMapping
    @Operation(summary = "List the users in the caller's scope, optionally by active state, role, department and region prefix")
    List<UserView> list(Actor actor, @RequestParam(required = false) Boolean active,
                        @RequestParam(required = false) Role role,
                        @RequestParam(required = false) Long departmentId,
                        @RequestParam(required = false) String region) {
        return users.list(active, role, departmentId, region).stream()
                .filter(u -> visible(actor, u))
                .map(UserView::of)
                .toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "Return one user in the caller's scope")
    UserView get(Actor actor, @PathVariable long id) {
        UserRecord u = users.require(id);
        if (!visible(actor, u)) {
            throw new ProblemException.NotFound("No user " + id);
        }
        return UserView.of(u);
    }

    @PostMapping
    @Operation(summary = "Create a user (admin)")
    ResponseEntity<UserView> create(Actor actor, @RequestBody NewUser body) {
        Access.requireAdmin(actor, "create users");
        UserRecord u = users.create(body.username(), body.password(), new UserDraft(body.displayName(), body.role(),
                body.regionCode(), body.departmentId(), body.positionId(), body.phone()));
        return ResponseEntity.created(URI.create("/api/v1/users/" + u.id())).body(UserView.of(u));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change a user's name, role, scope, position, phone or active state (admin; send the version you read)")
    UserView update(Actor actor, @PathVariable long id, @Valid @RequestBody UserChange body) {
        Access.requireAdmin(actor, "change users");
        return UserView.of(users.update(id, body.version(), new UserDraft(body.displayName(), body.role(),
                body.regionCode(), body.departmentId(), body.positionId(), body.phone()), body.active()));
    }

    @PostMapping("/{id}/deactivate")
    @Operation(summary = "Deactivate a user (admin); the account is kept but can no longer log in")
    UserView deactivate(Actor actor, @PathVariable long id) {
        Access.requireAdmin(actor, "deactivate users");
        return UserView.of(users.deactivate(id, actor));
    }

    /** City-wide callers see everyone; region-scoped callers their region subtree; handlers their department. */
    private static boolean visible(Actor actor, UserRecord u) {
        if (actor.unrestricted()) {
            return true;
        }
        if (actor.role().departmentScoped()) {
            return actor.departmentId().equals(u.departmentId());
        }
        return u.regionCode() != null && u.regionCode().startsWith(actor.regionCode());
    }
}
