package org.cityops.org;

import java.util.Optional;

/** Authenticates machine clients (devices, departments' systems, Open311 apps) by their API key. */
public interface ApiKeys {

    /**
     * Returns the client an active key belongs to, acting with the key's role and scope; empty for
     * a missing, unknown or deactivated key.
     */
    Optional<ApiClient> authenticate(String key);
}
