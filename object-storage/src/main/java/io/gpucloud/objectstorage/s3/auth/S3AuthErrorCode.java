package io.gpucloud.objectstorage.s3.auth;

/**
 * The S3 error codes that authentication and payload verification can produce, each with the HTTP
 * status S3 answers it with.
 *
 * <p>The {@link #code()} strings are what S3 clients match on (botocore retries
 * {@code RequestTimeTooSkewed} after correcting its clock, for example), so they are copied from the
 * S3 error catalogue and must never be renamed.
 */
public enum S3AuthErrorCode {
    /** Signature, access key and scope parsed, but the computed signature differs. */
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403),
    /** Credentials were understood but do not grant this request (expired presigned URL, unsigned x-amz-* header). */
    ACCESS_DENIED("AccessDenied", 403),
    /** The access key id is not known to identity. */
    INVALID_ACCESS_KEY_ID("InvalidAccessKeyId", 403),
    /** The Authorization header cannot be parsed, or its credential scope is wrong for this endpoint. */
    AUTHORIZATION_HEADER_MALFORMED("AuthorizationHeaderMalformed", 400),
    /** The presigned-URL query parameters cannot be parsed, or their scope is wrong for this endpoint. */
    AUTHORIZATION_QUERY_PARAMETERS_ERROR("AuthorizationQueryParametersError", 400),
    /** The request time is further from the server clock than the allowed skew. */
    REQUEST_TIME_TOO_SKEWED("RequestTimeTooSkewed", 403),
    /** The body does not hash to the value the client signed in x-amz-content-sha256. */
    X_AMZ_CONTENT_SHA256_MISMATCH("XAmzContentSHA256Mismatch", 400),
    /** A header that this kind of request must carry is absent. */
    MISSING_SECURITY_HEADER("MissingSecurityHeader", 400),
    /** The request combines features that cannot go together, or uses an unsupported mechanism (SigV2). */
    INVALID_REQUEST("InvalidRequest", 400),
    /** A header or parameter has a value outside what S3 accepts. */
    INVALID_ARGUMENT("InvalidArgument", 400),
    /** An aws-chunked body carries no x-amz-decoded-content-length. */
    MISSING_CONTENT_LENGTH("MissingContentLength", 411),
    /** The body ended before the declared number of bytes arrived. */
    INCOMPLETE_BODY("IncompleteBody", 400),
    /** An aws-chunked chunk header is unreadable or announces a chunk larger than allowed. */
    INVALID_CHUNK_SIZE_ERROR("InvalidChunkSizeError", 403),
    /** The trailer section of an aws-chunked body is missing or not well formed. */
    MALFORMED_TRAILER_ERROR("MalformedTrailerError", 400),
    /** A checksum sent by the client (header or trailer) does not match the bytes received. */
    BAD_DIGEST("BadDigest", 400),
    /** A checksum sent by the client is not valid base64 of the right length. */
    INVALID_DIGEST("InvalidDigest", 400);

    private final String code;
    private final int httpStatus;

    S3AuthErrorCode(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The {@code <Code>} element of the S3 XML error body. */
    public String code() {
        return code;
    }

    /** The HTTP status S3 answers this error with. */
    public int httpStatus() {
        return httpStatus;
    }
}
