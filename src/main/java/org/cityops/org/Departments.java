package org.cityops.org;

import java.util.Optional;

/** Reads departments. */
public interface Departments {

    /** Returns the department with the id, if it exists (active or not). */
    Optional<Department> find(long id);

    /** Returns the department with the id if it exists and is active, so work may be sent to it. */
    Optional<Department> findActive(long id);
}
