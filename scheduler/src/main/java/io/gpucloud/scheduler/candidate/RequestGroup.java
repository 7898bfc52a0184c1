package io.gpucloud.scheduler.candidate;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One request group of an allocation-candidate request. The unsuffixed group ({@code suffix} empty) may be
 * satisfied by several providers of one tree; a suffixed ("granular") group by exactly one provider.
 *
 * @param suffix           "" for the unsuffixed group, else e.g. "1" or "_GPU"
 * @param resources        resource class name to amount (positive); may be empty only for a suffixed group
 *                         named in a same_subtree (a "resourceless" group, microversion 1.36)
 * @param requiredTraits   each set is an any-of: at least one of its traits is required (a plain required
 *                         trait is a set of one)
 * @param forbiddenTraits  traits no provider used by the group may have
 * @param memberOf         each set is an any-of of aggregates; a provider (or its root) must be in each
 * @param forbiddenAggregates aggregates neither the provider nor its root may be in
 * @param inTree           the group's providers must be in the tree of this provider
 */
public record RequestGroup(String suffix, Map<String, Integer> resources, List<Set<String>> requiredTraits,
        Set<String> forbiddenTraits, List<Set<UUID>> memberOf, Set<UUID> forbiddenAggregates, Optional<UUID> inTree) {

    public RequestGroup {
        requireNonNull(suffix, "suffix is null");
        resources = new LinkedHashMap<>(requireNonNull(resources, "resources is null"));
        requiredTraits = requiredTraits.stream().map(Set::copyOf).toList();
        forbiddenTraits = Set.copyOf(forbiddenTraits);
        memberOf = memberOf.stream().map(Set::copyOf).toList();
        forbiddenAggregates = Set.copyOf(forbiddenAggregates);
        requireNonNull(inTree, "inTree is null");
    }

    /** A group asking only for resources, e.g. {@code resources(Map.of("VCPU", 8))}. */
    public static RequestGroup resources(String suffix, Map<String, Integer> resources) {
        return new RequestGroup(suffix, resources, List.of(), Set.of(), List.of(), Set.of(), Optional.empty());
    }

    public boolean isGranular() {
        return !suffix.isEmpty();
    }

    public RequestGroup withRequiredTraits(String... traits) {
        List<Set<String>> required = new java.util.ArrayList<>(requiredTraits);
        for (String trait : traits) {
            required.add(Set.of(trait));
        }
        return new RequestGroup(suffix, resources, required, forbiddenTraits, memberOf, forbiddenAggregates, inTree);
    }

    public RequestGroup withForbiddenTraits(String... traits) {
        Set<String> forbidden = new java.util.HashSet<>(forbiddenTraits);
        forbidden.addAll(List.of(traits));
        return new RequestGroup(suffix, resources, requiredTraits, forbidden, memberOf, forbiddenAggregates, inTree);
    }
}
