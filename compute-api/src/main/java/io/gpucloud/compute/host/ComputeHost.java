package io.gpucloud.compute.host;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A compute host as its heartbeats describe it.
 *
 * @param id              a stable integer id (os-services before microversion 2.53)
 * @param hostProvider    its root resource provider (the id from 2.53)
 * @param intervalSeconds how often it promised to beat
 */
public record ComputeHost(int id, String host, UUID hostProvider, Instant lastHeartbeat, int intervalSeconds,
        int instances, boolean disabled, String disabledReason, boolean forcedDown) {

    /** A host as a heartbeat first makes it known: enabled, not forced down. */
    public ComputeHost(int id, String host, UUID hostProvider, Instant lastHeartbeat, int intervalSeconds,
            int instances) {
        this(id, host, hostProvider, lastHeartbeat, intervalSeconds, instances, false, null, false);
    }

    /**
     * Down when an operator forced it down, or when it has missed {@code missedHeartbeats} in a row and been silent for at least {@code downAfter}:
     * the scheduler's rule, so the API and the scheduler agree on which hosts are dead.
     */
    public boolean isDownAt(Instant now, HostLivenessProperties rule) {
        if (forcedDown) {
            return true;
        }
        Duration silence = Duration.between(lastHeartbeat, now);
        Duration missed = Duration.ofSeconds((long) intervalSeconds * rule.missedHeartbeats());
        return silence.compareTo(missed) > 0 && silence.compareTo(rule.downAfter()) > 0;
    }
}
