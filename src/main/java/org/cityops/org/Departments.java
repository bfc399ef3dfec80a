package org.cityops.org;

import java.util.Optional;

/** Reads departments. */
public interface Departments {

    /** Returns the department with the id, if it exists. */
    Optional<Department> find(long id);
}
