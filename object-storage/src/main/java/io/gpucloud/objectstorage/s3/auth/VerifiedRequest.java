package io.gpucloud.objectstorage.s3.auth;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A request whose signature checked out: who sent it, and what the body still has to prove.
 *
 * <p>The signature covers the request line and headers only. The body is checked as it is read,
 * by the stream {@link PayloadDecoder#open} returns for this request: SHA-256 for
 * {@link PayloadMode#SIGNED}, chunk signatures and trailer checksum for the streaming modes.
 *
 * @param accessKeyId the access key the client signed with
 * @param projectId the project the key acts in
 * @param userId the user who owns the key
 * @param payloadMode how the body is protected
 * @param payloadSha256 for {@link PayloadMode#SIGNED}, the lower-case hex SHA-256 the body must have
 * @param signing key, time, scope and seed signature, for chunk and trailer signatures
 */
public record VerifiedRequest(
        String accessKeyId,
        String projectId,
        String userId,
        PayloadMode payloadMode,
        Optional<String> payloadSha256,
        SigningContext signing) {
    public VerifiedRequest {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(projectId, "projectId is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(payloadMode, "payloadMode is null");
        requireNonNull(payloadSha256, "payloadSha256 is null");
        requireNonNull(signing, "signing is null");
    }

    /** The request signature, which the chunk-signature chain starts from. */
    public String seedSignature() {
        return signing.seedSignature();
    }
}
