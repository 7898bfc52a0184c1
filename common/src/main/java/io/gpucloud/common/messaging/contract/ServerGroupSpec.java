package io.gpucloud.common.messaging.contract;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/**
 * The server group an instance joins, with Nova's policy names.
 *
 * @param policy           {@code affinity}, {@code anti-affinity}, {@code soft-affinity} or {@code soft-anti-affinity}
 * @param maxServerPerHost anti-affinity's {@code max_server_per_host} rule (null: 1)
 */
public record ServerGroupSpec(UUID uuid, String policy, Integer maxServerPerHost) {

    public ServerGroupSpec {
        requireNonNull(uuid, "uuid is null");
        requireNonNull(policy, "policy is null");
    }
}
