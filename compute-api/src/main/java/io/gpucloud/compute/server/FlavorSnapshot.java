package io.gpucloud.compute.server;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.compute.FlavorResources;
import io.gpucloud.common.compute.ResourceGroup;
import io.gpucloud.common.messaging.contract.FlavorSpec;
import java.util.Map;

/** The flavor as it was when the server was created; the server keeps it whatever happens to the flavor later. */
public record FlavorSnapshot(String id, String name, int vcpus, int ram, int disk, int ephemeral, int swap,
        Map<String, String> extraSpecs) {

    public FlavorSnapshot {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        extraSpecs = extraSpecs == null ? Map.of() : Map.copyOf(extraSpecs);
    }

    /** The GPUs (or slices) per resource class an instance of this flavor holds, e.g. {@code {PGPU=2}}. */
    public Map<String, Integer> gpuResources() {
        Map<String, Integer> gpus = new java.util.TreeMap<>();
        for (ResourceGroup group : FlavorResources.translate(vcpus, ram, disk, extraSpecs, Map.of()).groups()) {
            group.resources().forEach((resourceClass, amount) -> {
                if (FlavorResources.isGpuResourceClass(resourceClass)) {
                    gpus.merge(resourceClass, amount, Integer::sum);
                }
            });
        }
        return gpus;
    }

    /** What the scheduler and the agent are told. */
    public FlavorSpec spec() {
        return new FlavorSpec(name, vcpus, ram, disk, extraSpecs);
    }
}
