package io.gpucloud.scheduler.scheduling;

import io.gpucloud.common.compute.FlavorResources;
import io.gpucloud.scheduler.candidate.HostView.Capacity;
import io.gpucloud.scheduler.candidate.HostView.ProviderView;
import java.util.Map;

/**
 * Pack (positive multiplier, the default) or spread (negative): prefers hosts whose GPUs are already the most
 * used, so that whole GPU servers stay free for the jobs that need all eight. For a request without GPUs the
 * host's CPU use counts instead.
 */
final class GpuPackingWeigher implements HostWeigher {

    private final double multiplier;

    GpuPackingWeigher(double multiplier) {
        this.multiplier = multiplier;
    }

    @Override
    public String name() {
        return "gpu packing";
    }

    @Override
    public double multiplier() {
        return multiplier;
    }

    @Override
    public double raw(Candidate candidate, SchedulingContext context) {
        boolean gpuRequest = !context.request().resources().gpuGroupSuffixes().isEmpty();
        long used = 0;
        long capacity = 0;
        for (ProviderView provider : candidate.host().providers()) {
            for (Map.Entry<String, Capacity> inventory : provider.resources().entrySet()) {
                String resourceClass = inventory.getKey();
                boolean counts = gpuRequest ? FlavorResources.isGpuResourceClass(resourceClass)
                        : resourceClass.equals("VCPU") || resourceClass.equals("PCPU");
                if (counts) {
                    used += inventory.getValue().used();
                    capacity += inventory.getValue().capacity();
                }
            }
        }
        return capacity == 0 ? 0 : (double) used / capacity;
    }
}
