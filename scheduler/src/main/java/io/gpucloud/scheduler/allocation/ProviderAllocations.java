package io.gpucloud.scheduler.allocation;

import java.util.Map;
import java.util.UUID;

/**
 * The allocations against one provider, by consumer.
 *
 * @param byConsumer consumer uuid → the consumer's generation and the amounts it holds, by class name
 */
public record ProviderAllocations(int providerGeneration, Map<UUID, Held> byConsumer) {

    /** What one consumer holds of the provider. */
    public record Held(int consumerGeneration, Map<String, Integer> resources) {
    }
}
