package org.cityops.org.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeySecretsTests {

    @Test
    void newKeysAreLongRandomAndRecognisable() {
        String a = ApiKeySecrets.newKey();
        String b = ApiKeySecrets.newKey();

        assertThat(a).startsWith("cok_").hasSize(47).matches("cok_[A-Za-z0-9_-]{43}");
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void theStoredHashIsTheHexSha256OfTheKey() {
        assertThat(ApiKeySecrets.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void theDisplayPrefixShowsTooLittleToUseTheKey() {
        String key = ApiKeySecrets.newKey();

        assertThat(ApiKeySecrets.displayPrefix(key)).hasSize(10).isEqualTo(key.substring(0, 10));
    }
}
