package io.gpucloud.common.messaging.contract;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/**
 * A host could not build an instance (libvirt refused the domain, a device was missing, ...) and left
 * nothing behind. Published by the agent on {@code cloud.events} with routing key {@link #ROUTING_KEY};
 * the scheduler retries on another host or gives up with {@link NoValidHost}.
 *
 * <p>Version history: 1: all fields below.
 *
 * @param attempt the {@link BuildInstance#attempt()} that failed (a stale failure is ignored)
 * @param reason  what went wrong, for a person (e.g. libvirt's message)
 */
@MessageContract(type = "BuildFailed", version = 1)
public record BuildFailed(UUID instanceUuid, String host, int attempt, String reason) implements MessagePayload {

    public static final String ROUTING_KEY = "instance.build_failed";

    public BuildFailed {
        requireNonNull(instanceUuid, "instanceUuid is null");
        requireNonNull(host, "host is null");
        requireNonNull(reason, "reason is null");
    }
}
