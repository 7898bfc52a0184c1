package io.gpucloud.scheduler.allocation;

import static java.util.Objects.requireNonNull;

import io.gpucloud.scheduler.consumer.ConsumerOwner;
import io.gpucloud.scheduler.consumer.ExpectedGeneration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What one consumer's allocations should become: for each provider, the amount of each resource class.
 * Empty {@code resources} removes all of the consumer's allocations. This is the claim the scheduler
 * worker makes once it has chosen a candidate.
 *
 * @param consumer   the consumer and who owns it
 * @param generation the consumer generation the writer read ({@link ExpectedGeneration#unchecked()} for
 *                   last-writer-wins)
 * @param resources  provider uuid → resource class name → amount (each at least 1)
 */
public record AllocationRequest(ConsumerOwner consumer, ExpectedGeneration generation,
        Map<UUID, Map<String, Integer>> resources) {

    public AllocationRequest {
        requireNonNull(consumer, "consumer is null");
        requireNonNull(generation, "generation is null");
        Map<UUID, Map<String, Integer>> copy = new LinkedHashMap<>();
        requireNonNull(resources, "resources is null").forEach((provider, amounts) ->
                copy.put(requireNonNull(provider, "provider is null"),
                        Collections.unmodifiableMap(new LinkedHashMap<>(amounts))));
        resources = Collections.unmodifiableMap(copy);
    }

    public UUID consumerUuid() {
        return consumer.uuid();
    }
}
