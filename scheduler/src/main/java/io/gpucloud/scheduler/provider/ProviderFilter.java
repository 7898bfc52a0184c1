package io.gpucloud.scheduler.provider;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What {@code GET /resource_providers} asked for, parsed and checked; every part is optional and the parts
 * are ANDed.
 *
 * @param memberOf each set is one {@code member_of} parameter: the provider is in at least one of its
 *     aggregates (several parameters from 1.24)
 * @param forbiddenAggregates the provider is in none of these ({@code member_of=!…}, 1.32)
 * @param resources resource class id to the amount that must still fit ({@code resources}, 1.4)
 * @param inTree the uuid of any provider of the tree the results must belong to (1.14)
 * @param requiredTraits the provider has every one (1.18)
 * @param forbiddenTraits the provider has none ({@code !TRAIT}, 1.22)
 * @param anyOfTraits for each set, the provider has at least one ({@code in:A,B}, 1.39)
 */
public record ProviderFilter(
        Optional<String> name,
        Optional<UUID> uuid,
        List<Set<UUID>> memberOf,
        Set<UUID> forbiddenAggregates,
        Map<Integer, Integer> resources,
        Optional<UUID> inTree,
        Set<String> requiredTraits,
        Set<String> forbiddenTraits,
        List<Set<String>> anyOfTraits) {

    public ProviderFilter {
        memberOf = List.copyOf(memberOf);
        forbiddenAggregates = Set.copyOf(forbiddenAggregates);
        resources = Map.copyOf(resources);
        requiredTraits = Set.copyOf(requiredTraits);
        forbiddenTraits = Set.copyOf(forbiddenTraits);
        anyOfTraits = List.copyOf(anyOfTraits);
    }
}
