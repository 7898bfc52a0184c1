package io.gpucloud.compute.host;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.messaging.contract.HostHeartbeat;
import io.gpucloud.common.compute.GpuTraits;
import io.gpucloud.common.placement.PlacementClient;
import io.gpucloud.compute.placement.ComputePlacement;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Which compute hosts are alive, from their heartbeats. */
@Service
public class HostStates {

    private final ComputeHostRepository hosts;
    private final HostLivenessProperties rule;
    private final ComputePlacement placement;
    private final Clock clock;

    HostStates(ComputeHostRepository hosts, HostLivenessProperties rule, ComputePlacement placement, Clock clock) {
        this.hosts = requireNonNull(hosts, "hosts is null");
        this.rule = requireNonNull(rule, "rule is null");
        this.placement = requireNonNull(placement, "placement is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Transactional(readOnly = true)
    public Optional<ComputeHost> find(String host) {
        return hosts.find(host);
    }

    @Transactional(readOnly = true)
    public Optional<ComputeHost> findByProvider(UUID provider) {
        return hosts.findByProvider(provider);
    }

    /**
     * An operator's word about a host. Disabling puts COMPUTE_STATUS_DISABLED on its provider in Placement, which
     * every scheduling request forbids (the scheduler's own down-marking leaves a trait it did not add alone);
     * enabling takes it away. Forced down makes the host count as dead at once (local deletes), until lifted.
     */
    @Transactional
    public ComputeHost changeStatus(ComputeHost host, boolean disabled, String disabledReason, boolean forcedDown) {
        if (disabled != host.disabled()) {
            placement.call((disabled ? "Disabling " : "Enabling ") + "host " + host.host(), client -> {
                setDisabledTrait(client, host.hostProvider(), disabled);
                return null;
            });
        }
        hosts.updateStatus(host.host(), disabled, disabled ? disabledReason : null, forcedDown);
        return hosts.find(host.host()).orElseThrow();
    }

    private static void setDisabledTrait(PlacementClient client, UUID provider, boolean present) {
        client.updateTraits(provider, traits -> {
            Set<String> changed = new HashSet<>(traits);
            if (present) {
                changed.add(GpuTraits.COMPUTE_STATUS_DISABLED);
            } else {
                changed.remove(GpuTraits.COMPUTE_STATUS_DISABLED);
            }
            return changed;
        });
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
