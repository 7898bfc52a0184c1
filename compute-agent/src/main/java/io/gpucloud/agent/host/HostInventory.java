package io.gpucloud.agent.host;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What a compute host has: CPUs, memory, NUMA cells and NVIDIA GPUs. Every discovery source (libvirt, sysfs)
 * produces this same model, and enrichments (nvidia-smi, a simulated host's topology file) only add to its GPUs.
 *
 * @param hostname  as the source reports it; the agent may override it (several simulated hosts on one machine)
 * @param cpuModel  informational (libvirt's CPU model name or {@code /proc/cpuinfo}'s "model name")
 * @param vcpus     online logical CPUs
 * @param memoryMb  host memory
 * @param numaCells by id; at least one
 * @param gpus      by PCI address; empty on a CPU-only host
 */
public record HostInventory(
        String hostname,
        String cpuModel,
        CpuTopology cpuTopology,
        int vcpus,
        long memoryMb,
        List<NumaCell> numaCells,
        List<GpuDevice> gpus) {

    public HostInventory {
        requireNonNull(hostname, "hostname is null");
        requireNonNull(cpuModel, "cpuModel is null");
        requireNonNull(cpuTopology, "cpuTopology is null");
        if (vcpus < 1) {
            throw new IllegalArgumentException("a host has at least one CPU: " + vcpus);
        }
        if (memoryMb < 1) {
            throw new IllegalArgumentException("a host has memory: " + memoryMb);
        }
        numaCells = List.copyOf(requireNonNull(numaCells, "numaCells is null")).stream()
                .sorted((a, b) -> Integer.compare(a.id(), b.id())).toList();
        if (numaCells.isEmpty()) {
            throw new IllegalArgumentException("a host has at least one NUMA cell");
        }
        gpus = List.copyOf(requireNonNull(gpus, "gpus is null")).stream()
                .sorted((a, b) -> a.address().compareTo(b.address())).toList();
        Set<PciAddress> seen = new HashSet<>();
        for (GpuDevice gpu : gpus) {
            if (!seen.add(gpu.address())) {
                throw new IllegalArgumentException("GPU " + gpu.address() + " listed twice");
            }
        }
    }

    public Optional<GpuDevice> gpu(PciAddress address) {
        return gpus.stream().filter(gpu -> gpu.address().equals(address)).findFirst();
    }

    public HostInventory withHostname(String name) {
        return new HostInventory(name, cpuModel, cpuTopology, vcpus, memoryMb, numaCells, gpus);
    }

    /** The same host with every GPU passed through {@code change} (enrichments use this). */
    public HostInventory withGpus(UnaryOperator<GpuDevice> change) {
        return new HostInventory(hostname, cpuModel, cpuTopology, vcpus, memoryMb, numaCells,
                gpus.stream().map(change).toList());
    }
}
