package io.gpucloud.scheduler.scheduling;

import static java.util.Objects.requireNonNull;

import io.gpucloud.scheduler.candidate.HostView;
import io.gpucloud.scheduler.scheduling.GpuPicker.GpuAssignment;
import java.util.Map;
import java.util.UUID;

/**
 * A host that passed every filter, with the exact allocation the scheduler would claim there.
 *
 * @param allocations provider uuid → resource class → amount, GPUs as {@link GpuPicker} chose them
 * @param weight      the weighers' combined score (higher is better); 0 until weighed
 */
record Candidate(HostView host, GpuAssignment gpus, Map<UUID, Map<String, Integer>> allocations, double weight) {

    Candidate {
        requireNonNull(host, "host is null");
        requireNonNull(gpus, "gpus is null");
        allocations = Map.copyOf(allocations);
    }

    UUID hostUuid() {
        return host.rootUuid();
    }

    Candidate withWeight(double newWeight) {
        return new Candidate(host, gpus, allocations, newWeight);
    }
}
