package io.gpucloud.scheduler.scheduling;

import io.gpucloud.common.compute.FlavorResources;
import io.gpucloud.scheduler.candidate.HostView.ProviderView;

/**
 * Keeps instances that ask for no GPU off GPU hosts while other hosts have room (Nova's PCI weigher does the same
 * for PCI devices): a CPU-only VM on a GPU host takes the CPUs and memory that the host's GPUs need to be
 * rentable. For a GPU request every host scores the same, so this weigher changes nothing there.
 */
final class GpuHostAvoidanceWeigher implements HostWeigher {

    private final double multiplier;

    GpuHostAvoidanceWeigher(double multiplier) {
        this.multiplier = multiplier;
    }

    @Override
    public String name() {
        return "GPU host avoidance";
    }

    @Override
    public double multiplier() {
        return multiplier;
    }

    @Override
    public double raw(Candidate candidate, SchedulingContext context) {
        if (!context.request().resources().gpuGroupSuffixes().isEmpty()) {
            return 0;
        }
        for (ProviderView provider : candidate.host().providers()) {
            if (provider.resources().keySet().stream().anyMatch(FlavorResources::isGpuResourceClass)) {
                return 0;
            }
        }
        return 1;
    }
}
