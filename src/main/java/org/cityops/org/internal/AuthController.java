package org.cityops.org.internal;

import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Login (embedded mode), the caller's own account and password change. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Authentication", description = "Login and the caller's own account")
class AuthController {

    /** One message for every failed login, so the response does not reveal which usernames exist. */
    static final String LOGIN_FAILED = "Unknown username or wrong password, or the account is inactive";

    private final UserAccounts users;
    private final TokenIssuer tokens;

    AuthController(UserAccounts users, TokenIssuer tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    record LoginRequest(@NotBlank String username, @NotBlank String password) {
    }

    record LoginResponse(String token, Instant expiresAt, String username, String displayName, Role role,
                         String roleName, String regionCode, Long departmentId) {
    }

    record Me(String username, String displayName, Role role, String roleName, String regionCode, Long departmentId,
              Long positionId, String phone, boolean managedHere) {
    }

    record PasswordChange(@NotBlank String currentPassword, @NotBlank String newPassword) {
    }

    @PostMapping("/auth/login")
    @Operation(summary = "Log in with username and password and receive a bearer token (embedded mode only)")
    ResponseEntity<?> login(@Valid @RequestBody LoginRequest request) {
        if (!tokens.embedded()) {
            throw new ProblemException.NotFound("Login is done at the identity provider (OIDC); "
                    + "send its access token as the bearer token");
        }
        return users.authenticate(request.username(), request.password())
                .<ResponseEntity<?>>map(u -> {
                    TokenIssuer.IssuedToken token = tokens.issue(u.toActor(), u.displayName());
                    return ResponseEntity.ok(new LoginResponse(token.token(), token.expiresAt(), u.username(),
                            u.displayName(), u.role(), u.role().chineseName(), u.regionCode(), u.departmentId()));
                })
                .orElseGet(() -> {
                    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, LOGIN_FAILED);
                    body.setTitle("Unauthorized");
                    return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(body);
                });
    }

    @GetMapping("/me")
    @Operation(summary = "Return the caller: role, scope and, for accounts kept here, display name and position")
    Me me(Actor actor) {
        return users.findByUsername(actor.username())
                .map(u -> new Me(u.username(), u.displayName(), actor.role(), actor.role().chineseName(),
                        actor.regionCode(), actor.departmentId(), u.positionId(), u.phone(), true))
                .orElseGet(() -> new Me(actor.username(), actor.username(), actor.role(), actor.role().chineseName(),
                        actor.regionCode(), actor.departmentId(), null, null, false));
    }

    @PostMapping("/me/password")
    @Operation(summary = "Change the caller's own password (needs the current one)")
    ResponseEntity<Void> changePassword(Actor actor, @Valid @RequestBody PasswordChange change) {
        users.changePassword(actor.username(), change.currentPassword(), change.newPassword());
        return ResponseEntity.noContent().build();
    }
}
