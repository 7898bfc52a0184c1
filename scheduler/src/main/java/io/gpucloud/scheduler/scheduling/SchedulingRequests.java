package io.gpucloud.scheduler.scheduling;

import io.gpucloud.common.compute.FlavorResources;
import io.gpucloud.common.compute.InvalidExtraSpecException;
import io.gpucloud.common.compute.ResourceRequest;
import io.gpucloud.common.messaging.contract.FlavorSpec;
import io.gpucloud.common.messaging.contract.ScheduleInstance;
import io.gpucloud.common.messaging.contract.ServerGroupSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a {@link ScheduleInstance} into a {@link SchedulingRequest}. Hints Nova knows but we do not act on
 * are ignored, as Nova ignores hints no enabled filter reads; hints we act on must be well-formed.
 */
final class SchedulingRequests {

    static final String DIFFERENT_HOST = "different_host";
    static final String SAME_HOST = "same_host";
    static final String DATA_RESIDENCY = "data_residency";

    private static final Set<String> GROUP_POLICIES = Set.of("affinity", "anti-affinity", "soft-affinity",
            "soft-anti-affinity");

    private SchedulingRequests() {
    }

    /** @throws InvalidSchedulingRequestException naming what is wrong */
    static SchedulingRequest from(ScheduleInstance message) {
        FlavorSpec flavor = message.flavor();
        ResourceRequest resources;
        try {
            resources = FlavorResources.translate(flavor.vcpus(), flavor.ramMb(), flavor.diskGb(), flavor.extraSpecs(),
                    message.imageProperties());
        }
        catch (InvalidExtraSpecException e) {
            throw new InvalidSchedulingRequestException("flavor " + flavor.name() + ": " + e.getMessage(), e);
        }
        Map<String, List<String>> hints = message.schedulerHints();
        Optional<ServerGroupSpec> group = Optional.ofNullable(message.serverGroup());
        group.ifPresent(g -> {
            if (!GROUP_POLICIES.contains(g.policy())) {
                throw new InvalidSchedulingRequestException("server group " + g.uuid() + " has unknown policy "
                        + g.policy());
            }
        });
        return new SchedulingRequest(message, resources, nonBlank(message.availabilityZone()),
                single(hints, DATA_RESIDENCY), instances(hints, DIFFERENT_HOST), instances(hints, SAME_HOST), group);
    }

    private static Set<UUID> instances(Map<String, List<String>> hints, String name) {
        Set<UUID> uuids = new HashSet<>();
        for (String value : hints.getOrDefault(name, List.of())) {
            try {
                uuids.add(UUID.fromString(value.trim()));
            }
            catch (IllegalArgumentException e) {
                throw new InvalidSchedulingRequestException("scheduler hint " + name + " names '" + value
                        + "', which is not an instance uuid");
            }
        }
        return uuids;
    }

    private static Optional<String> single(Map<String, List<String>> hints, String name) {
        List<String> values = hints.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new InvalidSchedulingRequestException("scheduler hint " + name + " takes one value, got " + values);
        }
        return values.isEmpty() ? Optional.empty() : nonBlank(values.get(0));
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
