package io.gpucloud.compute.host;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.messaging.contract.HostHeartbeat;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Which compute hosts are alive, from their heartbeats. */
@Service
public class HostStates {

    private final ComputeHostRepository hosts;
    private final HostLivenessProperties rule;
    private final Clock clock;

    HostStates(ComputeHostRepository hosts, HostLivenessProperties rule, Clock clock) {
        this.hosts = requireNonNull(hosts, "hosts is null");
        this.rule = requireNonNull(rule, "rule is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Transactional
    public void onHeartbeat(HostHeartbeat heartbeat) {
        hosts.record(heartbeat);
    }

    /**
     * Whether the host has stopped beating. A host never heard from is not called down: nothing is known about
     * it, and treating it as dead would drop its guests' deletes on the floor.
     */
    @Transactional(readOnly = true)
    public boolean isDown(String host) {
        return hosts.find(host).map(found -> found.isDownAt(clock.instant(), rule)).orElse(false);
    }

    @Transactional(readOnly = true)
    public List<ComputeHost> all() {
        return hosts.findAll();
    }

    public boolean isDown(ComputeHost host) {
        return host.isDownAt(clock.instant(), rule);
    }
}
