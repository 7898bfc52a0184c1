package io.gpucloud.scheduler.allocation;

import io.gpucloud.common.api.ApiVersion;
import io.gpucloud.scheduler.consumer.Consumer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The JSON of the allocation reads, per microversion. Pure functions of what the service returned. */
final class AllocationViews {

    private AllocationViews() {
    }

    /**
     * {@code GET /allocations/{consumer_uuid}}:
     * <pre>
     * {"allocations": {RP_UUID: {"generation": 3, "resources": {"VCPU": 2, "PGPU": 1}}},
     *  "project_id": "…", "user_id": "…",      // from 1.12, when there are allocations
     *  "consumer_generation": 1,               // from 1.28, when there are allocations
     *  "consumer_type": "INSTANCE"}            // from 1.38, when there are allocations ("unknown" if none given)
     * </pre>
     * A consumer that holds nothing is exactly {@code {"allocations": {}}}.
     */
    static Map<String, Object> forConsumer(ConsumerAllocations allocations, ApiVersion version) {
        Map<String, Object> byProvider = new LinkedHashMap<>();
        allocations.byProvider().forEach((provider, held) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("generation", held.providerGeneration());
            entry.put("resources", held.resources());
            byProvider.put(provider.toString(), entry);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("allocations", byProvider);
        if (allocations.isEmpty() || allocations.consumer().isEmpty() || !version.atLeast(1, 12)) {
            return body;
        }
        Consumer consumer = allocations.consumer().get();
        body.put("project_id", consumer.projectId());
        body.put("user_id", consumer.userId());
        if (version.atLeast(1, 28)) {
            body.put("consumer_generation", consumer.generation());
        }
        if (version.atLeast(1, 38)) {
            body.put("consumer_type", consumer.consumerType() != null ? consumer.consumerType() : Consumer.UNKNOWN_TYPE);
        }
        return body;
    }

    /**
     * {@code GET /resource_providers/{uuid}/allocations}:
     * <pre>
     * {"allocations": {CONSUMER_UUID: {"resources": {"PGPU": 1},
     *                                  "consumer_generation": 1}},   // from 1.28
     *  "resource_provider_generation": 7}
     * </pre>
     */
    static Map<String, Object> forProvider(ProviderAllocations allocations, ApiVersion version) {
        Map<String, Object> byConsumer = new LinkedHashMap<>();
        allocations.byConsumer().forEach((UUID consumer, ProviderAllocations.Held held) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("resources", held.resources());
            if (version.atLeast(1, 28)) {
                entry.put("consumer_generation", held.consumerGeneration());
            }
            byConsumer.put(consumer.toString(), entry);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("allocations", byConsumer);
        body.put("resource_provider_generation", allocations.providerGeneration());
        return body;
    }
}
