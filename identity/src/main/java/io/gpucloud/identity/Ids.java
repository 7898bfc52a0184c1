package io.gpucloud.identity;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

/** Identifiers and secrets in Keystone's forms. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** A new 32-hex-character id, as Keystone's. */
    public static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** {@code bytes} random bytes, hex encoded: for EC2 access keys and secrets. */
    public static String randomHex(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return HexFormat.of().formatHex(buffer);
    }

    /** A random URL-safe string of about {@code bytes * 4 / 3} characters: secrets and audit ids. */
    public static String randomUrlSafe(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }
}
