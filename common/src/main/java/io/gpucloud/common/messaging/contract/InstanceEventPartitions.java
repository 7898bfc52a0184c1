package io.gpucloud.common.messaging.contract;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/**
 * The events about instances that compute-api applies ({@link InstanceScheduled}, {@link NoValidHost},
 * {@link InstanceStateChanged}) are published under one of {@link #COUNT} routing keys per type, chosen by the
 * instance's uuid: {@code instance.state.5}. Every report about one instance then travels one partition and is
 * applied in the order it was sent, while reports about different instances are applied in parallel (one queue
 * and consumer per partition). Part of the wire contract: every publisher and consumer must use the same count.
 */
public final class InstanceEventPartitions {

    /** Partitions per event type. Changing it re-routes instances: only with every publisher and consumer. */
    public static final int COUNT = 8;

    private InstanceEventPartitions() {
    }

    /** The instance's partition, 0 .. {@link #COUNT} - 1 ({@link UUID#hashCode()} is fixed by its spec). */
    public static int of(UUID instance) {
        return Math.floorMod(requireNonNull(instance, "instance is null").hashCode(), COUNT);
    }

    /** The routing key of an event of that type about the instance, e.g. {@code instance.state.5}. */
    public static String routingKey(String typeKey, UUID instance) {
        return partitionKey(typeKey, of(instance));
    }

    /** The routing key of a type's partition, e.g. {@code instance.state.5}: what that partition's queue binds. */
    public static String partitionKey(String typeKey, int partition) {
        return typeKey + "." + partition;
    }

    /** The binding pattern for every partition of the type, e.g. {@code instance.state.*}. */
    public static String anyPartition(String typeKey) {
        return typeKey + ".*";
    }
}
