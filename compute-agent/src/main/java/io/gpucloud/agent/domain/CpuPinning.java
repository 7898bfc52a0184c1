package io.gpucloud.agent.domain;

import io.gpucloud.agent.host.NumaCell;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Dedicated host CPUs for a guest ({@code hw:cpu_policy=dedicated}): vCPU i runs only on {@code hostCpus[i]}, and
 * guest memory comes only from {@code numaNodes} (numatune strict), so a GPU's DMA and the vCPUs feeding it stay on
 * the GPU's NUMA node.
 */
public record CpuPinning(List<Integer> hostCpus, Set<Integer> numaNodes) {

    public CpuPinning {
        hostCpus = List.copyOf(hostCpus);
        numaNodes = Set.copyOf(numaNodes);
        if (hostCpus.isEmpty() || numaNodes.isEmpty()) {
            throw new IllegalArgumentException("pinning needs host CPUs and NUMA nodes");
        }
        if (new TreeSet<>(hostCpus).size() != hostCpus.size()) {
            throw new IllegalArgumentException("a host CPU is pinned twice: " + hostCpus);
        }
    }

    /** The numatune nodeset, e.g. {@code 0} or {@code 0-1}. */
    public String nodeset() {
        return CpuSet.format(numaNodes);
    }

    /**
     * Picks {@code vcpus} host CPUs nobody has pinned yet. With GPUs, only from their NUMA nodes (in node order);
     * without (or when the platform does not say where the GPUs are), from the one node with the most free CPUs.
     *
     * @param gpuNodes the NUMA nodes of the guest's GPUs; empty when none or unknown
     * @param taken    host CPUs other guests are pinned to
     * @throws BuildRefusedException when the CPUs are not there
     */
    public static CpuPinning choose(List<NumaCell> cells, Set<Integer> gpuNodes, int vcpus, Set<Integer> taken) {
        if (!gpuNodes.isEmpty()) {
            List<Integer> free = new ArrayList<>();
            Set<Integer> used = new TreeSet<>();
            for (NumaCell cell : cells) {
                if (!gpuNodes.contains(cell.id())) {
                    continue;
                }
                for (int cpu : cell.cpus()) {
                    if (free.size() < vcpus && !taken.contains(cpu)) {
                        free.add(cpu);
                        used.add(cell.id());
                    }
                }
            }
            if (free.size() < vcpus) {
                throw new BuildRefusedException("hw:cpu_policy=dedicated: the GPUs' NUMA node(s) "
                        + CpuSet.format(gpuNodes) + " have " + free.size() + " unpinned host CPUs, " + vcpus
                        + " needed");
            }
            return new CpuPinning(free, used);
        }
        NumaCell best = cells.stream()
                .max(Comparator.comparingLong((NumaCell cell) -> freeCpus(cell, taken).size())
                        .thenComparing(Comparator.comparingInt(NumaCell::id).reversed()))
                .orElseThrow(() -> new BuildRefusedException("hw:cpu_policy=dedicated: the host has no NUMA cells"));
        List<Integer> free = freeCpus(best, taken);
        if (free.size() < vcpus) {
            throw new BuildRefusedException("hw:cpu_policy=dedicated: no NUMA node has " + vcpus
                    + " unpinned host CPUs (node " + best.id() + " has the most: " + free.size() + ")");
        }
        return new CpuPinning(free.subList(0, vcpus), Set.of(best.id()));
    }

    /**
     * The cells as far as pinned guests may use them: only the host's dedicated CPUs when it names some (the ones
     * it offers as PCPU), every CPU when it names none.
     */
    public static List<NumaCell> cellsOf(List<NumaCell> cells, Set<Integer> dedicated) {
        if (dedicated.isEmpty()) {
            return cells;
        }
        return cells.stream().map(cell -> new NumaCell(cell.id(),
                cell.cpus().stream().filter(dedicated::contains).toList(), cell.memoryMb())).toList();
    }

    private static List<Integer> freeCpus(NumaCell cell, Set<Integer> taken) {
        return cell.cpus().stream().filter(cpu -> !taken.contains(cpu)).toList();
    }
}
