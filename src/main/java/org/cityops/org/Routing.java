package org.cityops.org;

import java.util.Optional;

import org.cityops.catalog.CategoryKind;
import org.cityops.geo.GridLocation;

/**
 * Decides which department is responsible for a case from the responsibility matrix:
 * components owner first (先属主、后属地), events locality first (先属地、后属主).
 */
public interface Routing {

    /**
     * Returns the responsible department for the subclass at the location, or empty when the
     * matrix names none (the case then waits in the dispatcher's manual queue).
     *
     * @param ownerDepartmentId the component's owner department when known (may be null)
     */
    Optional<RoutingDecision> route(String subclassCode, CategoryKind kind, GridLocation location,
                                    Long ownerDepartmentId);

    /** The chosen department and why (which matrix entry or rule). */
    record RoutingDecision(long departmentId, String reason) {
    }
}
