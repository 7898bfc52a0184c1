package io.gpucloud.compute.server;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.messaging.contract.InstanceScheduled;
import io.gpucloud.common.messaging.contract.InstanceStateChanged;
import io.gpucloud.common.messaging.contract.NoValidHost;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the scheduler and the hosts report, applied to the instances: each handler locks the instance, asks its
 * {@link Lifecycle} what follows, and stores that. Runs inside the consumer's transaction (deduplicated by message
 * id). Reports about deleted instances, from a host that is no longer the instance's, or older than the last
 * applied report are ignored.
 */
@Service
public class ServerEvents {

    private static final Logger log = LoggerFactory.getLogger(ServerEvents.class);

    private final InstanceRepository instances;
    private final ServerService servers;
    private final Clock clock;

    ServerEvents(InstanceRepository instances, ServerService servers, Clock clock) {
        this.instances = requireNonNull(instances, "instances is null");
        this.servers = requireNonNull(servers, "servers is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void onScheduled(InstanceScheduled event) {
        live(event.instanceUuid()).ifPresent(instance -> {
            Lifecycle next = instance.lifecycle().scheduled();
            instances.update(instance.withLifecycle(next).withPlacement(event.host(), event.gpus().stream()
                    .map(gpu -> new HeldGpu(gpu.provider(), gpu.providerName(), gpu.resourceClass(), gpu.amount()))
                    .toList()));
        });
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void onNoValidHost(NoValidHost event) {
        live(event.instanceUuid()).ifPresent(instance -> {
            if (instance.lifecycle().deleting()) {
                // Deleted while the scheduler looked: nothing was claimed, so it is simply gone.
                servers.finishDelete(instance.withPlacement(null, java.util.List.of()));
                return;
            }
            instances.update(instance.withLifecycle(instance.lifecycle().noValidHost())
                    .withPlacement(null, java.util.List.of())
                    .withFault(new Fault(500, "No valid host was found. " + event.reason(), clock.instant())));
            log.info("server {} in ERROR: no valid host: {}", instance.uuid(), event.reason());
        });
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void onStateChanged(InstanceStateChanged event) {
        live(event.instanceUuid()).ifPresent(instance -> {
            if (instance.host() != null && !instance.host().equals(event.host())) {
                log.info("ignoring {} for server {} from {}: it is on {}", event.state(), instance.uuid(),
                        event.host(), instance.host());
                return;
            }
            if (instance.lastObservedAt() != null && event.observedAt().isBefore(instance.lastObservedAt())) {
                return;
            }
            Instance observed = instance.observedAt(event.observedAt());
            if (instance.host() == null) {
                observed = observed.withPlacement(event.host(), instance.gpus());
            }
            if (event.state() == InstanceStateChanged.State.DELETED) {
                servers.finishDelete(observed);
                return;
            }
            Lifecycle next = instance.lifecycle().observed(event.state());
            observed = observed.withLifecycle(next);
            if (next.vm() == VmState.ACTIVE) {
                observed = observed.launched(event.observedAt());
            }
            if (event.state() == InstanceStateChanged.State.ERROR && !next.deleting()) {
                observed = observed.withFault(new Fault(500, event.reason() == null ? "The host reported an error."
                        : event.reason(), clock.instant()));
            }
            instances.update(observed);
        });
    }

    private Optional<Instance> live(java.util.UUID uuid) {
        return instances.findForUpdate(uuid).filter(instance -> !instance.deleted());
    }
}
