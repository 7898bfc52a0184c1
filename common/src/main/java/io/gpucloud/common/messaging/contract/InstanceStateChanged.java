package io.gpucloud.common.messaging.contract;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * What an instance's guest is doing now, as its host sees it. Published by the agent on {@code cloud.events}
 * with routing key {@link #routingKey(UUID)} (partitioned by instance) after every build, action and
 * reconciliation that finds a change; compute-api moves the server's state from it. Consumers keep the newest
 * {@code observedAt} per instance, so a late copy of an older report changes nothing.
 *
 * <p>Version history: 1: all fields below.
 *
 * @param state      the state the host observed
 * @param reason     for ERROR, what went wrong, for a person (libvirt's message); otherwise null
 * @param domainName the libvirt domain's name (null when there is none)
 * @param observedAt when the agent looked
 */
@MessageContract(type = "InstanceStateChanged", version = 1)
public record InstanceStateChanged(UUID instanceUuid, String host, State state, String reason, String domainName,
        Instant observedAt) implements MessagePayload {

    /** The type's key; events go out under {@link #routingKey(UUID)}, partitioned by instance. */
    public static final String ROUTING_KEY = "instance.state";

    /** Where an event about this instance is published: {@link InstanceEventPartitions#routingKey}. */
    public static String routingKey(UUID instance) {
        return InstanceEventPartitions.routingKey(ROUTING_KEY, instance);
    }

    /** The guest's state; Nova's power states folded into what a user acts on. */
    public enum State {
        /** Defined and running. */
        ACTIVE,
        /** Defined, not running (stopped by the API, or from inside or outside the guest). */
        SHUTOFF,
        /** Paused or suspended by the hypervisor. */
        PAUSED,
        /** The host could not do what was asked, or the domain vanished. */
        ERROR,
        /** Deleted: the domain, its disks and its devices are gone. */
        DELETED
    }

    public InstanceStateChanged {
        requireNonNull(instanceUuid, "instanceUuid is null");
        requireNonNull(host, "host is null");
        requireNonNull(state, "state is null");
        requireNonNull(observedAt, "observedAt is null");
    }
}
