package io.gpucloud.compute.keypair;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * An OpenSSH public key line, {@code <type> <base64 blob> [comment]}, checked the way ssh would read it: a known
 * type, a blob that decodes, and a blob whose wire structure (RFC 4253, 5656, 8709) matches that type exactly.
 *
 * @param blob the decoded key blob, whose MD5 is the fingerprint Nova shows
 */
record OpenSshPublicKey(String type, byte[] blob) {

    /** The types accepted, and the structure of each blob after its leading type string. */
    private enum Layout { RSA, ED25519, ECDSA }

    private static final Map<String, Layout> TYPES = Map.of(
            "ssh-rsa", Layout.RSA,
            "ssh-ed25519", Layout.ED25519,
            "ecdsa-sha2-nistp256", Layout.ECDSA,
            "ecdsa-sha2-nistp384", Layout.ECDSA,
            "ecdsa-sha2-nistp521", Layout.ECDSA);
    private static final int ED25519_KEY_LENGTH = 32;

    OpenSshPublicKey {
        requireNonNull(type, "type is null");
        requireNonNull(blob, "blob is null");
    }

    static OpenSshPublicKey parse(String line) {
        String[] parts = line.strip().split("\\s+", 3);
        if (parts.length < 2) {
            throw new InvalidPublicKeyException("Keypair data is invalid: a public key is '<type> <base64 key> "
                    + "[comment]', as in ~/.ssh/id_ed25519.pub.");
        }
        String type = parts[0];
        Layout layout = TYPES.get(type);
        if (layout == null) {
            throw new InvalidPublicKeyException("Keypair data is invalid: unsupported key type '" + type
                    + "'; use ssh-rsa, ssh-ed25519 or ecdsa-sha2-nistp256/384/521.");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new InvalidPublicKeyException("Keypair data is invalid: the key is not valid base64.");
        }
        checkStructure(type, layout, blob);
        return new OpenSshPublicKey(type, blob);
    }

    String fingerprint() {
        return Fingerprints.md5(blob);
    }

    private static void checkStructure(String type, Layout layout, byte[] blob) {
        ByteBuffer buffer = ByteBuffer.wrap(blob);
        try {
            if (!new String(string(buffer), StandardCharsets.US_ASCII).equals(type)) {
                throw new InvalidPublicKeyException("Keypair data is invalid: the key does not match its type '"
                        + type + "'.");
            }
            switch (layout) {
                case RSA -> {
                    string(buffer); // public exponent
                    if (string(buffer).length < 64) { // modulus, at least 512 bits
                        throw new InvalidPublicKeyException("Keypair data is invalid: the RSA key is too short.");
                    }
                }
                case ED25519 -> {
                    if (string(buffer).length != ED25519_KEY_LENGTH) {
                        throw new InvalidPublicKeyException("Keypair data is invalid: an ed25519 key is 32 bytes.");
                    }
                }
                case ECDSA -> {
                    String curve = new String(string(buffer), StandardCharsets.US_ASCII);
                    if (!type.endsWith(curve)) {
                        throw new InvalidPublicKeyException("Keypair data is invalid: the curve " + curve
                                + " does not match the type " + type + ".");
                    }
                    string(buffer); // the point
                }
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw new InvalidPublicKeyException("Keypair data is invalid: the key is truncated.");
        }
        if (buffer.hasRemaining()) {
            throw new InvalidPublicKeyException("Keypair data is invalid: unexpected data after the key.");
        }
    }

    /** An SSH wire string: a 4-byte big-endian length and that many bytes. */
    private static byte[] string(ByteBuffer buffer) {
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
            throw new java.nio.BufferUnderflowException();
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }
}
