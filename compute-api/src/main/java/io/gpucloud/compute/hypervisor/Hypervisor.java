package io.gpucloud.compute.hypervisor;

import java.util.Map;
import java.util.UUID;

/**
 * A compute host as Placement knows it: its root provider's inventory and usage, its GPUs per resource class, and
 * whether an operator disabled it (COMPUTE_STATUS_DISABLED; whether it is down comes from its heartbeats).
 */
public record Hypervisor(UUID uuid, String name, boolean disabled, int vcpus, int vcpusUsed, int memoryMb,
        int memoryMbUsed, int localGb, int localGbUsed, int runningVms, Map<String, GpuTotals> gpus) {

    /** GPUs (or slices) of one resource class on the host. */
    public record GpuTotals(int total, int used, int reserved) {
    }
}
