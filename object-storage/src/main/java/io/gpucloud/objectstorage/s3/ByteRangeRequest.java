package io.gpucloud.objectstorage.s3;

import io.gpucloud.objectstorage.store.ByteRange;
import java.util.Optional;

/** {@link ByteRange} with S3's answer to a range beyond the object: InvalidRange (416). */
final class ByteRangeRequest {

    private ByteRangeRequest() {
    }

    static Optional<ByteRange> parse(String header, long size) {
        try {
            return ByteRange.parse(header, size);
        } catch (ByteRange.Unsatisfiable e) {
            throw new S3Exception(S3Error.INVALID_RANGE, "The requested range is not satisfiable");
        }
    }
}
