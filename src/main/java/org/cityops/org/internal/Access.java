package org.cityops.org.internal;

import org.cityops.platform.Actor;
import org.cityops.platform.ProblemException;
import org.cityops.platform.Role;

/** Who may change the organisation's reference data. */
final class Access {

    private Access() {
    }

    /** Throws 403 unless the caller is an administrator. */
    static void requireAdmin(Actor actor, String action) {
        if (actor.role() != Role.ADMIN) {
            throw new ProblemException.Forbidden("Only an administrator may " + action + "; you are "
                    + actor.role() + " (" + actor.role().chineseName() + ")");
        }
    }
}
