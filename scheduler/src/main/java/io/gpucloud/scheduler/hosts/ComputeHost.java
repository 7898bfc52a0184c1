package io.gpucloud.scheduler.hosts;

import java.time.Instant;
import java.util.UUID;

/**
 * A compute host as its heartbeats describe it.
 *
 * @param down       marked down after missing heartbeats
 * @param traitAdded the marking added COMPUTE_STATUS_DISABLED (false when an operator had disabled the host already)
 */
public record ComputeHost(String host, UUID providerUuid, Instant lastHeartbeat, int heartbeatInterval,
        int instances, boolean down, Instant downSince, boolean traitAdded) {
}
