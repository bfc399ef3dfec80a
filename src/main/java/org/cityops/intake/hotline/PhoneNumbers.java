package org.cityops.intake.hotline;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads and masks callers' phone numbers, which are personal data: stored in full, shown in
 * full only to those who call back, masked ({@code 138****5678}) everywhere else and in logs.
 */
final class PhoneNumbers {

    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    /** Area code (0 + 2–3 digits) and a 7–8 digit local number. */
    private static final Pattern LANDLINE = Pattern.compile("0\\d{2,3}\\d{7,8}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-()]");

    private PhoneNumbers() {
    }

    /**
     * Returns the number in its stored form (digits only, without the +86 country code) when it
     * is a Chinese mobile or landline number with area code; empty otherwise.
     */
    static Optional<String> normalize(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String digits = SEPARATORS.matcher(input.trim()).replaceAll("");
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
        } else if (digits.startsWith("0086")) {
            digits = digits.substring(4);
        }
        return MOBILE.matcher(digits).matches() || LANDLINE.matcher(digits).matches()
                ? Optional.of(digits) : Optional.empty();
    }

    /**
     * Returns the number with all but its first three and last four characters replaced by
     * {@code *}; a number too short for that shows only its last two.
     */
    static String mask(String phone) {
        if (phone == null || phone.isEmpty()) {
            return phone;
        }
        int n = phone.length();
        if (n < 8) {
            return "*".repeat(Math.max(0, n - 2)) + phone.substring(Math.max(0, n - 2));
        }
        return phone.substring(0, 3) + "*".repeat(n - 7) + phone.substring(n - 4);
    }
}
