package io.gpucloud.common.compute;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one instance asks of Placement, built by {@link FlavorResources#translate}: the request groups for
 * {@code GET /allocation_candidates}, plus the constraints that Placement cannot express and the scheduler checks on
 * the candidates itself (GPU topology, CPU policy, NUMA node count).
 *
 * @param groups unnumbered group first (when it asks for anything), then granular groups in {@link SuffixOrder}
 * @param groupPolicy {@code null} when neither the flavor gave one nor GPU expansion needed one
 * @param gpuGroupSuffixes the suffixes of the groups that hold GPU resources, in group order, so the scheduler
 *     knows which allocated providers are GPUs
 */
public record ResourceRequest(List<ResourceGroup> groups, GroupPolicy groupPolicy, GpuTopology gpuTopology,
        CpuPolicy cpuPolicy, OptionalInt numaNodes, List<String> gpuGroupSuffixes) {

    public ResourceRequest {
        groups = List.copyOf(requireNonNull(groups, "groups is null"));
        requireNonNull(gpuTopology, "gpuTopology is null");
        requireNonNull(cpuPolicy, "cpuPolicy is null");
        requireNonNull(numaNodes, "numaNodes is null");
        gpuGroupSuffixes = List.copyOf(requireNonNull(gpuGroupSuffixes, "gpuGroupSuffixes is null"));
    }

    /** The number of whole GPUs and GPU slices asked for: the sum of all GPU class amounts over all groups. */
    public int gpuCount() {
        int count = 0;
        for (ResourceGroup group : groups) {
            for (Map.Entry<String, Integer> entry : group.resources().entrySet()) {
                if (FlavorResources.isGpuResourceClass(entry.getKey())) {
                    count = Math.addExact(count, entry.getValue());
                }
            }
        }
        return count;
    }

    /** The group with {@code suffix} ({@link ResourceGroup#UNNUMBERED} for the unnumbered one). */
    public Optional<ResourceGroup> findGroup(String suffix) {
        return groups.stream().filter(group -> group.suffix().equals(suffix)).findFirst();
    }

    /** The groups named in {@link #gpuGroupSuffixes}, in order. */
    public List<ResourceGroup> gpuGroups() {
        return groups.stream().filter(group -> gpuGroupSuffixes.contains(group.suffix())).toList();
    }
}
