package io.gpucloud.objectstorage.s3.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hashing SigV4 is built from: SHA-256, HMAC-SHA256 and the signing-key derivation, all from
 * the JDK's own providers.
 */
final class SigV4Crypto {
    /** SHA-256 of zero bytes, the hashed payload of every bodiless request and of each empty chunk. */
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final HexFormat HEX = HexFormat.of();

    private SigV4Crypto() {}

    /**
     * {@code HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")}. The
     * key depends only on the secret and the scope, so a streaming upload derives it once and
     * reuses it for every chunk.
     */
    static byte[] deriveSigningKey(String secretAccessKey, CredentialScope scope) {
        byte[] dateKey = hmacSha256(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), scope.date());
        byte[] regionKey = hmacSha256(dateKey, scope.region());
        byte[] serviceKey = hmacSha256(regionKey, scope.service());
        return hmacSha256(serviceKey, scope.terminator());
    }

    /** The lower-case hex HMAC-SHA256 of {@code stringToSign}: a SigV4 signature. */
    static String sign(byte[] signingKey, String stringToSign) {
        return hex(hmacSha256(signingKey, stringToSign));
    }

    static byte[] hmacSha256(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
        }
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    static String sha256Hex(String text) {
        return hex(newSha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String sha256Hex(byte[] data, int offset, int length) {
        MessageDigest digest = newSha256();
        digest.update(data, offset, length);
        return hex(digest.digest());
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /**
     * Compares a computed signature with the one the client sent, in time that does not depend on
     * where they first differ, so response timing cannot be used to guess a signature byte by byte.
     */
    static boolean signaturesMatch(String computed, String provided) {
        return MessageDigest.isEqual(
                computed.getBytes(StandardCharsets.US_ASCII),
                provided.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether {@code value} is 64 hex digits, the shape of a SHA-256 or a signature. */
    static boolean isSha256Hex(String value) {
        if (value.length() != 64) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
