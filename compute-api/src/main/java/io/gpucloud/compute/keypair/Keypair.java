package io.gpucloud.compute.keypair;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A user's key pair, as stored: the private half of a generated pair is handed out once and never kept.
 *
 * @param id Nova's integer id, shown by {@code GET /os-keypairs/{name}}
 * @param type {@code ssh} or {@code x509}
 * @param fingerprint as Nova shows it: MD5 of the key blob for ssh, SHA-1 of the certificate for x509, as
 *     colon-separated hex pairs
 */
public record Keypair(long id, String userId, String name, String type, String publicKey, String fingerprint,
        Instant createdAt) {

    public static final String SSH = "ssh";
    public static final String X509 = "x509";

    public Keypair {
        requireNonNull(userId, "userId is null");
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(publicKey, "publicKey is null");
        requireNonNull(fingerprint, "fingerprint is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}
