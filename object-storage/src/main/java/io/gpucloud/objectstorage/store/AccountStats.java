package io.gpucloud.objectstorage.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * An account (a project's storage) with its usage summed over its containers. An account that was never
 * written to exists implicitly, empty, created at the epoch.
 */
public record AccountStats(String projectId, UserMetadata metadata, Instant createdAt, long containerCount,
        long objectCount, long bytesUsed) {

    public AccountStats {
        requireNonNull(projectId, "projectId is null");
        requireNonNull(metadata, "metadata is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}
