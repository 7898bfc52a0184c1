package io.gpucloud.compute.hypervisor;

import java.util.Map;
import java.util.UUID;

/**
 * A compute host as Placement knows it: its root provider's inventory and usage, its GPUs per resource class, and
 * whether it is disabled (COMPUTE_STATUS_DISABLED: by an operator, or because its heartbeats stopped).
 */
public record Hypervisor(UUID uuid, String name, boolean disabled, int vcpus, int vcpusUsed, int memoryMb,
        int memoryMbUsed, int localGb, int localGbUsed, int runningVms, Map<String, GpuTotals> gpus) {

    /** GPUs (or slices) of one resource class on the host. */
    public record GpuTotals(int total, int used, int reserved) {
    }
}
