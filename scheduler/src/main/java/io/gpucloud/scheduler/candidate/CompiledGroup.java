package io.gpucloud.scheduler.candidate;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A request group with its class names turned into ids, ready to test providers against.
 *
 * @param classIds and {@code amounts}: the group's resources, in the order given
 */
record CompiledGroup(String suffix, int[] classIds, int[] amounts, List<Set<String>> requiredTraits,
        Set<String> forbiddenTraits, List<Set<UUID>> memberOf, Set<UUID> forbiddenAggregates) {

    boolean granular() {
        return !suffix.isEmpty();
    }

    boolean resourceless() {
        return classIds.length == 0;
    }

    /** Whether the provider's own traits satisfy every required any-of set and include no forbidden trait. */
    boolean traitsSatisfiedBy(Set<String> traits) {
        return requiredSatisfiedBy(traits) && hasNoForbidden(traits);
    }

    boolean requiredSatisfiedBy(Set<String> traits) {
        for (Set<String> anyOf : requiredTraits) {
            if (!intersects(anyOf, traits)) {
                return false;
            }
        }
        return true;
    }

    boolean hasNoForbidden(Set<String> traits) {
        return !intersects(forbiddenTraits, traits);
    }

    /**
     * Placement's aggregate rule for trees: an aggregate on the root spans the whole tree, so the provider
     * itself <em>or</em> its root must be in every member_of set, and neither may be in a forbidden one.
     */
    boolean aggregatesSatisfiedBy(IndexedProvider provider, IndexedProvider root) {
        if (!memberOf.isEmpty() && !inEvery(provider.aggregates()) && !inEvery(root.aggregates())) {
            return false;
        }
        return forbiddenAggregates.isEmpty()
                || !intersects(forbiddenAggregates, provider.aggregates()) && !intersects(forbiddenAggregates, root.aggregates());
    }

    private boolean inEvery(Set<UUID> aggregates) {
        for (Set<UUID> anyOf : memberOf) {
            if (!intersects(anyOf, aggregates)) {
                return false;
            }
        }
        return true;
    }

    private static <T> boolean intersects(Set<T> small, Set<T> other) {
        if (small.isEmpty() || other.isEmpty()) {
            return false;
        }
        for (T item : small) {
            if (other.contains(item)) {
                return true;
            }
        }
        return false;
    }
}
