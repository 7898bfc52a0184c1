package io.gpucloud.common.messaging.contract;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.UUID;

/**
 * The scheduler claimed resources for an instance on a host and sent it {@link BuildInstance}. Published on
 * {@code cloud.events} with routing key {@link #routingKey(UUID)} (partitioned by instance), so compute-api can
 * show admins the host and GPUs while the build runs.
 *
 * <p>Version history: 1: all fields below.
 */
@MessageContract(type = "InstanceScheduled", version = 1)
public record InstanceScheduled(UUID instanceUuid, String host, UUID hostProvider, int attempt,
        List<BuildInstance.ClaimedGpu> gpus) implements MessagePayload {

    /** The type's key; events go out under {@link #routingKey(UUID)}, partitioned by instance. */
    public static final String ROUTING_KEY = "instance.scheduled";

    /** Where an event about this instance is published: {@link InstanceEventPartitions#routingKey}. */
    public static String routingKey(UUID instance) {
        return InstanceEventPartitions.routingKey(ROUTING_KEY, instance);
    }

    public InstanceScheduled {
        requireNonNull(instanceUuid, "instanceUuid is null");
        requireNonNull(host, "host is null");
        gpus = List.copyOf(gpus);
    }
}
