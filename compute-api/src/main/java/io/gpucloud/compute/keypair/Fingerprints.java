package io.gpucloud.compute.keypair;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Key fingerprints as Nova prints them: colon-separated lower-case hex pairs, e.g. {@code 1e:2c:...}. */
final class Fingerprints {

    private Fingerprints() {
    }

    static String md5(byte[] data) {
        return digest("MD5", data);
    }

    static String sha1(byte[] data) {
        return digest("SHA-1", data);
    }

    private static String digest(String algorithm, byte[] data) {
        try {
            return HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from the JDK", e);
        }
    }
}
