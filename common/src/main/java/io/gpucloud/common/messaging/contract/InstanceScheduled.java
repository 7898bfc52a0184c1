package io.gpucloud.common.messaging.contract;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.UUID;

/**
 * The scheduler claimed resources for an instance on a host and sent it {@link BuildInstance}. Published on
 * {@code cloud.events} with routing key {@link #ROUTING_KEY}, so compute-api can show admins the host and GPUs
 * while the build runs.
 *
 * <p>Version history: 1: all fields below.
 */
@MessageContract(type = "InstanceScheduled", version = 1)
public record InstanceScheduled(UUID instanceUuid, String host, UUID hostProvider, int attempt,
        List<BuildInstance.ClaimedGpu> gpus) implements MessagePayload {

    public static final String ROUTING_KEY = "instance.scheduled";

    public InstanceScheduled {
        requireNonNull(instanceUuid, "instanceUuid is null");
        requireNonNull(host, "host is null");
        gpus = List.copyOf(gpus);
    }
}
