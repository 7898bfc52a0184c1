package io.gpucloud.common.messaging.contract;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/**
 * The scheduler found no host for an instance (or every host it tried failed to build it); nothing is
 * claimed for it any more. Published on {@code cloud.events} with routing key {@link #routingKey(UUID)}
 * (partitioned by instance); compute-api puts the instance in ERROR with {@link #reason()} as its fault.
 *
 * <p>Version history: 1: all fields below.
 *
 * @param reason   for a person, e.g. "no host in az1 has 2 free A100 on one NVLink domain: 12 hosts have A100, 0 with 2 free"
 * @param attempts how many hosts were tried (0 when none fitted)
 */
@MessageContract(type = "NoValidHost", version = 1)
public record NoValidHost(UUID instanceUuid, String projectId, String reason, int attempts) implements MessagePayload {

    /** The type's key; events go out under {@link #routingKey(UUID)}, partitioned by instance. */
    public static final String ROUTING_KEY = "instance.no_valid_host";

    /** Where an event about this instance is published: {@link InstanceEventPartitions#routingKey}. */
    public static String routingKey(UUID instance) {
        return InstanceEventPartitions.routingKey(ROUTING_KEY, instance);
    }

    public NoValidHost {
        requireNonNull(instanceUuid, "instanceUuid is null");
        requireNonNull(reason, "reason is null");
    }
}
