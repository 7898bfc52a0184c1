package io.gpucloud.common.compute;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One Placement request group: the resources that one provider (granular group) or one provider tree (unnumbered
 * group) must supply, and the traits those providers must or must not have.
 *
 * <p>Collections are copied into sorted, unmodifiable ones, so equal groups print and serialize identically.
 *
 * @param suffix {@code ""} for the unnumbered group; otherwise the granular suffix as written in the flavor
 *     ({@code "1"}, {@code "2"}, {@code "_NET"}) or one we generate ({@code "_GPU1"}, ...)
 * @param resources amount per resource class, every amount at least 1 (a class asked for 0 times is left out)
 * @param anyOfTraits sets of which each must have at least one trait present (Placement's {@code in:} syntax);
 *     flavors cannot express it yet, so {@link FlavorResources#translate} leaves it empty for callers to fill
 */
public record ResourceGroup(String suffix, Map<String, Integer> resources, Set<String> requiredTraits,
        Set<String> forbiddenTraits, List<Set<String>> anyOfTraits) {

    /** The suffix of the unnumbered group. */
    public static final String UNNUMBERED = "";

    public ResourceGroup {
        requireNonNull(suffix, "suffix is null");
        resources = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(resources, "resources is null")));
        resources.forEach((resourceClass, amount) -> {
            if (amount == null || amount < 1) {
                throw new IllegalArgumentException("amount of " + resourceClass + " in group '" + suffix
                        + "' must be at least 1, was " + amount);
            }
        });
        requiredTraits = sortedCopy(requireNonNull(requiredTraits, "requiredTraits is null"));
        forbiddenTraits = sortedCopy(requireNonNull(forbiddenTraits, "forbiddenTraits is null"));
        anyOfTraits = requireNonNull(anyOfTraits, "anyOfTraits is null").stream()
                .<Set<String>>map(ResourceGroup::sortedCopy)
                .toList();
    }

    /** A group with resources and required/forbidden traits only. */
    public ResourceGroup(String suffix, Map<String, Integer> resources, Set<String> requiredTraits,
            Set<String> forbiddenTraits) {
        this(suffix, resources, requiredTraits, forbiddenTraits, List.of());
    }

    public boolean isUnnumbered() {
        return suffix.isEmpty();
    }

    /** The amount of {@code resourceClass} asked for, 0 when absent. */
    public int amount(String resourceClass) {
        return resources.getOrDefault(resourceClass, 0);
    }

    /** Whether the group asks for a GPU class ({@link FlavorResources#isGpuResourceClass}). */
    public boolean hasGpuResources() {
        return resources.keySet().stream().anyMatch(FlavorResources::isGpuResourceClass);
    }

    private static SortedSet<String> sortedCopy(Set<String> traits) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(traits));
    }
}
