package io.gpucloud.objectstorage.s3.auth;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A request failed S3 authentication or payload verification.
 *
 * <p>Carries the S3 error code and the extra elements S3 puts in its XML error body
 * ({@code <StringToSign>}, {@code <CanonicalRequest>}, {@code <Region>}, {@code <ServerTime>} ...),
 * in the order S3 lists them. None of them is secret: they are what the client itself hashed, which
 * lets a client author see where its canonical request differs from ours.
 *
 * <p>Unchecked so that it passes through {@link java.io.InputStream} consumers such as
 * {@code InputStream.transferTo}: the payload streams throw it from {@code read} when a chunk
 * signature or trailing checksum fails, and whoever writes the body to disk must discard what it
 * wrote (catch it, or clean up in {@code finally}).
 */
public final class S3AuthException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Error-body element names used by more than one check. */
    static final String STRING_TO_SIGN = "StringToSign";
    static final String CANONICAL_REQUEST = "CanonicalRequest";

    private final S3AuthErrorCode errorCode;
    private final Map<String, String> details;

    public S3AuthException(S3AuthErrorCode errorCode, String message) {
        this(errorCode, message, Map.of());
    }

    public S3AuthException(S3AuthErrorCode errorCode, String message, Map<String, String> details) {
        super(requireNonNull(message, "message is null"));
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(details, "details is null")));
    }

    public S3AuthErrorCode errorCode() {
        return errorCode;
    }

    /** The HTTP status to answer with; the same as {@code errorCode().httpStatus()}. */
    public int httpStatus() {
        return errorCode.httpStatus();
    }

    /** Extra elements for the S3 XML error body, element name to text, in S3's order. */
    public Map<String, String> details() {
        return details;
    }

    /** For {@code SignatureDoesNotMatch}: the string to sign that the server computed. */
    public Optional<String> stringToSign() {
        return Optional.ofNullable(details.get(STRING_TO_SIGN));
    }

    /** For {@code SignatureDoesNotMatch} on a request signature: the server's canonical request. */
    public Optional<String> canonicalRequest() {
        return Optional.ofNullable(details.get(CANONICAL_REQUEST));
    }
}
