package io.gpucloud.objectstorage.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A container (an S3 bucket) with counts kept exact by the transactions that change its objects. */
public record Container(long id, String account, String name, long objectCount, long bytesUsed,
        UserMetadata metadata, Instant createdAt, Instant updatedAt) {

    public Container {
        requireNonNull(account, "account is null");
        requireNonNull(name, "name is null");
        requireNonNull(metadata, "metadata is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }
}
