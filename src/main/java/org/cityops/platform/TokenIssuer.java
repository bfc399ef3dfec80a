package org.cityops.platform;

import java.time.Instant;

/** Issues signed access tokens for users the platform has authenticated itself (embedded mode). */
public interface TokenIssuer {

    /** Returns a signed JWT carrying the actor's role and scope, and when it expires. */
    IssuedToken issue(Actor actor, String displayName);

    /** A bearer token and its expiry. */
    record IssuedToken(String token, Instant expiresAt) {
    }

    /** Returns whether this platform logs users in itself (false when an OIDC provider does). */
    boolean embedded();
}
