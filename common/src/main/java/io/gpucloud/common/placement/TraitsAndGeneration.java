package io.gpucloud.common.placement;

import java.util.Set;

/** A provider's traits and the generation they were read at. */
public record TraitsAndGeneration(Set<String> traits, int generation) {

    public TraitsAndGeneration {
        traits = Set.copyOf(traits);
    }
}
