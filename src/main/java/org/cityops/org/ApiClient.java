package org.cityops.org;

import org.cityops.platform.Actor;

/**
 * A machine client authenticated by its API key.
 *
 * @param keyId       the key's id
 * @param name        the key's unique name
 * @param integration who runs the client and what for (an app, a department's system)
 * @param actor       who the client acts as: the key's role, region scope or department
 */
public record ApiClient(long keyId, String name, String integration, Actor actor) {
}
