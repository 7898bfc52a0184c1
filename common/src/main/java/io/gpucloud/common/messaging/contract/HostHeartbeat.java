package io.gpucloud.common.messaging.contract;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * An agent is alive. Published by each agent on {@code cloud.events} with routing key {@link #ROUTING_KEY}
 * every {@code cloud.agent.heartbeat-interval}; the scheduler marks a host whose heartbeats stop down (its
 * root provider gets CUSTOM_COMPUTE_HOST_DOWN) and up again when they resume.
 *
 * <p>Version history: 1: all fields below.
 *
 * @param hostProvider the host's root resource provider
 * @param interval     seconds until the next heartbeat, so the receiver knows when to worry
 * @param instances    how many domains the agent manages now
 */
@MessageContract(type = "HostHeartbeat", version = 1)
public record HostHeartbeat(String host, UUID hostProvider, Instant sentAt, int interval, int instances)
        implements MessagePayload {

    public static final String ROUTING_KEY = "host.heartbeat";

    public HostHeartbeat {
        requireNonNull(host, "host is null");
        requireNonNull(hostProvider, "hostProvider is null");
        requireNonNull(sentAt, "sentAt is null");
        if (interval < 1) {
            throw new IllegalArgumentException("interval must be at least 1 second");
        }
    }
}
