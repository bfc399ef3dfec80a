package org.cityops.geo.internal;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The code rules of the city model (GB/T 2260 county codes extended per GB/T 30428.1):
 * <ul>
 *   <li>city: 6 digits ending in {@code 00}, e.g. {@code 310100};</li>
 *   <li>district: 6 digits sharing the city's first 4 and not ending in {@code 00}, e.g. {@code 310101};</li>
 *   <li>street/town: the district's code + 3 digits, e.g. {@code 310101001};</li>
 *   <li>community: the street's code + 3 digits, e.g. {@code 310101001001};</li>
 *   <li>unit grid: the community's code + a 2–4 digit sequence, e.g. {@code 31010100100101};</li>
 *   <li>duty grid: the street's code + {@code D} + a 2–4 digit sequence, e.g. {@code 310101001D01}.</li>
 * </ul>
 */
final class DivisionCodes {

    private static final Pattern CITY = Pattern.compile("\\d{4}00");
    private static final Pattern DISTRICT = Pattern.compile("\\d{6}");
    private static final Pattern STREET = Pattern.compile("\\d{9}");
    private static final Pattern COMMUNITY = Pattern.compile("\\d{12}");
    private static final Pattern GRID = Pattern.compile("\\d{14,16}");
    private static final Pattern DUTY_GRID = Pattern.compile("\\d{9}D\\d{2,4}");

    private DivisionCodes() {
    }

    /** Returns why the code cannot be a code of the kind, or empty when its format fits. */
    static Optional<String> formatProblem(FeatureKind kind, String code) {
        boolean fits = switch (kind) {
            case CITY -> CITY.matcher(code).matches();
            case DISTRICT -> DISTRICT.matcher(code).matches() && !code.endsWith("00");
            case STREET -> STREET.matcher(code).matches();
            case COMMUNITY -> COMMUNITY.matcher(code).matches();
            case GRID -> GRID.matcher(code).matches();
            case DUTY_GRID -> DUTY_GRID.matcher(code).matches();
        };
        return fits ? Optional.empty() : Optional.of("code '" + code + "' is not a " + kind.property() + " code ("
                + formatOf(kind) + ")");
    }

    /**
     * Returns why the code cannot belong to the parent, or empty when it extends the parent's
     * code as the rules require. Both codes are assumed to have their kinds' formats.
     */
    static Optional<String> prefixProblem(String code, String parentCode) {
        String prefix = subtreePrefix(parentCode);
        return code.startsWith(prefix) ? Optional.empty()
                : Optional.of("code '" + code + "' does not start with its parent's prefix '" + prefix + "'");
    }

    /**
     * Returns the prefix shared by the codes of every division and grid below the division:
     * the first 4 digits for a city (its districts are {@code 3101xx}), the whole code otherwise.
     */
    static String subtreePrefix(String divisionCode) {
        return CITY.matcher(divisionCode).matches() ? divisionCode.substring(0, 4) : divisionCode;
    }

    private static String formatOf(FeatureKind kind) {
        return switch (kind) {
            case CITY -> "6 digits ending in 00";
            case DISTRICT -> "6 digits not ending in 00";
            case STREET -> "district code + 3 digits";
            case COMMUNITY -> "street code + 3 digits";
            case GRID -> "community code + 2 to 4 digits";
            case DUTY_GRID -> "street code + 'D' + 2 to 4 digits";
        };
    }
}
