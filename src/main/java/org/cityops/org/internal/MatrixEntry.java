package org.cityops.org.internal;

/**
 * One row of the responsibility matrix (责任矩阵): for the category (a subclass such as
 * {@code C0101} or a whole main class such as {@code C01}) in the region (a division or
 * unit grid code), the department answers on the given basis.
 */
record MatrixEntry(long id, String categoryCode, String regionCode, long departmentId, Basis basis,
                   boolean active, long version) {

    /** Returns whether the entry covers a single subclass rather than a whole main class. */
    boolean forSubclass() {
        return Codes.isSubclass(categoryCode);
    }
}
