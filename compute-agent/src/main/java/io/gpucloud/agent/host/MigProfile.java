package io.gpucloud.agent.host;

import static java.util.Objects.requireNonNull;

/**
 * A MIG GPU-instance profile as {@code nvidia-smi mig -lgip} lists it.
 *
 * @param name           e.g. {@code 1g.10gb}
 * @param profileId      the id {@code nvidia-smi mig -cgi} takes
 * @param freeInstances  instances of this profile that can still be created
 * @param totalInstances instances of this profile the GPU can hold when empty
 * @param memoryMib      memory of one instance
 */
public record MigProfile(String name, int profileId, int freeInstances, int totalInstances, long memoryMib) {

    public MigProfile {
        requireNonNull(name, "name is null");
        if (freeInstances < 0 || totalInstances < 0 || freeInstances > totalInstances) {
            throw new IllegalArgumentException("MIG profile " + name + ": " + freeInstances + " free of "
                    + totalInstances);
        }
    }
}
