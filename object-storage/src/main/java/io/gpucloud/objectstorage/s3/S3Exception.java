package io.gpucloud.objectstorage.s3;

import static java.util.Objects.requireNonNull;

/** A request the S3 API refuses, with the S3 error it is answered with. */
final class S3Exception extends RuntimeException {

    private final S3Error error;

    S3Exception(S3Error error, String message) {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.error = requireNonNull(error, "error is null");
    }

    S3Error error() {
        return error;
    }

    static S3Exception noSuchBucket(String bucket) {
        return new S3Exception(S3Error.NO_SUCH_BUCKET, "The specified bucket does not exist");
    }

    static S3Exception invalidArgument(String message) {
        return new S3Exception(S3Error.INVALID_ARGUMENT, message);
    }
}
