package org.cityops.intake.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.cityops.cases.CaseState;
import org.cityops.catalog.Urgency;

/**
 * GeoReport v2's rules on this platform: what a valid service request and a valid search are,
 * how case states map to {@code open}/{@code closed}, and how times are written. Plain Java.
 */
final class Open311Rules {

    /** The longest span one search may cover, as the spec sets it. */
    static final Duration MAX_RANGE = Duration.ofDays(90);
    static final int DESCRIPTION_MAX = 4000;
    private static final String ATTRIBUTE = "attribute[";

    private Open311Rules() {
    }

    /**
     * A service request that passed every check, in the case loop's terms.
     *
     * @param serviceCode     the subclass code
     * @param longitude       WGS 84 longitude
     * @param latitude        WGS 84 latitude
     * @param address         address_string with the location note, may be {@code null}
     * @param urgency         from {@code attribute[urgency]}, NORMAL when absent
     * @param description     what is wrong, {@code null} when the client sent none
     * @param reporterName    first and last name joined, may be {@code null}
     * @param reporterContact phone, else email, may be {@code null}
     * @param accountId       the client's account id, may be {@code null}
     * @param deviceId        the client's device id, may be {@code null}
     * @param email           may be {@code null}
     * @param phone           may be {@code null}
     * @param firstName       may be {@code null}
     * @param lastName        may be {@code null}
     * @param mediaUrl        a photo's http(s) URL, may be {@code null}
     */
    record ServiceRequestDraft(String serviceCode, double longitude, double latitude, String address, Urgency urgency,
                               String description, String reporterName, String reporterContact, String accountId,
                               String deviceId, String email, String phone, String firstName, String lastName,
                               String mediaUrl) {
    }

    /**
     * A search of service requests. With request ids, every other filter is ignored (as the spec says).
     *
     * @param requestIds   service_request_id values, empty for none
     * @param serviceCodes service codes, empty for any
     * @param from         requested at or after, {@code null} when given ids
     * @param to           requested at or before, {@code null} for no upper bound
     * @param open         {@code true} open only, {@code false} closed only, {@code null} both
     */
    record Search(List<String> requestIds, List<String> serviceCodes, Instant from, Instant to, Boolean open) {
    }

    /** Throws a 404 when a jurisdiction_id is given and is not this one. */
    static void checkJurisdiction(Map<String, String> params, String ours) {
        String given = trimmed(params.get("jurisdiction_id"));
        if (given != null && !given.equals(ours)) {
            throw Open311Error.notFound("jurisdiction_id: unknown jurisdiction '" + given + "'; this is '" + ours + "'");
        }
    }

    /**
     * Returns the service request the parameters describe, or throws a 400 listing every failing
     * parameter. Coordinates are required: this platform routes by unit grid and does not geocode.
     */
    static ServiceRequestDraft serviceRequest(Map<String, String> params, Predicate<String> activeService) {
        List<String> errors = new ArrayList<>();
        String serviceCode = trimmed(params.get("service_code"));
        if (serviceCode == null) {
            errors.add("service_code: is required");
        } else if (!activeService.test(serviceCode)) {
            errors.add("service_code: unknown service '" + serviceCode + "'");
        }
        String latText = trimmed(params.get("lat"));
        String longText = trimmed(params.get("long"));
        String addressString = trimmed(params.get("address_string"));
        double latitude = Double.NaN;
        double longitude = Double.NaN;
        if (latText == null && longText == null) {
            errors.add(addressString != null || trimmed(params.get("address_id")) != null
                    ? "lat/long: are required; this jurisdiction places requests by coordinates and cannot locate an"
                            + " address_string or address_id alone"
                    : "lat/long: are required");
        } else {
            latitude = coordinate(latText, "lat", 90, errors);
            longitude = coordinate(longText, "long", 180, errors);
        }
        Urgency urgency = Urgency.NORMAL;
        String locationNote = null;
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (!p.getKey().startsWith(ATTRIBUTE)) {
                continue;
            }
            String code = p.getKey().endsWith("]") ? p.getKey().substring(ATTRIBUTE.length(), p.getKey().length() - 1) : "";
            String value = trimmed(p.getValue());
            if (!ServiceAttributes.known(code)) {
                errors.add(p.getKey() + ": unknown attribute; see services/{service_code} for the attributes");
            } else if (ServiceAttributes.URGENCY.equals(code) && value != null) {
                try {
                    urgency = Urgency.valueOf(value.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    errors.add(p.getKey() + ": must be NORMAL, URGENT or CRITICAL, was '" + value + "'");
                }
            } else if (ServiceAttributes.LOCATION_NOTE.equals(code) && value != null) {
                if (value.length() > ServiceAttributes.LOCATION_NOTE_MAX) {
                    errors.add(p.getKey() + ": is longer than " + ServiceAttributes.LOCATION_NOTE_MAX + " characters");
                }
                locationNote = value;
            }
        }
        String address = addressString == null ? locationNote
                : locationNote == null ? addressString : addressString + "（" + locationNote + "）";
        if (address != null && address.length() > 500) {
            errors.add("address_string: with the location note it is longer than 500 characters");
        }
        String description = trimmed(params.get("description"));
        if (description != null && description.length() > DESCRIPTION_MAX) {
            errors.add("description: is longer than " + DESCRIPTION_MAX + " characters");
        }
        String email = limited(params, "email", 100, errors);
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
            errors.add("email: is not an e-mail address");
        }
        String phone = limited(params, "phone", 32, errors);
        String firstName = limited(params, "first_name", 50, errors);
        String lastName = limited(params, "last_name", 50, errors);
        String accountId = limited(params, "account_id", 100, errors);
        String deviceId = limited(params, "device_id", 100, errors);
        String mediaUrl = limited(params, "media_url", 500, errors);
        if (mediaUrl != null && !httpUrl(mediaUrl)) {
            errors.add("media_url: must be an http or https URL");
        }
        if (!errors.isEmpty()) {
            throw Open311Error.badRequest(errors);
        }
        return new ServiceRequestDraft(serviceCode, longitude, latitude, address, urgency, description,
                personName(firstName, lastName), phone != null ? phone : email, accountId, deviceId, email, phone,
                firstName, lastName, mediaUrl);
    }

    /**
     * Returns the search the parameters describe, or throws a 400 naming the failing parameter.
     * Without dates it covers the last 90 days; a range may span at most 90 days.
     */
    static Search search(Map<String, String> params, Instant now, ZoneId zone, Predicate<String> knownService,
                         int maxIds) {
        List<String> ids = list(params.get("service_request_id"));
        if (!ids.isEmpty()) {
            if (ids.size() > maxIds) {
                throw Open311Error.badRequest("service_request_id", "at most " + maxIds + " ids at once");
            }
            return new Search(ids, List.of(), null, null, null);
        }
        List<String> errors = new ArrayList<>();
        List<String> codes = list(params.get("service_code"));
        codes.stream().filter(c -> !knownService.test(c))
                .forEach(c -> errors.add("service_code: unknown service '" + c + "'"));
        Instant start = time(params.get("start_date"), "start_date", zone, errors);
        Instant end = time(params.get("end_date"), "end_date", zone, errors);
        Boolean open = null;
        Set<String> statuses = new LinkedHashSet<>(list(params.get("status")));
        for (String s : statuses) {
            if (!s.equals("open") && !s.equals("closed")) {
                errors.add("status: must be open or closed, was '" + s + "'");
            }
        }
        if (statuses.size() == 1 && errors.stream().noneMatch(e -> e.startsWith("status"))) {
            open = statuses.contains("open");
        }
        if (start != null && end != null) {
            if (start.isAfter(end)) {
                errors.add("start_date: is after end_date");
            } else if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
                errors.add("end_date: the range from start_date may span at most 90 days");
            }
        }
        if (!errors.isEmpty()) {
            throw Open311Error.badRequest(errors);
        }
        if (start == null && end == null) {
            start = now.minus(MAX_RANGE);
        } else if (start == null) {
            start = end.minus(MAX_RANGE);
        } else if (end == null) {
            end = start.plus(MAX_RANGE);
        }
        return new Search(List.of(), codes, start, end, open);
    }

    /** Returns the spec's status of a case: open while the loop runs; closed once closed, void or refused. */
    static String status(CaseState state) {
        return state.open() ? "open" : "closed";
    }

    /**
     * Returns the status notes: the state as users know it and, once the case is over, the comment
     * given when it ended (why it was refused, voided or how it was closed).
     */
    static String statusNotes(CaseState state, String stateNote) {
        if (state.open() || stateNote == null || stateNote.isBlank()) {
            return state.chineseName();
        }
        return state.chineseName() + "：" + stateNote.strip();
    }

    /** Returns the instant in ISO 8601 with the city's offset, to the second. */
    static String time(Instant instant, ZoneId zone) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), zone)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static Instant time(String text, String parameter, ZoneId zone, List<String> errors) {
        String t = trimmed(text);
        if (t == null) {
            return null;
        }
        // a '+' of an offset sent unencoded in a query string arrives as a space
        t = t.replace(' ', '+');
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(t).atZone(zone).toInstant();
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(t).atStartOfDay(zone).toInstant();
                } catch (DateTimeParseException notADate) {
                    errors.add(parameter + ": must be an ISO 8601 date-time such as 2026-03-02T09:00:00+08:00, was '"
                            + text + "'");
                    return null;
                }
            }
        }
    }

    private static double coordinate(String text, String parameter, double bound, List<String> errors) {
        if (text == null) {
            errors.add(parameter + ": is required with " + (parameter.equals("lat") ? "long" : "lat"));
            return Double.NaN;
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            errors.add(parameter + ": must be a number, was '" + text + "'");
            return Double.NaN;
        }
        if (!(value >= -bound && value <= bound)) {
            errors.add(parameter + ": must be between -" + (int) bound + " and " + (int) bound + ", was " + text);
        }
        return value;
    }

    private static String limited(Map<String, String> params, String parameter, int max, List<String> errors) {
        String value = trimmed(params.get(parameter));
        if (value != null && value.length() > max) {
            errors.add(parameter + ": is longer than " + max + " characters");
        }
        return value;
    }

    private static boolean httpUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Joins a name the way its script writes it: Chinese family name first without a space. */
    static String personName(String firstName, String lastName) {
        if (firstName == null || lastName == null) {
            return firstName != null ? firstName : lastName;
        }
        boolean chinese = (firstName + lastName).codePoints()
                .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        return chinese ? lastName + firstName : firstName + " " + lastName;
    }

    private static List<String> list(String text) {
        if (text == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (String v : text.split(",")) {
            if (!v.isBlank()) {
                values.add(v.strip());
            }
        }
        return values;
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
