package io.gpucloud.common.messaging.contract;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Find a host for an instance, claim its resources and have it built. Sent by compute-api on
 * {@code cloud.commands} with routing key {@link #ROUTING_KEY}; the scheduler answers with
 * {@link BuildInstance} to the chosen host, or {@link NoValidHost}.
 *
 * <p>Version history: 1: all fields below.
 *
 * @param availabilityZone null: any zone
 * @param schedulerHints   Nova's {@code os:scheduler_hints}: {@code different_host}, {@code same_host} (instance
 *                         uuids) and our {@code data_residency} (a region name); values are lists
 * @param serverGroup      null when the instance is in no group
 */
@MessageContract(type = "ScheduleInstance", version = 1)
public record ScheduleInstance(UUID instanceUuid, String projectId, String userId, FlavorSpec flavor,
        Map<String, String> imageProperties, String availabilityZone, Map<String, List<String>> schedulerHints,
        ServerGroupSpec serverGroup, BuildSpec build) implements MessagePayload {

    public static final String ROUTING_KEY = "scheduler.schedule";

    public ScheduleInstance {
        requireNonNull(instanceUuid, "instanceUuid is null");
        requireNonNull(projectId, "projectId is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(flavor, "flavor is null");
        imageProperties = imageProperties == null ? Map.of() : Map.copyOf(imageProperties);
        schedulerHints = schedulerHints == null ? Map.of() : Map.copyOf(schedulerHints);
    }
}
