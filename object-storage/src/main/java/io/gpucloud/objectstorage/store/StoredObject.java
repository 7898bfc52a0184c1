package io.gpucloud.objectstorage.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The current version of an object. Its body is the file {@code dataId}, or, for a static large object,
 * the concatenation of {@code segments}, or, for a completed S3 multipart upload, the parts of
 * {@code multipartUpload} in part-number order (and {@code dataId} is null in both cases). A dynamic large
 * object has a body file of its own (usually empty) but is read as the objects under {@code dloManifest}
 * ({@code container/prefix}).
 */
public record StoredObject(long containerId, String name, long size, String etag, String contentType,
        Instant lastModified, UUID dataId, List<Segment> segments, String dloManifest, UserMetadata metadata,
        UUID multipartUpload) {

    public StoredObject {
        requireNonNull(name, "name is null");
        requireNonNull(etag, "etag is null");
        requireNonNull(contentType, "contentType is null");
        requireNonNull(lastModified, "lastModified is null");
        requireNonNull(metadata, "metadata is null");
        segments = segments == null ? null : List.copyOf(segments);
        int bodies = (dataId != null ? 1 : 0) + (segments != null ? 1 : 0) + (multipartUpload != null ? 1 : 0);
        if (bodies != 1) {
            throw new IllegalArgumentException("an object has one of a body file, a segment list or multipart parts");
        }
    }

    /** An object that is not a multipart upload's. */
    public StoredObject(long containerId, String name, long size, String etag, String contentType,
            Instant lastModified, UUID dataId, List<Segment> segments, String dloManifest, UserMetadata metadata) {
        this(containerId, name, size, etag, contentType, lastModified, dataId, segments, dloManifest, metadata, null);
    }

    public boolean isStaticLargeObject() {
        return segments != null;
    }

    /** Whether the body is the parts of a completed S3 multipart upload. */
    public boolean isMultipart() {
        return multipartUpload != null;
    }

    public boolean isDynamicLargeObject() {
        return dloManifest != null;
    }

    /** This object as a row of container {@code id}. */
    public StoredObject inContainer(long id) {
        return new StoredObject(id, name, size, etag, contentType, lastModified, dataId, segments, dloManifest, metadata,
                multipartUpload);
    }
}
