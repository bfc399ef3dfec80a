package org.cityops.org.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.regex.Pattern;

import org.cityops.geo.DivisionLevel;
import org.cityops.org.Department;
import org.cityops.platform.ProblemException.FieldError;
import org.cityops.platform.Role;

/**
 * The validation rules for departments, positions, users and matrix entries. Each check
 * returns every failing field at once so a caller can fix a form in one go.
 */
final class OrgRules {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{1,63}");
    static final int MIN_PASSWORD_LENGTH = 8;

    private OrgRules() {
    }

    /**
     * Returns what is wrong with a department's fields: its region must be an active division of
     * the department's own level (a district for a DISTRICT department, a street for a STREET one).
     */
    static List<FieldError> checkDepartment(String code, String name, Department.Level level, String regionCode,
                                            ReferenceData references) {
        List<FieldError> errors = new ArrayList<>();
        checkCode(code, errors);
        if (blank(name)) {
            errors.add(new FieldError("name", "must not be blank"));
        }
        if (level == null) {
            errors.add(new FieldError("level", "must be one of CITY, DISTRICT, STREET"));
        }
        if (!Codes.isDivision(regionCode)) {
            errors.add(new FieldError("regionCode", "must be a division code of 6, 9 or 12 digits"));
            return errors;
        }
        if (level != null) {
            int expected = level == Department.Level.STREET ? 9 : 6;
            if (regionCode.length() != expected) {
                errors.add(new FieldError("regionCode", "a " + level + " department needs a "
                        + expected + "-digit division code"));
                return errors;
            }
        }
        Optional<DivisionLevel> found = references.activeDivision(regionCode);
        if (found.isEmpty()) {
            errors.add(new FieldError("regionCode", noActiveDivision(regionCode)));
        } else if (level != null && found.get() != divisionLevelOf(level)) {
            DivisionLevel expected = divisionLevelOf(level);
            errors.add(new FieldError("regionCode", "a " + level + " department's region must be a "
                    + describe(expected) + "; " + regionCode + " is a " + describe(found.get())));
        }
        return errors;
    }

    /** Returns what is wrong with a position's fields. */
    static List<FieldError> checkPosition(String code, String name, Role role) {
        List<FieldError> errors = new ArrayList<>();
        checkCode(code, errors);
        if (blank(name)) {
            errors.add(new FieldError("name", "must not be blank"));
        }
        if (role == null) {
            errors.add(new FieldError("role", "must be given"));
        }
        return errors;
    }

    /**
     * Returns what is wrong with a user's role and scope: region-scoped roles below the city
     * (district dispatcher, street operator, grid inspector) need a region code; a department
     * handler needs an active department and no region; only handlers belong to a department. A
     * region given must be an active division.
     */
    static List<FieldError> checkUserScope(Role role, String regionCode, Long departmentId,
                                           LongPredicate activeDepartment, ReferenceData references) {
        List<FieldError> errors = new ArrayList<>();
        if (role == null) {
            errors.add(new FieldError("role", "must be given"));
            return errors;
        }
        if (regionCode != null && !Codes.isDivision(regionCode)) {
            errors.add(new FieldError("regionCode", "must be a division code of 6, 9 or 12 digits"));
        } else if (regionCode != null && !role.departmentScoped() && references.activeDivision(regionCode).isEmpty()) {
            errors.add(new FieldError("regionCode", noActiveDivision(regionCode)));
        }
        boolean cityWide = role.mayBeCityWide();
        if (role.departmentScoped()) {
            if (departmentId == null) {
                errors.add(new FieldError("departmentId", "a " + role + " must belong to a department"));
            } else if (!activeDepartment.test(departmentId)) {
                errors.add(new FieldError("departmentId", "no active department " + departmentId));
            }
            if (regionCode != null) {
                errors.add(new FieldError("regionCode", "a " + role + " is scoped to its department, not a region"));
            }
        } else {
            if (departmentId != null) {
                errors.add(new FieldError("departmentId", "only a DEPARTMENT_HANDLER belongs to a department"));
            }
            if (!cityWide && regionCode == null) {
                errors.add(new FieldError("regionCode", "a " + role + " needs the region code it works in"));
            }
        }
        return errors;
    }

    /** Returns what is wrong with a username, display name and (for new users) password. */
    static List<FieldError> checkUserIdentity(String username, String displayName, String password, boolean isNew) {
        List<FieldError> errors = new ArrayList<>();
        if (username == null || !USERNAME.matcher(username).matches()) {
            errors.add(new FieldError("username",
                    "must be 2-64 letters, digits or . _ @ - and start with a letter or digit"));
        }
        if (blank(displayName)) {
            errors.add(new FieldError("displayName", "must not be blank"));
        }
        if (isNew) {
            checkPassword("password", password, errors);
        }
        return errors;
    }

    /** Adds an error when the password is too short to be a password. */
    static void checkPassword(String field, String password, List<FieldError> errors) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            errors.add(new FieldError(field, "must have at least " + MIN_PASSWORD_LENGTH + " characters"));
        }
    }

    /**
     * Returns what is wrong with one matrix entry; field names are prefixed (e.g. {@code entries[2].}).
     * The category must be an active subclass or main class of the catalog, the region an active
     * division or unit grid of the city model.
     */
    static List<FieldError> checkMatrixEntry(String prefix, String categoryCode, String regionCode,
                                             Long departmentId, Basis basis, LongPredicate activeDepartment,
                                             ReferenceData references) {
        List<FieldError> errors = new ArrayList<>();
        if (!Codes.isSubclass(categoryCode) && !Codes.isMainClass(categoryCode)) {
            errors.add(new FieldError(prefix + "categoryCode",
                    "must be a subclass code like C0101 or a main-class code like C01"));
        } else if (!references.activeCategory(categoryCode)) {
            errors.add(new FieldError(prefix + "categoryCode", "no active "
                    + (Codes.isSubclass(categoryCode) ? "subclass " : "main class ") + categoryCode
                    + " in the category catalog"));
        }
        if (!Codes.isMatrixRegion(regionCode)) {
            errors.add(new FieldError(prefix + "regionCode",
                    "must be a division code of 6, 9 or 12 digits or a unit grid code"));
        } else if (Codes.isDivision(regionCode) ? references.activeDivision(regionCode).isEmpty()
                : !references.activeGrid(regionCode)) {
            errors.add(new FieldError(prefix + "regionCode", Codes.isDivision(regionCode) ? noActiveDivision(regionCode)
                    : "no active unit grid " + regionCode + " in the city model"));
        }
        if (departmentId == null) {
            errors.add(new FieldError(prefix + "departmentId", "must be given"));
        } else if (!activeDepartment.test(departmentId)) {
            errors.add(new FieldError(prefix + "departmentId", "no active department " + departmentId));
        }
        if (basis == null) {
            errors.add(new FieldError(prefix + "basis", "must be OWNER or LOCALITY"));
        }
        return errors;
    }

    /** Returns the division level a department of the level serves. */
    static DivisionLevel divisionLevelOf(Department.Level level) {
        return switch (level) {
            case CITY -> DivisionLevel.CITY;
            case DISTRICT -> DivisionLevel.DISTRICT;
            case STREET -> DivisionLevel.STREET;
        };
    }

    private static String noActiveDivision(String code) {
        return "no active division " + code + " in the city model";
    }

    private static String describe(DivisionLevel level) {
        return level.name().toLowerCase(Locale.ROOT) + " (" + level.chineseName() + ")";
    }

    private static void checkCode(String code, List<FieldError> errors) {
        if (code == null || !CODE.matcher(code).matches()) {
            errors.add(new FieldError("code", "must be 1-64 letters, digits or . _ - and start with a letter or digit"));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
