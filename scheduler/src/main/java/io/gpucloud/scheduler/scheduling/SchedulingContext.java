package io.gpucloud.scheduler.scheduling;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A request together with the facts its rules need, read once per scheduling pass: where the instances it
 * refers to are, and which hosts it has already failed on. Hosts are named by their root provider uuid.
 *
 * @param groupMembersPerHost for the instance's server group: how many members each host holds
 * @param instanceHosts       host of each instance named by different_host / same_host (absent: not placed)
 * @param triedHosts          hosts a build of this instance already failed on
 */
record SchedulingContext(SchedulingRequest request, Map<UUID, Integer> groupMembersPerHost,
        Map<UUID, UUID> instanceHosts, Set<UUID> triedHosts) {

    SchedulingContext {
        requireNonNull(request, "request is null");
        groupMembersPerHost = Map.copyOf(groupMembersPerHost);
        instanceHosts = Map.copyOf(instanceHosts);
        triedHosts = Set.copyOf(triedHosts);
    }

    int groupMembersOn(UUID host) {
        return groupMembersPerHost.getOrDefault(host, 0);
    }

    boolean groupHasPlacedMembers() {
        return !groupMembersPerHost.isEmpty();
    }
}
