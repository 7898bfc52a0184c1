package io.gpucloud.agent.inventory;

import static java.util.Objects.requireNonNull;

import io.gpucloud.agent.host.GpuDevice;
import io.gpucloud.agent.host.HostInventory;
import io.gpucloud.agent.host.MdevType;
import io.gpucloud.agent.host.PciAddress;
import io.gpucloud.agent.domain.CpuSet;
import io.gpucloud.common.compute.GpuTraits;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What this host offers in Placement, derived from what discovery found and how the operator offers each GPU:
 * the root provider's inventory (VCPU, PCPU for dedicated CPUs, MEMORY_MB, DISK_GB, less what the host keeps for
 * itself) and one
 * {@link GpuSlot} per GPU in service. Registration writes it to Placement; builds read it back to turn a
 * claimed GPU provider into a PCI device or a mediated device type.
 *
 * @param host the compute host's name, also its root provider's name
 */
public record HostPlan(String host, HostInventory inventory, int vcpus, int reservedVcpus, long memoryMb,
        long reservedMemoryMb, int diskGb, List<GpuSlot> gpus, Set<Integer> dedicatedCpus) {

    public HostPlan {
        requireNonNull(host, "host is null");
        requireNonNull(inventory, "inventory is null");
        gpus = List.copyOf(gpus);
        dedicatedCpus = Set.copyOf(new TreeSet<>(dedicatedCpus));
    }

    /** Host CPUs offered as PCPU, for pinned guests. */
    public int pcpus() {
        return dedicatedCpus.size();
    }

    /**
     * The same plan with {@code cpus} kept for pinned guests: they are offered as PCPU and no longer as VCPU.
     *
     * @throws IllegalArgumentException when a CPU is not one of the host's
     */
    public HostPlan withDedicatedCpus(Set<Integer> cpus) {
        Set<Integer> hostCpus = new HashSet<>();
        inventory.numaCells().forEach(cell -> hostCpus.addAll(cell.cpus()));
        Set<Integer> unknown = new TreeSet<>(cpus);
        unknown.removeAll(hostCpus);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("dedicated CPUs " + CpuSet.format(unknown) + " are not CPUs of host "
                    + host + " (it has " + CpuSet.format(hostCpus) + ")");
        }
        return new HostPlan(host, inventory, inventory.vcpus() - cpus.size(), reservedVcpus, memoryMb,
                reservedMemoryMb, diskGb, gpus, cpus);
    }

    /**
     * The plan for a discovered host.
     *
     * @param modes how each GPU is offered; a GPU not named is passed through whole
     * @param outOfService GPUs an operator took out of service
     * @throws IllegalArgumentException when a mode names a mediated device type the GPU does not offer
     */
    public static HostPlan of(String host, HostInventory inventory, Map<PciAddress, GpuMode> modes,
            Set<PciAddress> outOfService, int diskGb, int reservedVcpus, long reservedMemoryMb) {
        List<GpuSlot> slots = new ArrayList<>();
        for (GpuDevice gpu : inventory.gpus()) {
            GpuMode mode = modes.getOrDefault(gpu.address(), GpuMode.PASSTHROUGH);
            int total = 1;
            if (mode.mdevType().isPresent()) {
                String typeId = mode.mdevType().get();
                MdevType type = gpu.mdevTypes().stream().filter(t -> t.id().equals(typeId)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("GPU " + gpu.address() + " (" + gpu.model()
                                + ") offers no mediated device type " + typeId + "; it offers "
                                + gpu.mdevTypes().stream().map(MdevType::id).toList()));
                // A type with no instances left (all created outside this agent) cannot be offered.
                total = Math.max(1, type.availableInstances());
            }
            slots.add(new GpuSlot(GpuSlot.providerName(host, gpu.address()), gpu.address(), mode.resourceClass(),
                    total, mode.mdevType(), traits(host, gpu), !outOfService.contains(gpu.address())));
        }
        return new HostPlan(host, inventory, inventory.vcpus(), reservedVcpus, inventory.memoryMb(),
                reservedMemoryMb, diskGb, slots, Set.of());
    }

    /** The slot behind a GPU provider named in a claim. */
    public Optional<GpuSlot> slot(String providerName) {
        return gpus.stream().filter(slot -> slot.providerName().equals(providerName)).findFirst();
    }

    /** The GPU's traits: model, memory, NUMA node, and NVLink domain qualified by host (domain ids are per host). */
    static Set<String> traits(String host, GpuDevice gpu) {
        Set<String> traits = new HashSet<>();
        traits.add(GpuTraits.model(gpu.model()));
        gpu.memoryGb().ifPresent(gb -> traits.add(GpuTraits.memoryGb(gb)));
        gpu.numaNode().ifPresent(node -> traits.add(GpuTraits.numaNode(node)));
        gpu.nvlinkDomain().ifPresent(domain -> traits.add(GpuTraits.nvlinkDomain(host + "_" + domain)));
        return traits;
    }
}
