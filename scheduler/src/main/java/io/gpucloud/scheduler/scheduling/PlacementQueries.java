package io.gpucloud.scheduler.scheduling;

import io.gpucloud.common.compute.GpuTraits;
import io.gpucloud.common.compute.GroupPolicy;
import io.gpucloud.common.compute.NamedAggregates;
import io.gpucloud.common.compute.ResourceGroup;
import io.gpucloud.scheduler.candidate.AllocationCandidateRequest;
import io.gpucloud.scheduler.candidate.RequestGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

/**
 * The Placement query for a request: its groups, with the zone and residency as aggregate membership (an
 * aggregate on a host's root covers its whole tree) and disabled hosts excluded by their root trait, as Nova's
 * request filters do. What Placement cannot say (server groups, GPU topology) is left to the filters.
 */
final class PlacementQueries {

    /** Root traits of hosts nothing is scheduled to: disabled by an operator, or down (missed heartbeats). */
    static final Set<String> OUT_OF_SERVICE = Set.of(GpuTraits.COMPUTE_STATUS_DISABLED, GpuTraits.HOST_DOWN);

    private PlacementQueries() {
    }

    static AllocationCandidateRequest of(SchedulingRequest request, OptionalInt limit) {
        return of(request, request.resources().groups(), limit);
    }

    /** The query for some of the request's groups only (explaining an empty answer asks for parts). */
    static AllocationCandidateRequest of(SchedulingRequest request, List<ResourceGroup> groups, OptionalInt limit) {
        List<Set<UUID>> memberOf = new ArrayList<>();
        request.zone().ifPresent(zone -> memberOf.add(Set.of(NamedAggregates.availabilityZone(zone))));
        request.residency().ifPresent(region -> memberOf.add(Set.of(NamedAggregates.dataResidency(region))));
        List<RequestGroup> placementGroups = groups.stream().map(group -> toPlacement(group, memberOf)).toList();
        boolean isolate = request.resources().groupPolicy() == GroupPolicy.ISOLATE;
        return new AllocationCandidateRequest(placementGroups, isolate, limit, Set.of(), OUT_OF_SERVICE, List.of(),
                true);
    }

    private static RequestGroup toPlacement(ResourceGroup group, List<Set<UUID>> memberOf) {
        List<Set<String>> required = new ArrayList<>();
        group.requiredTraits().forEach(trait -> required.add(Set.of(trait)));
        required.addAll(group.anyOfTraits());
        return new RequestGroup(group.suffix(), group.resources(), required, group.forbiddenTraits(), memberOf,
                Set.of(), Optional.empty());
    }
}
