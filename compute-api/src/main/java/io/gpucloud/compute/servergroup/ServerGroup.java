package io.gpucloud.compute.servergroup;

import java.time.Instant;
import java.util.UUID;

/** A server group: a policy the scheduler applies to its members' hosts. */
public record ServerGroup(UUID uuid, String projectId, String userId, String name, String policy,
        Integer maxServerPerHost, Instant createdAt) {
}
