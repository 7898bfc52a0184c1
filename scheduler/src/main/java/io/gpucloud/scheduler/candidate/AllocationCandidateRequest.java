package io.gpucloud.scheduler.candidate;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A whole allocation-candidate request: its groups and the request-wide parameters.
 *
 * @param groups        the unsuffixed group (if any) and the granular groups, suffixes unique
 * @param isolate       group_policy=isolate: granular groups must each use a different provider
 * @param limit         at most this many allocation requests; spread over as many trees as possible
 * @param rootRequired  traits the root of the tree must have (root_required, 1.35)
 * @param rootForbidden traits the root of the tree must not have
 * @param sameSubtrees  each set of suffixes must be satisfied by providers under one of them (1.36)
 * @param nestedAware   false before microversion 1.29: a candidate may then use only one provider
 *                      per tree, and summaries list only providers that candidates use
 */
public record AllocationCandidateRequest(List<RequestGroup> groups, boolean isolate, OptionalInt limit,
        Set<String> rootRequired, Set<String> rootForbidden, List<Set<String>> sameSubtrees, boolean nestedAware) {

    public AllocationCandidateRequest {
        groups = List.copyOf(groups);
        requireNonNull(limit, "limit is null");
        rootRequired = Set.copyOf(rootRequired);
        rootForbidden = Set.copyOf(rootForbidden);
        sameSubtrees = sameSubtrees.stream().map(Set::copyOf).toList();
        if (groups.stream().map(RequestGroup::suffix).distinct().count() != groups.size()) {
            throw new IllegalArgumentException("request group suffixes must be unique");
        }
    }

    /** A nested-aware request with no request-wide filters. */
    public static AllocationCandidateRequest of(List<RequestGroup> groups, boolean isolate, OptionalInt limit) {
        return new AllocationCandidateRequest(groups, isolate, limit, Set.of(), Set.of(), List.of(), true);
    }
}
