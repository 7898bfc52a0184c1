package io.gpucloud.scheduler.scheduling;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the scheduler worker ({@code cloud.scheduler.*}).
 *
 * @param candidateLimit          hosts that pass the filters to weigh per pass (a random spread of the pool)
 * @param alternates              other good hosts named in BuildInstance beside the chosen one
 * @param maxAttempts             hosts a build may fail on before the instance is given up
 * @param claimRounds             fresh candidate queries when every candidate of a pass was taken meanwhile
 * @param gpuPackingMultiplier    positive packs GPU jobs onto busy hosts, negative spreads them
 * @param fragmentationMultiplier weight of keeping NVLink domains whole
 * @param softGroupMultiplier     weight of soft-affinity / soft-anti-affinity; 10 by default so that a
 *                                soft policy outranks packing and fragmentation whenever it can be met
 * @param gpuHostAvoidanceMultiplier weight of keeping instances without GPUs off GPU hosts; 2 by default, so it
 *                                outranks packing (a CPU-only VM goes to a GPU host only when no other fits)
 */
@ConfigurationProperties("cloud.scheduler")
record SchedulingProperties(int candidateLimit, int alternates, int maxAttempts, int claimRounds,
        Double gpuPackingMultiplier, Double fragmentationMultiplier, Double softGroupMultiplier,
        Double gpuHostAvoidanceMultiplier) {

    SchedulingProperties {
        candidateLimit = candidateLimit <= 0 ? 50 : candidateLimit;
        alternates = alternates < 0 ? 0 : alternates == 0 ? 2 : alternates;
        maxAttempts = maxAttempts <= 0 ? 3 : maxAttempts;
        claimRounds = claimRounds <= 0 ? 3 : claimRounds;
        gpuPackingMultiplier = gpuPackingMultiplier == null ? 1.0 : gpuPackingMultiplier;
        fragmentationMultiplier = fragmentationMultiplier == null ? 1.0 : fragmentationMultiplier;
        softGroupMultiplier = softGroupMultiplier == null ? 10.0 : softGroupMultiplier;
        gpuHostAvoidanceMultiplier = gpuHostAvoidanceMultiplier == null ? 2.0 : gpuHostAvoidanceMultiplier;
    }

    static SchedulingProperties defaults() {
        return new SchedulingProperties(0, 0, 0, 0, null, null, null, null);
    }
}
