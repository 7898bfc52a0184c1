package io.gpucloud.agent.inventory;

import static java.util.Objects.requireNonNull;

import io.gpucloud.agent.host.HostInventory;
import io.gpucloud.agent.host.PciAddress;
import io.gpucloud.common.messaging.contract.HostHeartbeat;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the control plane told about this host: discovers it again, syncs its provider tree when what it offers
 * changed (devices appearing or vanishing, a GPU taken out of service), and sends heartbeats. Called on timers by
 * {@code AgentLoop}; free of Spring and of the timers themselves, so tests drive it step by step.
 */
public final class HostReporter {

    private static final Logger log = LoggerFactory.getLogger(HostReporter.class);

    /** What the plan is built from besides discovery. */
    public record PlanSettings(Map<PciAddress, GpuMode> modes, int diskGb, int reservedVcpus, long reservedMemoryMb,
            Set<Integer> dedicatedCpus) {
        public PlanSettings {
            modes = Map.copyOf(modes);
        }
    }

    private final String host;
    private final Supplier<HostInventory> discovery;
    private final PlanSettings settings;
    private final OutOfServiceGpus outOfService;
    private final ProviderTreeSync sync;
    private final Consumer<HostHeartbeat> heartbeats;
    private final IntSupplier instanceCount;
    private final Duration heartbeatInterval;
    private final Clock clock;

    private volatile HostPlan plan;
    private volatile UUID rootProvider;
    private HostPlan lastSynced; // guarded by this

    public HostReporter(String host, Supplier<HostInventory> discovery, PlanSettings settings,
            OutOfServiceGpus outOfService, ProviderTreeSync sync, Consumer<HostHeartbeat> heartbeats,
            IntSupplier instanceCount, Duration heartbeatInterval, Clock clock) {
        this.host = requireNonNull(host, "host is null");
        this.discovery = requireNonNull(discovery, "discovery is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.outOfService = requireNonNull(outOfService, "outOfService is null");
        this.sync = requireNonNull(sync, "sync is null");
        this.heartbeats = requireNonNull(heartbeats, "heartbeats is null");
        this.instanceCount = requireNonNull(instanceCount, "instanceCount is null");
        this.heartbeatInterval = requireNonNull(heartbeatInterval, "heartbeatInterval is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Discovers the host and syncs Placement when the plan changed since the last successful sync (or never
     * succeeded). Failures propagate; the next call tries again.
     */
    public synchronized HostPlan reportInventory() {
        HostPlan current = discoverPlan();
        plan = current;
        if (!current.equals(lastSynced)) {
            rootProvider = sync.sync(current);
            lastSynced = current;
            log.info("Host {} registered in Placement as {}: {} vCPUs, {} MB, {} GPU slots ({} out of service)",
                    host, rootProvider, current.vcpus(), current.memoryMb(), current.gpus().size(),
                    current.gpus().stream().filter(slot -> !slot.inService()).count());
        }
        return current;
    }

    /** The plan of the last discovery, or of one made now when there was none yet (nothing is synced). */
    public synchronized HostPlan currentPlan() {
        if (plan == null) {
            plan = discoverPlan();
        }
        return plan;
    }

    private HostPlan discoverPlan() {
        HostInventory inventory = discovery.get().withHostname(host);
        return HostPlan.of(host, inventory, settings.modes(), outOfService.current(), settings.diskGb(),
                settings.reservedVcpus(), settings.reservedMemoryMb()).withDedicatedCpus(settings.dedicatedCpus());
    }

    /** Forgets the last sync, so the next {@link #reportInventory} writes everything again (after Placement lost it). */
    public synchronized void forceFullSync() {
        lastSynced = null;
    }

    /** Sends a heartbeat; does nothing until the host is registered (the heartbeat names its provider). */
    public boolean heartbeat() {
        UUID root = rootProvider;
        if (root == null) {
            return false;
        }
        heartbeats.accept(new HostHeartbeat(host, root, clock.instant(),
                (int) Math.max(1, heartbeatInterval.toSeconds()), instanceCount.getAsInt()));
        return true;
    }

    public String host() {
        return host;
    }

    /** The plan of the last discovery; empty before the first. */
    public Optional<HostPlan> plan() {
        return Optional.ofNullable(plan);
    }

    public Optional<UUID> rootProvider() {
        return Optional.ofNullable(rootProvider);
    }

    /** Parses {@code cloud.agent.gpu-modes}. */
    public static Map<PciAddress, GpuMode> parseModes(Map<String, String> modes) {
        Map<PciAddress, GpuMode> parsed = new HashMap<>();
        modes.forEach((address, mode) -> parsed.put(PciAddress.parse(address), GpuMode.parse(mode)));
        return parsed;
    }
}
