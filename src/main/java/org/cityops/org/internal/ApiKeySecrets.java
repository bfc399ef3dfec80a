package org.cityops.org.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes API keys and the one-way hashes stored in their place. A key is 256 random bits, so a
 * plain SHA-256 (no salt, no stretching) suffices and lets a key be looked up by its hash.
 */
final class ApiKeySecrets {

    /** Marks a string as a CityOps key, so a leaked one is recognisable in logs and scanners. */
    static final String PREFIX = "cok_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {
    }

    /** Returns a new random key: the prefix and 43 URL-safe characters. */
    static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Returns the lowercase hex SHA-256 of the key. */
    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /** Returns the first characters of the key, enough for an administrator to tell keys apart. */
    static String displayPrefix(String key) {
        return key.substring(0, Math.min(key.length(), PREFIX.length() + 6));
    }
}
