package io.gpucloud.objectstorage.s3.auth;

import static java.util.Objects.requireNonNull;

/**
 * What a verified request leaves behind for checking the chunk and trailer signatures of its
 * aws-chunked body: the derived signing key (never the secret), the request time, the scope and
 * the seed signature that starts the chain.
 *
 * <p>{@link #toString()} leaves the key out.
 */
public final class SigningContext {
    private final byte[] signingKey;
    private final String amzDate;
    private final CredentialScope scope;
    private final String seedSignature;

    public SigningContext(byte[] signingKey, String amzDate, CredentialScope scope, String seedSignature) {
        this.signingKey = requireNonNull(signingKey, "signingKey is null").clone();
        this.amzDate = requireNonNull(amzDate, "amzDate is null");
        this.scope = requireNonNull(scope, "scope is null");
        this.seedSignature = requireNonNull(seedSignature, "seedSignature is null");
    }

    /** The derived SigV4 signing key for {@link #scope()}; a copy. */
    public byte[] signingKey() {
        return signingKey.clone();
    }

    /** The request time as signed, {@code yyyyMMdd'T'HHmmss'Z'}. */
    public String amzDate() {
        return amzDate;
    }

    public CredentialScope scope() {
        return scope;
    }

    /** The request's own signature (header or query), which the first chunk signature chains from. */
    public String seedSignature() {
        return seedSignature;
    }

    /** Package-private view without the copy, for the per-chunk HMACs. */
    byte[] key() {
        return signingKey;
    }

    @Override
    public String toString() {
        return "SigningContext[amzDate=" + amzDate + ", scope=" + scope.value() + ", seedSignature=" + seedSignature + "]";
    }
}
