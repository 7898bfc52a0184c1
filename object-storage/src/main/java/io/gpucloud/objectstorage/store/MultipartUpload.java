package io.gpucloud.objectstorage.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/** An S3 multipart upload in progress: the key it will become and the attributes its object will have. */
public record MultipartUpload(UUID id, long containerId, String name, String contentType, UserMetadata metadata,
        Instant initiatedAt) {

    public MultipartUpload {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(contentType, "contentType is null");
        requireNonNull(metadata, "metadata is null");
        requireNonNull(initiatedAt, "initiatedAt is null");
    }
}
