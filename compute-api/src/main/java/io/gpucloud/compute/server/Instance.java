package io.gpucloud.compute.server;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A server as stored. */
public record Instance(
        UUID uuid,
        String projectId,
        String userId,
        String name,
        FlavorSnapshot flavor,
        UUID imageUuid,
        String keyName,
        String userData,
        Map<String, String> metadata,
        String availabilityZone,
        String accessIpv4,
        String accessIpv6,
        String diskConfig,
        Map<String, List<String>> schedulerHints,
        UUID serverGroup,
        Lifecycle lifecycle,
        String host,
        List<HeldGpu> gpus,
        Fault fault,
        Instant lastObservedAt,
        Instant createdAt,
        Instant updatedAt,
        Instant launchedAt,
        Instant deletedAt) {

    public Instance {
        requireNonNull(uuid, "uuid is null");
        requireNonNull(lifecycle, "lifecycle is null");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        schedulerHints = schedulerHints == null ? Map.of() : Map.copyOf(schedulerHints);
        gpus = gpus == null ? List.of() : List.copyOf(gpus);
    }

    public Instance withName(String newName, Instant updated) {
        return new Instance(uuid, projectId, userId, newName, flavor, imageUuid, keyName, userData, metadata,
                availabilityZone, accessIpv4, accessIpv6, diskConfig, schedulerHints, serverGroup, lifecycle, host, gpus,
                fault, lastObservedAt, createdAt, updated, launchedAt, deletedAt);
    }

    public Instance withLifecycle(Lifecycle next) {
        return new Instance(uuid, projectId, userId, name, flavor, imageUuid, keyName, userData, metadata,
                availabilityZone, accessIpv4, accessIpv6, diskConfig, schedulerHints, serverGroup, next, host, gpus,
                fault, lastObservedAt, createdAt, updatedAt, launchedAt, deletedAt);
    }

    public Instance withPlacement(String newHost, List<HeldGpu> newGpus) {
        return new Instance(uuid, projectId, userId, name, flavor, imageUuid, keyName, userData, metadata,
                availabilityZone, accessIpv4, accessIpv6, diskConfig, schedulerHints, serverGroup, lifecycle, newHost,
                newGpus, fault, lastObservedAt, createdAt, updatedAt, launchedAt, deletedAt);
    }

    public Instance withFault(Fault newFault) {
        return new Instance(uuid, projectId, userId, name, flavor, imageUuid, keyName, userData, metadata,
                availabilityZone, accessIpv4, accessIpv6, diskConfig, schedulerHints, serverGroup, lifecycle, host,
                gpus, newFault, lastObservedAt, createdAt, updatedAt, launchedAt, deletedAt);
    }

    public Instance observedAt(Instant when) {
        return new Instance(uuid, projectId, userId, name, flavor, imageUuid, keyName, userData, metadata,
                availabilityZone, accessIpv4, accessIpv6, diskConfig, schedulerHints, serverGroup, lifecycle, host,
                gpus, fault, when, createdAt, updatedAt, launchedAt, deletedAt);
    }

    public Instance launched(Instant when) {
        return new Instance(uuid, projectId, userId, name, flavor, imageUuid, keyName, userData, metadata,
                availabilityZone, accessIpv4, accessIpv6, diskConfig, schedulerHints, serverGroup, lifecycle, host,
                gpus, fault, lastObservedAt, createdAt, updatedAt, launchedAt == null ? when : launchedAt, deletedAt);
    }

    public Instance deletedAt(Instant when) {
        return new Instance(uuid, projectId, userId, name, flavor, imageUuid, keyName, userData, metadata,
                availabilityZone, accessIpv4, accessIpv6, diskConfig, schedulerHints, serverGroup, lifecycle, host,
                gpus, fault, lastObservedAt, createdAt, updatedAt, launchedAt, when);
    }

    public boolean deleted() {
        return deletedAt != null;
    }
}
