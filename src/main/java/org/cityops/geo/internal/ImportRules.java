package org.cityops.geo.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.cityops.platform.ProblemException.FieldError;

/**
 * Checks the features of one import against each other and against what is already stored:
 * codes unique within the file, parents known (in the file or stored) and of the right kind,
 * codes extending their parent's prefix, duty grids listing unit grids of their own street.
 */
final class ImportRules {

    private ImportRules() {
    }

    /**
     * Returns every problem of the features as a whole.
     *
     * @param features individually valid features of one file
     * @param stored   the kind of an already stored code, empty when unknown
     */
    static List<FieldError> check(List<ImportFeature> features, Function<String, Optional<FeatureKind>> stored) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, FeatureKind> inFile = new HashMap<>();
        Set<String> duplicates = new HashSet<>();
        for (ImportFeature f : features) {
            if (inFile.putIfAbsent(f.code(), f.kind()) != null) {
                duplicates.add(f.code());
            }
        }
        for (ImportFeature f : features) {
            String at = f.label();
            String label = f.code() + ": ";
            if (duplicates.contains(f.code())) {
                errors.add(new FieldError(at + ".properties.code", label + "the code appears more than once in the file"));
            }
            Optional<FeatureKind> expectedParent = f.kind().parentKind();
            if (expectedParent.isPresent()) {
                Optional<FeatureKind> parentKind = Optional.ofNullable(inFile.get(f.parent())).or(() -> stored.apply(f.parent()));
                if (parentKind.isEmpty()) {
                    errors.add(new FieldError(at + ".properties.parent", label + "unknown parent '" + f.parent()
                            + "': neither stored nor in this file"));
                } else if (parentKind.get() != expectedParent.get()) {
                    errors.add(new FieldError(at + ".properties.parent", label + "parent '" + f.parent() + "' is a "
                            + parentKind.get().property() + "; a " + f.kind().property() + " belongs to a "
                            + expectedParent.get().property()));
                } else {
                    DivisionCodes.prefixProblem(f.code(), f.parent())
                            .ifPresent(p -> errors.add(new FieldError(at + ".properties.code", label + p)));
                }
            }
            for (String grid : f.grids()) {
                Optional<FeatureKind> gridKind = Optional.ofNullable(inFile.get(grid)).or(() -> stored.apply(grid));
                if (gridKind.isEmpty() || gridKind.get() != FeatureKind.GRID) {
                    errors.add(new FieldError(at + ".properties.grids", label + "unknown unit grid '" + grid + "'"));
                } else if (!grid.startsWith(f.parent())) {
                    errors.add(new FieldError(at + ".properties.grids", label + "unit grid '" + grid
                            + "' lies outside the duty grid's street " + f.parent()));
                }
            }
        }
        return errors;
    }
}
