package io.gpucloud.scheduler.scheduling;

/**
 * Prefers placements that break no entirely free NVLink domain and, after that, fit the domain they use most
 * tightly: a 2-GPU job belongs in a domain that already has 2 free, not in an empty one of 8.
 */
final class NvlinkFragmentationWeigher implements HostWeigher {

    private final double multiplier;

    NvlinkFragmentationWeigher(double multiplier) {
        this.multiplier = multiplier;
    }

    @Override
    public String name() {
        return "nvlink fragmentation";
    }

    @Override
    public double multiplier() {
        return multiplier;
    }

    @Override
    public double raw(Candidate candidate, SchedulingContext context) {
        // Breaking a whole domain outweighs any difference in leftovers (a host has at most a few dozen GPUs).
        return -(candidate.gpus().wholeDomainsBroken() * 1000.0 + candidate.gpus().freeLeftInDomains());
    }
}
