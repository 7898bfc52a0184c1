package io.gpucloud.scheduler.candidate;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.UUID;

/**
 * What {@link AllocationCandidates#find} answers: the allocation requests, and a summary of every provider
 * in the trees they use (all providers of those trees when nested-aware, else only the providers used).
 */
public record AllocationCandidatesResult(List<AllocationRequest> allocationRequests,
        Map<UUID, ProviderSummary> providerSummaries) {

    public static final AllocationCandidatesResult EMPTY = new AllocationCandidatesResult(List.of(), Map.of());

    /**
     * One way to satisfy the whole request.
     *
     * @param allocations provider uuid to resource class name to amount, ready for PUT /allocations
     * @param mappings    request group suffix to the providers that satisfy it (a resourceless group's
     *                    provider appears here but not in allocations)
     */
    public record AllocationRequest(Map<UUID, Map<String, Integer>> allocations, Map<String, List<UUID>> mappings) {
    }

    /**
     * A provider's inventory and traits at the time of the answer.
     *
     * @param resources every class the provider has inventory of
     */
    public record ProviderSummary(UUID uuid, UUID parentUuid, UUID rootUuid, Map<String, ResourceSummary> resources,
            SortedSet<String> traits) {
    }

    /** {@code capacity} is {@code (total - reserved) * allocation_ratio}; {@code used} the sum of allocations. */
    public record ResourceSummary(long capacity, long used) {
    }
}
