package io.gpucloud.scheduler.provider;

import java.time.Instant;
import java.util.UUID;

/**
 * A resource provider as the API shows it: identity, generation and tree position ({@code parentUuid} is
 * null for a root; a root's {@code rootUuid} is its own uuid).
 */
public record ResourceProvider(long id, UUID uuid, String name, int generation, UUID parentUuid, UUID rootUuid,
        Instant updatedAt) {
}
