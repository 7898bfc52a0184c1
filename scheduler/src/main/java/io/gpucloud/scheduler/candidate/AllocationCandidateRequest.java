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
 * @param filter        the scheduler worker's host and candidate filters ({@link CandidateFilter#ACCEPT_ALL}
 *                      for the HTTP API)
 * @param ignoreUsage   treat every inventory as empty: "could this host ever hold it?", which the scheduler
 *                      asks when it explains why nothing fits
 */
public record AllocationCandidateRequest(List<RequestGroup> groups, boolean isolate, OptionalInt limit,
        Set<String> rootRequired, Set<String> rootForbidden, List<Set<String>> sameSubtrees, boolean nestedAware,
        CandidateFilter filter, boolean ignoreUsage) {

    public AllocationCandidateRequest {
        groups = List.copyOf(groups);
        requireNonNull(limit, "limit is null");
        rootRequired = Set.copyOf(rootRequired);
        rootForbidden = Set.copyOf(rootForbidden);
        sameSubtrees = sameSubtrees.stream().map(Set::copyOf).toList();
        requireNonNull(filter, "filter is null");
        if (groups.stream().map(RequestGroup::suffix).distinct().count() != groups.size()) {
            throw new IllegalArgumentException("request group suffixes must be unique");
        }
    }

    /** A request as the HTTP API makes it: no worker filter, usage counted. */
    public AllocationCandidateRequest(List<RequestGroup> groups, boolean isolate, OptionalInt limit,
            Set<String> rootRequired, Set<String> rootForbidden, List<Set<String>> sameSubtrees, boolean nestedAware) {
        this(groups, isolate, limit, rootRequired, rootForbidden, sameSubtrees, nestedAware, CandidateFilter.ACCEPT_ALL,
                false);
    }

    public AllocationCandidateRequest withFilter(CandidateFilter newFilter) {
        return new AllocationCandidateRequest(groups, isolate, limit, rootRequired, rootForbidden, sameSubtrees,
                nestedAware, newFilter, ignoreUsage);
    }

    public AllocationCandidateRequest withLimit(OptionalInt newLimit) {
        return new AllocationCandidateRequest(groups, isolate, newLimit, rootRequired, rootForbidden, sameSubtrees,
                nestedAware, filter, ignoreUsage);
    }

    public AllocationCandidateRequest withRootForbidden(Set<String> newRootForbidden) {
        return new AllocationCandidateRequest(groups, isolate, limit, rootRequired, newRootForbidden, sameSubtrees,
                nestedAware, filter, ignoreUsage);
    }

    public AllocationCandidateRequest withGroups(List<RequestGroup> newGroups) {
        return new AllocationCandidateRequest(newGroups, isolate, limit, rootRequired, rootForbidden, sameSubtrees,
                nestedAware, filter, ignoreUsage);
    }

    /** The same request as if every inventory were empty. */
    public AllocationCandidateRequest ignoringUsage() {
        return new AllocationCandidateRequest(groups, isolate, limit, rootRequired, rootForbidden, sameSubtrees,
                nestedAware, filter, true);
    }

    /** A nested-aware request with no request-wide filters. */
    public static AllocationCandidateRequest of(List<RequestGroup> groups, boolean isolate, OptionalInt limit) {
        return new AllocationCandidateRequest(groups, isolate, limit, Set.of(), Set.of(), List.of(), true);
    }
}
