package io.gpucloud.scheduler.aggregate;

import static java.util.Objects.requireNonNull;

import io.gpucloud.scheduler.provider.ProviderGenerations;
import io.gpucloud.scheduler.provider.ProviderLookup;
import io.gpucloud.scheduler.provider.ProviderLookup.ProviderRow;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A provider's aggregates. From 1.19 a PUT names the generation it saw and moves it on; before 1.19 it
 * names none and, as in Placement, leaves the generation as it is.
 */
@Service
public class AggregateService {

    private final AggregateRepository aggregates;
    private final ProviderLookup providers;
    private final ProviderGenerations generations;

    AggregateService(AggregateRepository aggregates, ProviderLookup providers, ProviderGenerations generations) {
        this.aggregates = requireNonNull(aggregates, "aggregates is null");
        this.providers = requireNonNull(providers, "providers is null");
        this.generations = requireNonNull(generations, "generations is null");
    }

    /** A provider's aggregate uuids and its generation. */
    public record ProviderAggregates(int generation, List<UUID> aggregates) {
    }

    @Transactional(readOnly = true)
    public ProviderAggregates ofProvider(UUID providerUuid) {
        ProviderRow provider = providers.require(providerUuid);
        return new ProviderAggregates(provider.generation(), aggregates.ofProvider(provider.id()));
    }

    /** @param expectedGeneration empty before 1.19: no check, no increment */
    @Transactional
    public ProviderAggregates replace(UUID providerUuid, OptionalInt expectedGeneration, List<UUID> wanted) {
        ProviderRow provider = providers.require(providerUuid);
        int generation = provider.generation();
        if (expectedGeneration.isPresent()) {
            generation = generations.increment(provider.id(), expectedGeneration.getAsInt());
        }
        aggregates.replace(provider.id(), wanted);
        return new ProviderAggregates(generation, aggregates.ofProvider(provider.id()));
    }
}
