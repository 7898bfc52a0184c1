package io.gpucloud.scheduler.allocation;

import io.gpucloud.scheduler.consumer.Consumer;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A consumer's allocations, by provider; empty (and no consumer) for a consumer that holds nothing.
 *
 * @param byProvider provider uuid → the provider's generation and the amounts held, by class name
 */
public record ConsumerAllocations(Optional<Consumer> consumer, Map<UUID, Held> byProvider) {

    /** What the consumer holds of one provider. */
    public record Held(int providerGeneration, Map<String, Integer> resources) {
    }

    public boolean isEmpty() {
        return byProvider.isEmpty();
    }
}
