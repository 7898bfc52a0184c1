package io.gpucloud.common.placement;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** A resource provider as Placement lists it. */
public record Provider(UUID uuid, String name, int generation, UUID parentUuid, UUID rootUuid) {

    public Provider {
        requireNonNull(uuid, "uuid is null");
        requireNonNull(name, "name is null");
    }
}
