package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.cityops.platform.ProblemException.FieldError;
import org.junit.jupiter.api.Test;

class DeviceCredentialDraftTest {

    @Test
    void aDraftForExistingThingsWithAKeyHasNoProblems() {
        assertThat(new DeviceCredentialDraft("pump-7", "water bureau", List.of(1L, 2L), true, false, null)
                .problems(id -> true)).isEmpty();
    }

    @Test
    void eachProblemNamesItsField() {
        List<FieldError> errors = new DeviceCredentialDraft("x", "", List.of(1L, 9L), false, false, "user")
                .problems(id -> id == 1L);
        assertThat(errors).extracting(FieldError::field)
                .containsExactlyInAnyOrder("name", "integration", "thingIds/1", "apiKey", "mqttUsername");
    }

    @Test
    void theMqttUsernameDefaultsToTheNameAndOnlyExistsWithMqtt() {
        assertThat(new DeviceCredentialDraft("gauge-1", "i", List.of(1L), false, true, null).effectiveMqttUsername())
                .isEqualTo("gauge-1");
        assertThat(new DeviceCredentialDraft("gauge-1", "i", List.of(1L), false, true, "gw@vendor").effectiveMqttUsername())
                .isEqualTo("gw@vendor");
        assertThat(new DeviceCredentialDraft("gauge-1", "i", List.of(1L), true, false, null).effectiveMqttUsername())
                .isNull();
    }

    @Test
    void secretsAreCheckedAgainstTheirHashOnly() {
        String password = DeviceSecrets.newPassword();
        String stored = DeviceSecrets.hash(password);
        assertThat(stored).hasSize(64).doesNotContain(password);
        assertThat(DeviceSecrets.matches(password, stored)).isTrue();
        assertThat(DeviceSecrets.matches(password + "x", stored)).isFalse();
        assertThat(DeviceSecrets.matches(null, stored)).isFalse();
    }
}
