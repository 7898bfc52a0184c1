package io.gpucloud.common.messaging.contract;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/**
 * An instance is gone for good (its guest deleted, or it never got one). Published by compute-api on
 * {@code cloud.events} with routing key {@link #ROUTING_KEY}; the scheduler releases whatever it still holds in
 * Placement for it and ignores any later command about it.
 *
 * <p>Version history: 1: all fields below.
 */
@MessageContract(type = "InstanceDeleted", version = 1)
public record InstanceDeleted(UUID instanceUuid, String projectId) implements MessagePayload {

    public static final String ROUTING_KEY = "instance.deleted";

    public InstanceDeleted {
        requireNonNull(instanceUuid, "instanceUuid is null");
        requireNonNull(projectId, "projectId is null");
    }
}
