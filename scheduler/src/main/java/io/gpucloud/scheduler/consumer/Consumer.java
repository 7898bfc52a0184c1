package io.gpucloud.scheduler.consumer;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/**
 * Whoever holds allocations (an instance, a migration, a bare-metal deployment). A consumer row exists
 * exactly while it holds at least one allocation; {@code generation} moves on with every write of its
 * allocations (microversion 1.28), {@code consumerType} is null for consumers written before 1.38.
 */
public record Consumer(UUID uuid, String projectId, String userId, String consumerType, int generation) {

    /** What GET shows for a consumer written without a type. */
    public static final String UNKNOWN_TYPE = "unknown";

    public Consumer {
        requireNonNull(uuid, "uuid is null");
        requireNonNull(projectId, "projectId is null");
        requireNonNull(userId, "userId is null");
    }
}
