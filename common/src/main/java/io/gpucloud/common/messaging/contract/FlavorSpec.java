package io.gpucloud.common.messaging.contract;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * The flavor an instance was created with, as compute-api froze it at create time (later edits to the
 * flavor do not change a server that already exists).
 *
 * @param extraSpecs Nova extra specs, e.g. {@code resources:PGPU=2}, {@code gpu:topology=nvlink}
 */
public record FlavorSpec(String name, int vcpus, int ramMb, int diskGb, Map<String, String> extraSpecs) {

    public FlavorSpec {
        requireNonNull(name, "name is null");
        extraSpecs = extraSpecs == null ? Map.of() : Map.copyOf(extraSpecs);
    }
}
