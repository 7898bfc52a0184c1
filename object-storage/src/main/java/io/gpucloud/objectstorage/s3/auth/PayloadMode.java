package io.gpucloud.objectstorage.s3.auth;

import java.util.Optional;

/**
 * How the request body is protected, from the {@code x-amz-content-sha256} header. Decides which
 * stream {@link PayloadDecoder} puts in front of the body.
 */
public enum PayloadMode {
    /** The header carries the SHA-256 of the whole body; the body must hash to it. */
    SIGNED(null),
    /** {@code UNSIGNED-PAYLOAD}: the body is not covered by the signature (presigned URLs, TLS clients). */
    UNSIGNED("UNSIGNED-PAYLOAD"),
    /** aws-chunked body, each chunk signed in a chain from the seed signature. */
    STREAMING_SIGNED("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"),
    /** aws-chunked body, chunks signed, followed by a signed trailer carrying a checksum. */
    STREAMING_SIGNED_TRAILER("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"),
    /** aws-chunked body without chunk signatures, followed by a trailer checksum; awscli's default over TLS. */
    STREAMING_UNSIGNED_TRAILER("STREAMING-UNSIGNED-PAYLOAD-TRAILER");

    private final String headerValue;

    PayloadMode(String headerValue) {
        this.headerValue = headerValue;
    }

    /** Whether the body is aws-chunked framed. */
    public boolean isStreaming() {
        return this == STREAMING_SIGNED || this == STREAMING_SIGNED_TRAILER || this == STREAMING_UNSIGNED_TRAILER;
    }

    /** Whether the body ends with a trailer section that carries a checksum. */
    public boolean hasTrailer() {
        return this == STREAMING_SIGNED_TRAILER || this == STREAMING_UNSIGNED_TRAILER;
    }

    /** Whether each chunk carries a signature chained from the seed signature. */
    public boolean hasChunkSignatures() {
        return this == STREAMING_SIGNED || this == STREAMING_SIGNED_TRAILER;
    }

    /**
     * The mode named by an {@code x-amz-content-sha256} value: a literal, or 64 hex digits for
     * {@link #SIGNED}. Empty for anything else, including the SigV4a {@code STREAMING-AWS4-ECDSA-*}
     * literals, which this endpoint does not verify.
     */
    public static Optional<PayloadMode> fromContentSha256(String value) {
        for (PayloadMode mode : values()) {
            if (mode.headerValue != null && mode.headerValue.equals(value)) {
                return Optional.of(mode);
            }
        }
        return SigV4Crypto.isSha256Hex(value) ? Optional.of(SIGNED) : Optional.empty();
    }
}
