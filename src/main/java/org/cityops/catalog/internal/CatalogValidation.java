package org.cityops.catalog.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.cityops.catalog.CategoryKind;
import org.cityops.catalog.Subclass;
import org.cityops.catalog.TimeLimit;
import org.cityops.catalog.Urgency;
import org.cityops.platform.ProblemException;
import org.cityops.platform.ProblemException.FieldError;

/**
 * Checks an imported catalog completely before anything is written, and turns it into main
 * classes and subclasses.
 *
 * <p>The code scheme: a main class is the kind prefix ({@code C} component 部件, {@code E} event
 * 事件) and the 2-digit main class number of GB/T 30428.2 ({@code C01} 公用设施, {@code E01}
 * 市容环境); a subclass appends a 2-digit subclass number ({@code C0101}, {@code E0101}). The prefix
 * is needed because the standard numbers component and event main classes independently, so
 * "01" alone names two different classes.
 *
 * <p>Each failing entry is reported as {@code <code>.<field>} (or {@code subclasses[i].code} when
 * the code itself is missing), so a city can fix its file in one pass.
 */
final class CatalogValidation {

    private static final Pattern MAIN_CLASS_CODE = Pattern.compile("[CE](0[1-9]|[1-9][0-9])");
    private static final Pattern SUBCLASS_CODE = Pattern.compile("[CE](0[1-9]|[1-9][0-9])(0[1-9]|[1-9][0-9])");

    private CatalogValidation() {
    }

    /** A validated import: what to create or update. */
    record ValidCatalog(List<MainClass> mainClasses, List<CatalogEntry> subclasses) {
    }

    /**
     * Returns the validated catalog, or throws a bad request listing every failing entry.
     *
     * @param document            the imported document
     * @param existingMainClasses main classes already stored, by code (a subclass may belong to one
     *                            of them without repeating it in the file)
     */
    static ValidCatalog validate(CatalogDocument document, Map<String, MainClass> existingMainClasses) {
        List<FieldError> errors = new ArrayList<>();
        List<CatalogDocument.MainClassDocument> mainDocs = document.mainClasses() == null ? List.of() : document.mainClasses();
        List<CatalogDocument.SubclassDocument> subDocs = document.subclasses() == null ? List.of() : document.subclasses();
        if (mainDocs.isEmpty() && subDocs.isEmpty()) {
            errors.add(new FieldError("body", "lists no mainClasses and no subclasses"));
        }

        Map<String, MainClass> mainClasses = new LinkedHashMap<>();
        Set<String> seenMain = new HashSet<>();
        for (int i = 0; i < mainDocs.size(); i++) {
            MainClass main = mainClass(mainDocs.get(i), i, seenMain, errors);
            if (main != null) {
                mainClasses.put(main.code(), main);
            }
        }

        Map<String, MainClass> known = new HashMap<>(existingMainClasses);
        known.putAll(mainClasses);
        List<CatalogEntry> subclasses = new ArrayList<>();
        Set<String> seenSub = new HashSet<>();
        for (int i = 0; i < subDocs.size(); i++) {
            CatalogEntry entry = subclass(subDocs.get(i), i, known, seenSub, errors);
            if (entry != null) {
                subclasses.add(entry);
            }
        }

        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest("The catalog has " + errors.size() + " error"
                    + (errors.size() == 1 ? "" : "s") + "; nothing was imported", errors);
        }
        return new ValidCatalog(List.copyOf(mainClasses.values()), subclasses);
    }

    private static MainClass mainClass(CatalogDocument.MainClassDocument doc, int index, Set<String> seen,
                                       List<FieldError> errors) {
        String where = "mainClasses[" + index + "]";
        String code = entryCode(doc == null ? null : doc.code(), doc == null, where, seen, errors);
        if (code == null) {
            return null;
        }
        int before = errors.size();
        CategoryKind kind = kind(doc.kind(), code, where, errors);
        if (!MAIN_CLASS_CODE.matcher(code).matches()) {
            errors.add(new FieldError(code + ".code", "must be C or E followed by the 2-digit main class number, e.g. C01 ("
                    + where + ")"));
        } else if (kind != null && code.charAt(0) != prefix(kind)) {
            errors.add(new FieldError(code + ".code", "must start with " + prefix(kind) + " for kind " + kind + " (" + where + ")"));
        }
        String name = trim(doc.name());
        if (name == null) {
            errors.add(new FieldError(code + ".name", "is required (" + where + ")"));
        }
        return errors.size() == before ? new MainClass(code, kind, name, doc.active() == null || doc.active()) : null;
    }

    private static CatalogEntry subclass(CatalogDocument.SubclassDocument doc, int index, Map<String, MainClass> known,
                                         Set<String> seen, List<FieldError> errors) {
        String where = "subclasses[" + index + "]";
        String code = entryCode(doc == null ? null : doc.code(), doc == null, where, seen, errors);
        if (code == null) {
            return null;
        }
        int before = errors.size();
        CategoryKind kind = kind(doc.kind(), code, where, errors);
        String mainCode = trim(doc.mainClass());
        MainClass main = null;
        if (mainCode == null) {
            errors.add(new FieldError(code + ".mainClass", "is required (" + where + ")"));
        } else {
            main = known.get(mainCode);
            if (main == null) {
                errors.add(new FieldError(code + ".mainClass", "names main class " + mainCode
                        + ", which is neither in the file nor in the catalog (" + where + ")"));
            } else if (kind != null && main.kind() != kind) {
                errors.add(new FieldError(code + ".kind", kind + " does not match main class " + mainCode
                        + " of kind " + main.kind() + " (" + where + ")"));
            }
        }
        if (!SUBCLASS_CODE.matcher(code).matches()) {
            errors.add(new FieldError(code + ".code", "must be C or E, the 2-digit main class and the 2-digit subclass number, e.g. C0101 ("
                    + where + ")"));
        } else {
            if (kind != null && code.charAt(0) != prefix(kind)) {
                errors.add(new FieldError(code + ".code", "must start with " + prefix(kind) + " for kind " + kind + " (" + where + ")"));
            }
            if (mainCode != null && !code.startsWith(mainCode)) {
                errors.add(new FieldError(code + ".code", "must start with its main class " + mainCode + " (" + where + ")"));
            }
        }
        String name = required(doc.name(), code, "name", where, errors);
        String register = required(doc.registerCondition(), code, "registerCondition", where, errors);
        String close = required(doc.closeCondition(), code, "closeCondition", where, errors);
        Map<Urgency, TimeLimit> limits = limits(doc.limits(), code, where, errors);
        if (errors.size() != before) {
            return null;
        }
        return new CatalogEntry(new Subclass(code, name, kind, main.code(), main.name(), register, close, limits),
                doc.active() == null || doc.active());
    }

    /**
     * Returns the entry's code, or null after naming why it has none usable: the entry is empty,
     * its code is missing, or another entry of the file has the same code.
     */
    private static String entryCode(String rawCode, boolean empty, String where, Set<String> seen,
                                    List<FieldError> errors) {
        if (empty) {
            errors.add(new FieldError(where, "is empty"));
            return null;
        }
        String code = trim(rawCode);
        if (code == null) {
            errors.add(new FieldError(where + ".code", "is required"));
            return null;
        }
        if (!seen.add(code)) {
            errors.add(new FieldError(code + ".code", "is listed twice (" + where + ")"));
            return null;
        }
        return code;
    }

    private static Map<Urgency, TimeLimit> limits(Map<String, CatalogDocument.LimitDocument> docs, String code, String where,
                                                  List<FieldError> errors) {
        Map<Urgency, TimeLimit> limits = new EnumMap<>(Urgency.class);
        if (docs == null || docs.isEmpty()) {
            errors.add(new FieldError(code + ".limits.NORMAL", "is required: every subclass needs a normal (一般) handling limit ("
                    + where + ")"));
            return limits;
        }
        for (Map.Entry<String, CatalogDocument.LimitDocument> e : docs.entrySet()) {
            String field = code + ".limits." + e.getKey();
            Urgency urgency;
            try {
                urgency = Urgency.valueOf(e.getKey());
            } catch (IllegalArgumentException unknown) {
                errors.add(new FieldError(field, "is not an urgency; use NORMAL, URGENT or CRITICAL (" + where + ")"));
                continue;
            }
            CatalogDocument.LimitDocument limit = e.getValue();
            if (limit == null) {
                errors.add(new FieldError(field, "needs an amount and a unit (" + where + ")"));
                continue;
            }
            boolean valid = true;
            if (limit.amount() == null || limit.amount() <= 0) {
                errors.add(new FieldError(field + ".amount", "must be a positive whole number, was " + limit.amount() + " (" + where + ")"));
                valid = false;
            }
            TimeLimit.Unit unit = null;
            try {
                unit = limit.unit() == null ? null : TimeLimit.Unit.valueOf(limit.unit().trim());
            } catch (IllegalArgumentException unknown) {
                unit = null;
            }
            if (unit == null) {
                errors.add(new FieldError(field + ".unit", "must be WORKING_HOURS, WORKING_DAYS or CALENDAR_HOURS, was "
                        + limit.unit() + " (" + where + ")"));
                valid = false;
            }
            if (valid) {
                limits.put(urgency, new TimeLimit(limit.amount(), unit));
            }
        }
        if (!docs.containsKey(Urgency.NORMAL.name())) {
            errors.add(new FieldError(code + ".limits.NORMAL", "is required: every subclass needs a normal (一般) handling limit ("
                    + where + ")"));
        }
        return limits;
    }

    private static CategoryKind kind(String text, String code, String where, List<FieldError> errors) {
        String kind = trim(text);
        if (kind == null) {
            errors.add(new FieldError(code + ".kind", "is required: COMPONENT or EVENT (" + where + ")"));
            return null;
        }
        try {
            return CategoryKind.valueOf(kind);
        } catch (IllegalArgumentException unknown) {
            errors.add(new FieldError(code + ".kind", "is not a kind: '" + kind + "'; use COMPONENT or EVENT (" + where + ")"));
            return null;
        }
    }

    private static String required(String text, String code, String field, String where, List<FieldError> errors) {
        String value = trim(text);
        if (value == null) {
            errors.add(new FieldError(code + "." + field, "is required (" + where + ")"));
        }
        return value;
    }

    private static String trim(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static char prefix(CategoryKind kind) {
        return switch (kind) {
            case COMPONENT -> 'C';
            case EVENT -> 'E';
        };
    }
}
