package org.cityops.sensing.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes device secrets (API keys and MQTT passwords) and the hashes stored in their place. The
 * server generates every secret from 256 random bits, so a plain SHA-256 suffices: a slow hash
 * protects guessable passwords, and these are not guessable. It also keeps an MQTT CONNECT cheap
 * when thousands of devices reconnect at once.
 */
final class DeviceSecrets {

    /** Marks a device API key, so a leaked one is recognisable in logs and scanners. */
    static final String KEY_PREFIX = "cod_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private DeviceSecrets() {
    }

    /** Returns a new device API key: the prefix and 43 URL-safe characters. */
    static String newKey() {
        return KEY_PREFIX + random();
    }

    /** Returns a new MQTT password: 43 URL-safe characters. */
    static String newPassword() {
        return random();
    }

    /** Returns the lowercase hex SHA-256 of the secret. */
    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /** Returns whether the secret hashes to the stored hash, comparing in constant time. */
    static boolean matches(String secret, String storedHash) {
        return secret != null && storedHash != null && MessageDigest.isEqual(
                hash(secret).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** Returns the first characters of a key, enough for an administrator to tell keys apart. */
    static String displayPrefix(String key) {
        return key.substring(0, Math.min(key.length(), KEY_PREFIX.length() + 6));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
