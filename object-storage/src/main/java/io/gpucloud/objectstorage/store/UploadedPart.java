package io.gpucloud.objectstorage.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/** One part of a multipart upload: its number (1 to 10,000), its body file, length and MD5. */
public record UploadedPart(int partNumber, long size, String etag, UUID dataId, Instant lastModified) {

    public UploadedPart {
        requireNonNull(etag, "etag is null");
        requireNonNull(dataId, "dataId is null");
        requireNonNull(lastModified, "lastModified is null");
    }
}
