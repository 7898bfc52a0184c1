package io.gpucloud.scheduler.allocation;

import static java.util.Objects.requireNonNull;

import io.gpucloud.scheduler.allocation.AllocationRepository.ConsumerAllocation;
import io.gpucloud.scheduler.allocation.AllocationRepository.NewConsumerClaim;
import io.gpucloud.scheduler.allocation.AllocationRepository.ProviderAllocation;
import io.gpucloud.scheduler.allocation.AllocationRepository.Wanted;
import io.gpucloud.scheduler.allocation.CapacityCheck.Claim;
import io.gpucloud.scheduler.api.PlacementException;
import io.gpucloud.scheduler.consumer.Consumers;
import io.gpucloud.scheduler.consumer.ExpectedGeneration;
import io.gpucloud.scheduler.provider.ProviderGenerations;
import io.gpucloud.scheduler.provider.ProviderLookup;
import io.gpucloud.scheduler.provider.ProviderLookup.ProviderRow;
import io.gpucloud.scheduler.resourceclass.ResourceClassRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Claims, replaces and releases allocations atomically. Each write is one short transaction that
 * <ol>
 *   <li>resolves providers and resource classes (an unknown one is a 400, before any lock is taken);</li>
 *   <li>locks the consumers' rows in uuid order and checks their generations;</li>
 *   <li>frees the allocations being replaced;</li>
 *   <li>locks every provider involved, in id order, by bumping its generation, so that concurrent claims
 *       on a provider take turns and never deadlock (every writer takes consumers before providers, each
 *       in the same order);</li>
 *   <li>checks the new amounts against the inventories and the usage read under those locks;</li>
 *   <li>writes the new allocations and moves the consumers' generations on (or removes consumers left
 *       without allocations).</li>
 * </ol>
 * Any failure rolls all of it back: a rejected claim leaves no allocation and no consumer behind.
 * The scheduler worker calls {@link #replace(AllocationRequest)} with the candidate it chose.
 */
@Service
public class AllocationService {

    private static final Logger log = LoggerFactory.getLogger(AllocationService.class);

    private final Consumers consumers;
    private final AllocationRepository allocations;
    private final ProviderLookup providers;
    private final ProviderGenerations generations;
    private final ResourceClassRegistry resourceClasses;

    public AllocationService(Consumers consumers, AllocationRepository allocations, ProviderLookup providers,
            ProviderGenerations generations, ResourceClassRegistry resourceClasses) {
        this.consumers = requireNonNull(consumers, "consumers is null");
        this.allocations = requireNonNull(allocations, "allocations is null");
        this.providers = requireNonNull(providers, "providers is null");
        this.generations = requireNonNull(generations, "generations is null");
        this.resourceClasses = requireNonNull(resourceClasses, "resourceClasses is null");
    }

    /**
     * Makes the consumer's allocations exactly {@code request.resources()} (removing them all when it is
     * empty), or changes nothing.
     *
     * @throws PlacementException 400 for an unknown provider or resource class; 409 when the consumer
     *         generation does not match ({@code placement.concurrent_update}) or a claim does not fit
     */
    @Transactional
    public void replace(AllocationRequest request) {
        replaceAll(List.of(request));
    }

    /** {@link #replace} for several consumers at once, all or nothing ({@code POST /allocations}). */
    @Transactional
    public void replaceAll(List<AllocationRequest> requests) {
        Set<UUID> consumerUuids = new HashSet<>();
        for (AllocationRequest request : requests) {
            if (!consumerUuids.add(request.consumerUuid())) {
                throw new IllegalArgumentException("consumer " + request.consumerUuid() + " is named twice");
            }
        }
        if (requests.size() == 1 && claimsForNewConsumer(requests.get(0))) {
            return;
        }
        List<Claim> claims = resolve(requests);

        // Round trips matter more than anything else here: each statement below is one, for any number of
        // consumers, providers and claims (new consumers, the scheduler's case, skip the delete).
        Set<UUID> existingConsumers = new HashSet<>();
        requests.stream().sorted(Comparator.comparing(AllocationRequest::consumerUuid)).forEach(request -> {
            if (!consumers.lock(request.consumer(), request.generation()).created()) {
                existingConsumers.add(request.consumerUuid());
            }
        });

        SortedSet<Long> providerIds = new TreeSet<>();
        if (!existingConsumers.isEmpty()) {
            providerIds.addAll(allocations.deleteByConsumersReturningProviders(existingConsumers));
        }
        Set<Long> claimedProviderIds = new HashSet<>();
        claims.forEach(claim -> claimedProviderIds.add(claim.providerId()));
        providerIds.addAll(claimedProviderIds);
        lockProviders(providerIds);

        if (!claims.isEmpty()) {
            CapacityCheck.verify(claims, allocations.findInventoryUsage(claimedProviderIds));
        }
        allocations.insertAll(claims);
        Set<UUID> holding = new HashSet<>();
        claims.forEach(claim -> holding.add(claim.consumer()));
        Set<UUID> emptied = new HashSet<>(consumerUuids);
        emptied.removeAll(holding);
        consumers.finishWrites(holding, emptied);
        log.debug("replaced allocations consumers={} providers={} claims={}", consumerUuids.size(),
                providerIds.size(), claims.size());
    }

    /**
     * The common write, a new consumer's first claim (every scheduler decision), in one round trip: consumer,
     * provider locks, usage and allocations together, then the capacity check here. Same locks in the same
     * order, same errors, same result as the general path below.
     *
     * @return false, having changed nothing, when the request is not such a claim or the consumer exists
     */
    private boolean claimsForNewConsumer(AllocationRequest request) {
        ExpectedGeneration expected = request.generation();
        if (!expected.checked() || expected.value() != null || request.resources().isEmpty()) {
            return false;
        }
        List<Wanted> wanted = new ArrayList<>();
        request.resources().forEach((providerUuid, amounts) -> amounts.forEach((resourceClass, amount) ->
                wanted.add(new Wanted(providerUuid, resourceClass, classId(request, resourceClass), amount))));
        NewConsumerClaim done = allocations.claimForNewConsumer(request.consumer(), wanted);
        if (done.consumerExisted()) {
            return false;
        }
        List<Claim> claims = new ArrayList<>();
        for (Wanted want : wanted) {
            Long providerId = done.lockedProviders().get(want.providerUuid());
            if (providerId == null) {
                throw unknownProvider(want.providerUuid());
            }
            claims.add(new Claim(request.consumerUuid(), want.providerUuid(), providerId, want.resourceClass(),
                    want.resourceClassId(), want.amount()));
        }
        CapacityCheck.verify(claims, done.inventories());
        log.debug("claimed for new consumer {}: providers={} claims={}", request.consumerUuid(),
                done.lockedProviders().size(), claims.size());
        return true;
    }

    /**
     * Releases everything the consumer holds and removes the consumer.
     *
     * @throws PlacementException 404 when it holds nothing
     */
    @Transactional
    public void delete(UUID consumer) {
        if (consumers.lockExisting(consumer).isEmpty()) {
            throw noAllocations(consumer);
        }
        Set<Long> providerIds = allocations.deleteByConsumersReturningProviders(List.of(consumer));
        if (providerIds.isEmpty()) {
            throw noAllocations(consumer);
        }
        lockProviders(new TreeSet<>(providerIds));
        consumers.finishWrite(consumer);
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ConsumerAllocations findForConsumer(UUID consumer) {
        Map<UUID, ConsumerAllocations.Held> byProvider = new LinkedHashMap<>();
        for (ProviderAllocation row : allocations.findByConsumer(consumer)) {
            byProvider.computeIfAbsent(row.providerUuid(),
                    uuid -> new ConsumerAllocations.Held(row.providerGeneration(), new LinkedHashMap<>()))
                    .resources().put(resourceClasses.nameOf(row.resourceClassId()), row.used());
        }
        return new ConsumerAllocations(byProvider.isEmpty() ? Optional.empty() : consumers.find(consumer),
                byProvider);
    }

    /** @throws PlacementException 404 for an unknown provider */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ProviderAllocations findForProvider(UUID providerUuid) {
        ProviderRow provider = providers.find(providerUuid).orElseThrow(() -> PlacementException.notFound(
                "Resource provider '" + providerUuid + "' not found: No resource provider with uuid "
                        + providerUuid + " found"));
        Map<UUID, ProviderAllocations.Held> byConsumer = new LinkedHashMap<>();
        for (ConsumerAllocation row : allocations.findByProvider(provider.id())) {
            byConsumer.computeIfAbsent(row.consumerUuid(),
                    uuid -> new ProviderAllocations.Held(row.consumerGeneration(), new LinkedHashMap<>()))
                    .resources().put(resourceClasses.nameOf(row.resourceClassId()), row.used());
        }
        return new ProviderAllocations(provider.generation(), byConsumer);
    }

    /** Turns names into ids; an unknown provider or class is the writer's mistake (400). */
    private List<Claim> resolve(List<AllocationRequest> requests) {
        Set<UUID> providerUuids = new HashSet<>();
        requests.forEach(request -> providerUuids.addAll(request.resources().keySet()));
        Map<UUID, ProviderRow> providerRows = providers.findAll(providerUuids);
        List<Claim> claims = new ArrayList<>();
        for (AllocationRequest request : requests) {
            request.resources().forEach((providerUuid, amounts) -> {
                ProviderRow provider = providerRows.get(providerUuid);
                if (provider == null) {
                    throw unknownProvider(providerUuid);
                }
                amounts.forEach((resourceClass, amount) -> claims.add(new Claim(request.consumerUuid(), providerUuid,
                        provider.id(), resourceClass, classId(request, resourceClass), amount)));
            });
        }
        return claims;
    }

    private int classId(AllocationRequest request, String resourceClass) {
        return resourceClasses.find(resourceClass).orElseThrow(() -> PlacementException.badRequest(
                "Unable to allocate inventory for consumer " + request.consumerUuid() + ": No such resource class "
                        + resourceClass + "."));
    }

    /** Bumps every provider's generation, taking their row locks in id order, in one statement. */
    private void lockProviders(SortedSet<Long> providerIds) {
        if (generations.incrementAll(providerIds).size() != providerIds.size()) {
            // A provider was deleted after we resolved it: as if it had never existed.
            throw PlacementException.badRequest("A resource provider named in the allocations was deleted "
                    + "while allocating; it does not exist.");
        }
    }

    private static PlacementException unknownProvider(UUID uuid) {
        return PlacementException.badRequest("Allocation for resource provider '" + uuid + "' that does not exist.");
    }

    private static PlacementException noAllocations(UUID consumer) {
        return PlacementException.notFound("No allocations for consumer '" + consumer + "'");
    }
}
