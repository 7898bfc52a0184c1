package io.gpucloud.common.compute;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.util.UUID;

/**
 * Placement aggregates that stand for a named grouping of hosts. Placement aggregates are bare uuids, so the
 * uuid of the aggregate for availability zone "az1" (or data-residency region "eu") is derived from its name:
 * the agent that puts a host in a zone, the scheduler that restricts a request to it and the operator who
 * types {@code openstack resource provider aggregate set --aggregate <uuid>} all arrive at the same uuid
 * without a registry to keep in step.
 */
public final class NamedAggregates {

    private NamedAggregates() {
    }

    /** The aggregate of hosts in availability zone {@code name} (names are case-sensitive, as Nova's). */
    public static UUID availabilityZone(String name) {
        return derive("availability-zone", name);
    }

    /** The aggregate of hosts whose data stays in region {@code name}, e.g. "eu" (a scheduler hint). */
    public static UUID dataResidency(String name) {
        return derive("data-residency", name);
    }

    private static UUID derive(String kind, String name) {
        requireNonNull(name, "name is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException(kind + " name is blank");
        }
        return UUID.nameUUIDFromBytes(("gpucloud:" + kind + ":" + name).getBytes(UTF_8));
    }
}
