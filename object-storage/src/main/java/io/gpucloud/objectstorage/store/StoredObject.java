package io.gpucloud.objectstorage.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The current version of an object. Its body is the file {@code dataId}, or, for a static large object,
 * the concatenation of {@code segments} (and {@code dataId} is null). A dynamic large object has a body
 * file of its own (usually empty) but is read as the objects under {@code dloManifest}
 * ({@code container/prefix}).
 */
public record StoredObject(long containerId, String name, long size, String etag, String contentType,
        Instant lastModified, UUID dataId, List<Segment> segments, String dloManifest, UserMetadata metadata) {

    public StoredObject {
        requireNonNull(name, "name is null");
        requireNonNull(etag, "etag is null");
        requireNonNull(contentType, "contentType is null");
        requireNonNull(lastModified, "lastModified is null");
        requireNonNull(metadata, "metadata is null");
        segments = segments == null ? null : List.copyOf(segments);
        if ((dataId == null) == (segments == null)) {
            throw new IllegalArgumentException("an object has either a body file or a segment list");
        }
    }

    public boolean isStaticLargeObject() {
        return segments != null;
    }

    public boolean isDynamicLargeObject() {
        return dloManifest != null;
    }

    /** This object as a row of container {@code id}. */
    public StoredObject inContainer(long id) {
        return new StoredObject(id, name, size, etag, contentType, lastModified, dataId, segments, dloManifest, metadata);
    }
}
