package io.gpucloud.objectstorage.s3.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The URI encoding SigV4 signs with, applied to text that may already be (partly) encoded.
 *
 * <p>AWS's rule: the unreserved characters {@code A-Z a-z 0-9 - _ . ~} stay, every other byte of
 * the UTF-8 form becomes {@code %XX} with upper-case hex, and a space is {@code %20}, never
 * {@code +}. Clients differ in how they encode what they send ({@code $} raw or {@code %24},
 * {@code %2a} or {@code %2A}), so the canonical form is made by decoding what arrived to bytes and
 * encoding those bytes again. Working on bytes, not {@code String}s, keeps invalid UTF-8 intact.
 *
 * <p>A raw {@code +} in the query is read as a space, as servlet containers and MinIO read it; the
 * SDKs never send one (they send {@code %2B} and {@code %20}), and a client that builds its query
 * with form encoding then still verifies. In the path a {@code +} is a plus.
 */
final class UriEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriEncoding() {}

    /**
     * The canonical URI of an S3 request path: each segment decoded once and encoded once.
     *
     * <p>S3 is the one service that neither normalises the path ({@code /a/../b} and {@code //}
     * stay) nor encodes it twice. The path is split on the slashes that were sent as slashes, so
     * an encoded {@code %2F} inside a segment stays {@code %2F}, as the client that sent it
     * encoded it. An empty path is {@code /}.
     */
    static String canonicalPath(String rawPath) {
        if (rawPath.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder(rawPath.length() + 16);
        int start = 0;
        for (int slash = rawPath.indexOf('/'); slash >= 0; slash = rawPath.indexOf('/', start)) {
            out.append(encode(decodeToBytes(rawPath.substring(start, slash), false))).append('/');
            start = slash + 1;
        }
        return out.append(encode(decodeToBytes(rawPath.substring(start), false))).toString();
    }

    /** A query name or value in canonical form; {@code +} in the raw text stands for a space. */
    static String canonicalQueryComponent(String raw) {
        return encode(decodeToBytes(raw, true));
    }

    static String decodeQueryComponent(String raw) {
        return new String(decodeToBytes(raw, true), StandardCharsets.UTF_8);
    }

    /** Encodes {@code text} (not yet encoded) by the AWS rule, {@code /} included. */
    static String encode(String text) {
        return encode(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /**
     * Percent-decodes to bytes. A {@code %} not followed by two hex digits is kept as a literal
     * {@code %}: the signature, not this method, decides whether the request is acceptable.
     */
    private static byte[] decodeToBytes(String raw, boolean plusIsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && hexValue(raw.charAt(i + 1)) >= 0 && hexValue(raw.charAt(i + 2)) >= 0) {
                out.write(hexValue(raw.charAt(i + 1)) << 4 | hexValue(raw.charAt(i + 2)));
                i += 3;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
                i++;
            } else {
                int codePoint = raw.codePointAt(i);
                byte[] utf8 = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
                i += Character.charCount(codePoint);
            }
        }
        return out.toByteArray();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    /** The value of an ASCII hex digit, or -1; {@code Character.digit} would also accept non-ASCII digits. */
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
