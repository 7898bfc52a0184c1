package io.gpucloud.objectstorage.store;

import static java.util.Objects.requireNonNull;

/**
 * A storage request that cannot be served, with a reason the API layer turns into its own status code
 * (Swift's text bodies, S3's XML error codes), so that the engine knows nothing about HTTP.
 */
public class StorageException extends RuntimeException {

    /** Why a request failed. Each API maps every reason to a status; reasons are never repurposed. */
    public enum Reason {
        NO_SUCH_ACCOUNT,
        NO_SUCH_CONTAINER,
        NO_SUCH_OBJECT,
        CONTAINER_NOT_EMPTY,
        /** The body's MD5 differs from the ETag the client sent. */
        ETAG_MISMATCH,
        /** The body is larger than the store accepts. */
        TOO_LARGE,
        /** The client sent fewer bytes than it announced, or the connection broke during the upload. */
        INCOMPLETE_BODY,
        /** A name that is empty, too long, or holds a character the store does not accept. */
        INVALID_NAME,
        /** User metadata over the count or size limits. */
        INVALID_METADATA,
        /** A large-object manifest that is malformed or names segments that do not match. */
        INVALID_MANIFEST,
        /** A request that contradicts itself or the stored state (e.g. a copy onto itself of a large object). */
        INVALID_REQUEST,
        /** A conditional request whose condition does not hold. */
        PRECONDITION_FAILED,
        /** A large object's segment is gone or was replaced since its manifest was written. */
        SEGMENT_CHANGED,
        /** The multipart upload does not exist (never did, was aborted or completed, or is another key's). */
        NO_SUCH_UPLOAD,
        /** A completion names a part that was not uploaded, or with another ETag. */
        INVALID_PART,
        /** A completion lists its parts out of ascending order. */
        INVALID_PART_ORDER,
        /** A part other than the last is smaller than the minimum part size. */
        PART_TOO_SMALL
    }

    private final Reason reason;

    public StorageException(Reason reason, String message) {
        super(requireNonNull(message, "message is null"));
        this.reason = requireNonNull(reason, "reason is null");
    }

    public StorageException(Reason reason, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.reason = requireNonNull(reason, "reason is null");
    }

    public Reason reason() {
        return reason;
    }
}
