package io.gpucloud.scheduler.scheduling;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.compute.ResourceRequest;
import io.gpucloud.common.messaging.contract.ScheduleInstance;
import io.gpucloud.common.messaging.contract.ServerGroupSpec;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What one instance asks of the scheduler, translated and checked: the Placement resource request from
 * its flavor and image, and the placement rules from its zone, hints and server group.
 *
 * @param zone              availability zone name, if one was asked for
 * @param residency         data-residency region name ({@code data_residency} hint), if any
 * @param differentHost     instances it must not share a host with ({@code different_host})
 * @param sameHost          instances one of which it must share a host with ({@code same_host})
 * @param group             the server group it joins, if any
 */
record SchedulingRequest(ScheduleInstance message, ResourceRequest resources, Optional<String> zone,
        Optional<String> residency, Set<UUID> differentHost, Set<UUID> sameHost, Optional<ServerGroupSpec> group) {

    SchedulingRequest {
        requireNonNull(message, "message is null");
        requireNonNull(resources, "resources is null");
        differentHost = Set.copyOf(differentHost);
        sameHost = Set.copyOf(sameHost);
    }

    UUID instanceUuid() {
        return message.instanceUuid();
    }

    /** The instances whose hosts the rules refer to (besides the group's members). */
    Set<UUID> referencedInstances() {
        java.util.Set<UUID> all = new java.util.HashSet<>(differentHost);
        all.addAll(sameHost);
        return all;
    }
}
