package io.gpucloud.objectstorage.s3.auth;

/**
 * What to do with a header-signed request that has no {@code x-amz-content-sha256} header.
 *
 * <p>AWS S3 rejects such requests. curl up to 8.0 ({@code --aws-sigv4}, Debian 12 ships 7.88) sends
 * none; it signs the SHA-256 of the body it sends from {@code --data}, and of zero bytes for
 * bodiless requests and {@code -T} uploads. Swift's s3api accepts the request and treats the body
 * as unsigned; {@link #ASSUME_EMPTY_PAYLOAD} does the same.
 */
public enum MissingContentSha256Policy {
    /** Answer {@code InvalidRequest}, as AWS does. */
    REJECT,
    /**
     * Verify the signature with the SHA-256 of an empty body as the hashed payload, then treat the
     * body as {@link PayloadMode#UNSIGNED}. curl's GET, HEAD, DELETE and {@code -T} uploads pass;
     * its {@code --data} uploads fail with {@code SignatureDoesNotMatch}.
     */
    ASSUME_EMPTY_PAYLOAD
}
