package io.gpucloud.scheduler.hosts;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.compute.GpuTraits;
import io.gpucloud.common.messaging.contract.HostHeartbeat;
import io.gpucloud.scheduler.trait.TraitService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which compute hosts are alive. Each heartbeat is recorded; a host that misses
 * {@code cloud.scheduler.hosts.missed-heartbeats} in a row (and has been silent for at least
 * {@code down-after}) is marked down: its root provider gets CUSTOM_COMPUTE_HOST_DOWN, which every scheduling
 * request forbids, so nothing new lands there while its guests are left alone. Its next heartbeat takes the
 * marker away again. An operator's disable (COMPUTE_STATUS_DISABLED, through os-services) is a different trait,
 * which this never touches. Several scheduler replicas may check at once:
 * each host row is claimed with {@code SKIP LOCKED}.
 */
@Service
public class HostLiveness {

    private static final Logger log = LoggerFactory.getLogger(HostLiveness.class);

    private final ComputeHostRepository hosts;
    private final TraitService traits;
    private final HostLivenessProperties properties;
    private final Counter markedDown;
    private final Counter markedUp;

    HostLiveness(ComputeHostRepository hosts, TraitService traits, HostLivenessProperties properties,
            MeterRegistry meters) {
        this.hosts = requireNonNull(hosts, "hosts is null");
        this.traits = requireNonNull(traits, "traits is null");
        this.properties = requireNonNull(properties, "properties is null");
        this.markedDown = Counter.builder("cloud.scheduler.hosts.marked.down")
                .description("Hosts marked down after missing heartbeats").register(meters);
        this.markedUp = Counter.builder("cloud.scheduler.hosts.marked.up")
                .description("Hosts marked up again when heartbeats resumed").register(meters);
    }

    @Transactional
    public void onHeartbeat(HostHeartbeat heartbeat) {
        Optional<ComputeHost> before = hosts.recordHeartbeat(heartbeat.host(), heartbeat.hostProvider(),
                heartbeat.interval(), heartbeat.instances());
        if (before.isPresent() && before.get().down()) {
            hosts.markUp(heartbeat.host());
            if (before.get().traitAdded()) {
                traits.removeFromProvider(before.get().providerUuid(), GpuTraits.HOST_DOWN);
            }
            markedUp.increment();
            log.info("Host {} is back (heartbeat after {} s of silence); scheduling to it again", heartbeat.host(),
                    Duration.between(before.get().lastHeartbeat(), heartbeat.sentAt()).toSeconds());
        }
    }

    /** Marks silent hosts down; returns the hosts marked. */
    @Transactional
    public List<String> markSilentHostsDown() {
        List<ComputeHost> silent = hosts.lockSilent(properties.missedHeartbeats(), properties.downAfter());
        for (ComputeHost host : silent) {
            // The marker is this class's alone; "added" is false only if it was somehow there already.
            hosts.markDown(host.host(), traits.addToProvider(host.providerUuid(), GpuTraits.HOST_DOWN));
            markedDown.increment();
            log.warn("Host {} missed its heartbeats (last {}); marked down, no longer scheduled to", host.host(),
                    host.lastHeartbeat());
        }
        return silent.stream().map(ComputeHost::host).toList();
    }

    @Transactional(readOnly = true)
    public List<ComputeHost> hosts() {
        return hosts.findAll();
    }
}
