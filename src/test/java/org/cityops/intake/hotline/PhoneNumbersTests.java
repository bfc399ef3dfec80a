package org.cityops.intake.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneNumbersTests {

    @Test
    void aMobileNumberIsStoredAsItsElevenDigits() {
        assertThat(PhoneNumbers.normalize("138 1234 5678")).contains("13812345678");
        assertThat(PhoneNumbers.normalize("+86 138-1234-5678")).contains("13812345678");
        assertThat(PhoneNumbers.normalize("008613812345678")).contains("13812345678");
    }

    @Test
    void aLandlineNeedsItsAreaCode() {
        assertThat(PhoneNumbers.normalize("021-64871234")).contains("02164871234");
        assertThat(PhoneNumbers.normalize("0755 8888888")).contains("07558888888");
        assertThat(PhoneNumbers.normalize("64871234")).isEmpty();
    }

    @Test
    void somethingElseIsNotAPhoneNumber() {
        assertThat(PhoneNumbers.normalize("12345678901")).as("no mobile prefix 12").isEmpty();
        assertThat(PhoneNumbers.normalize("1381234567")).as("ten digits").isEmpty();
        assertThat(PhoneNumbers.normalize("138123456789")).as("twelve digits").isEmpty();
        assertThat(PhoneNumbers.normalize("call me")).isEmpty();
        assertThat(PhoneNumbers.normalize(null)).isEmpty();
    }

    @Test
    void maskingKeepsTheFirstThreeAndLastFourDigits() {
        assertThat(PhoneNumbers.mask("13812345678")).isEqualTo("138****5678");
        assertThat(PhoneNumbers.mask("02164871234")).isEqualTo("021****1234");
        assertThat(PhoneNumbers.mask("075588888888")).isEqualTo("075*****8888");
    }

    @Test
    void aShortNumberShowsOnlyItsLastTwoDigits() {
        assertThat(PhoneNumbers.mask("1234567")).isEqualTo("*****67");
        assertThat(PhoneNumbers.mask(null)).isNull();
    }
}
