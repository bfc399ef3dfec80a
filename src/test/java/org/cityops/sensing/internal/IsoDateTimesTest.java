package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The hand-written reader of common ISO 8601 date-times agrees with the formatter it stands in for. */
class IsoDateTimesTest {

    /** Returns what the formatter makes of the text, or the exception's class name. */
    static Object byFormatter(String text) {
        try {
            return OffsetDateTime.parse(text, TimeValue.READ);
        } catch (DateTimeParseException e) {
            return "refused";
        }
    }

    static Object byDateTime(String text) {
        try {
            return TimeValue.dateTime(text);
        } catch (DateTimeParseException e) {
            return "refused";
        }
    }

    @Test
    void theCommonFormsAreReadExactlyAsTheFormatterReadsThem() {
        for (String text : List.of("2026-11-28T10:00:00Z", "2026-11-28T10:00:00.1Z", "2026-11-28T10:00:00.123456789Z",
                "2026-11-28T10:00:00.000+08:00", "2026-11-28T10:00:00-0330", "2026-11-28T10:00:00+08",
                "2024-02-29T23:59:59.5-18:00", "0000-01-01T00:00:00+18:00", "9999-12-31T23:59:59.999999999-00:00",
                "2026-12-31T00:00:00+14:00", "2000-02-29T12:00:00Z")) {
            assertThat(IsoDateTimes.parseCommon(text)).as(text).isNotNull().isEqualTo(byFormatter(text));
        }
    }

    @Test
    void everyOtherFormIsLeftToTheFormatterWhichDecidesAsBefore() {
        for (String text : List.of("2026-11-28T10:00Z", "2026-11-28t10:00:00Z", "2026-11-28T10:00:00z",
                "2026-11-28T10:00:00", "2026-11-28T10:00:00.Z", "2026-11-28T10:00:00.1234567890Z",
                "2026-02-29T10:00:00Z", "2026-02-30T10:00:00Z", "2026-04-31T10:00:00Z", "2026-13-01T10:00:00Z",
                "2026-11-28T24:00:00Z", "2026-11-28T10:60:00Z", "2026-11-28T10:00:60Z", "2026-11-28T10:00:00+19:00",
                "2026-11-28T10:00:00+18:01", "2026-11-28T10:00:00+08:00:00", "2026-11-28T10:00:00+8",
                "+12026-11-28T10:00:00Z", "2026-11-28T10:00:00Z ", " 2026-11-28T10:00:00Z", "2026-1l-28T10:00:00Z",
                "2026-11-28T10:00:00+08:0", "2026-11-28T10:00:00+0800x", "2026-11-28 10:00:00Z", "")) {
            assertThat(IsoDateTimes.parseCommon(text)).as(text).isNull();
            assertThat(byDateTime(text)).as(text).isEqualTo(byFormatter(text));
        }
    }

    @Test
    void randomDateTimesInEveryFormAgreeWithTheFormatter() {
        Random random = new Random(20261128);
        String[] offsets = {"Z", "+08:00", "-0330", "+05", "-12:45", "+1400", "-00:00"};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            text.append(String.format("%04d-%02d-%02dT%02d:%02d:%02d", random.nextInt(10_000), 1 + random.nextInt(13),
                    1 + random.nextInt(31), random.nextInt(25), random.nextInt(61), random.nextInt(61)));
            int digits = random.nextInt(11) - 1;
            if (digits >= 0) {
                text.append('.');
                for (int d = 0; d < digits; d++) {
                    text.append((char) ('0' + random.nextInt(10)));
                }
            }
            text.append(offsets[random.nextInt(offsets.length)]);
            String t = text.toString();
            assertThat(byDateTime(t)).as(t).isEqualTo(byFormatter(t));
        }
    }
}
