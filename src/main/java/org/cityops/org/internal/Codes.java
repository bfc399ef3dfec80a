package org.cityops.org.internal;

import java.util.regex.Pattern;

/**
 * Format checks for codes owned by other modules. Whether a code exists is asked of the owning
 * module (geo for divisions and grids, catalog for categories) through {@link ReferenceData},
 * after its shape passed here.
 */
final class Codes {

    private static final Pattern DIVISION = Pattern.compile("\\d{6}|\\d{9}|\\d{12}");
    /** A unit grid code extends the 12-digit community code with a sequence number. */
    private static final Pattern GRID = Pattern.compile("\\d{13,20}");
    private static final Pattern MAIN_CLASS = Pattern.compile("[CE]\\d{2}");
    private static final Pattern SUBCLASS = Pattern.compile("[CE]\\d{4}");

    private Codes() {
    }

    /** Returns whether the code has the shape of a division code (6, 9 or 12 digits). */
    static boolean isDivision(String code) {
        return code != null && DIVISION.matcher(code).matches();
    }

    /** Returns whether the code names a division or a unit grid, the regions a matrix entry may cover. */
    static boolean isMatrixRegion(String code) {
        return code != null && (DIVISION.matcher(code).matches() || GRID.matcher(code).matches());
    }

    /** Returns whether the code has the shape of a subclass code such as {@code C0101}. */
    static boolean isSubclass(String code) {
        return code != null && SUBCLASS.matcher(code).matches();
    }

    /** Returns whether the code has the shape of a main-class code such as {@code E01}. */
    static boolean isMainClass(String code) {
        return code != null && MAIN_CLASS.matcher(code).matches();
    }

    /** Returns the main class a subclass code belongs to ({@code C0101} → {@code C01}). */
    static String mainClassOf(String subclassCode) {
        return subclassCode.substring(0, 3);
    }
}
