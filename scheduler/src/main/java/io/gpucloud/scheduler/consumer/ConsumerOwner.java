package io.gpucloud.scheduler.consumer;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/**
 * Who a write of allocations says the consumer belongs to. {@code consumerType} is null when the writer
 * named none (before microversion 1.38): an existing consumer keeps its type, a new one gets none.
 */
public record ConsumerOwner(UUID uuid, String projectId, String userId, String consumerType) {

    /**
     * The project and user Placement records for writers before microversion 1.8, which name neither
     * (Placement's {@code incomplete_consumer_project_id} and {@code incomplete_consumer_user_id}).
     */
    public static final String INCOMPLETE_CONSUMER_ID = "00000000-0000-0000-0000-000000000000";

    public ConsumerOwner {
        requireNonNull(uuid, "uuid is null");
        requireNonNull(projectId, "projectId is null");
        requireNonNull(userId, "userId is null");
    }
}
