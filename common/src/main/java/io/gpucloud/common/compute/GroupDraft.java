package io.gpucloud.common.compute;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A request group while it is being assembled. Unlike {@link ResourceGroup} it keeps amounts of 0, because Nova's
 * rules ask whether a class was <em>written</em> at all (an explicit {@code resources:VCPU=0} stops the flavor's
 * vCPUs from being added), and only afterwards drops them.
 */
final class GroupDraft {

    final String suffix;
    final Map<String, Integer> resources = new TreeMap<>();
    final Set<String> requiredTraits = new TreeSet<>();
    final Set<String> forbiddenTraits = new TreeSet<>();

    GroupDraft(String suffix) {
        this.suffix = suffix;
    }

    int amount(String resourceClass) {
        return resources.getOrDefault(resourceClass, 0);
    }

    boolean hasResources() {
        return resources.values().stream().anyMatch(amount -> amount > 0);
    }

    boolean hasTraits() {
        return !requiredTraits.isEmpty() || !forbiddenTraits.isEmpty();
    }

    /** The key a person would edit to change this group's traits, for error messages. */
    String firstTraitKey() {
        String trait = !requiredTraits.isEmpty() ? requiredTraits.iterator().next() : forbiddenTraits.iterator().next();
        return ExtraSpecParser.TRAIT_PREFIX + suffix + ":" + trait;
    }

    ResourceGroup toGroup() {
        Map<String, Integer> positive = new TreeMap<>();
        resources.forEach((resourceClass, amount) -> {
            if (amount > 0) {
                positive.put(resourceClass, amount);
            }
        });
        return new ResourceGroup(suffix, positive, requiredTraits, forbiddenTraits);
    }
}
