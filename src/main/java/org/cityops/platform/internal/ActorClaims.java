package org.cityops.platform.internal;

/** Names of the token claims that carry a caller's role and scope. */
record ActorClaims(String roleClaim, String regionClaim, String departmentClaim, String usernameClaim) {
}
