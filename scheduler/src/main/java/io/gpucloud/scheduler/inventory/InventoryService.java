package io.gpucloud.scheduler.inventory;

import static java.util.Objects.requireNonNull;

import io.gpucloud.scheduler.api.PlacementErrorCode;
import io.gpucloud.scheduler.api.PlacementException;
import io.gpucloud.scheduler.provider.ProviderGenerations;
import io.gpucloud.scheduler.provider.ProviderLookup;
import io.gpucloud.scheduler.provider.ProviderLookup.ProviderRow;
import io.gpucloud.scheduler.resourceclass.ResourceClassRegistry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A provider's inventories. Every write first moves the provider generation on (compare-and-set against
 * the generation the caller saw, or the one read at the start), which also locks the provider row until
 * commit, so allocations, which take the same lock, cannot slip in between a check and a write.
 *
 * <p>Removing a class that has allocations is refused (409 {@code placement.inventory.inuse}). Shrinking a
 * class below what is already allocated is accepted and logged, as in Placement: the inventory must be able
 * to follow the hardware (a failed GPU, a larger reservation), and the allocations stay until their
 * consumers release them; no new claim fits until then.
 */
@Service
public class InventoryService {

    private static final Logger log = LoggerFactory.getLogger(InventoryService.class);

    private final InventoryRepository inventories;
    private final ProviderLookup providers;
    private final ProviderGenerations generations;
    private final ResourceClassRegistry resourceClasses;

    InventoryService(InventoryRepository inventories, ProviderLookup providers, ProviderGenerations generations,
            ResourceClassRegistry resourceClasses) {
        this.inventories = requireNonNull(inventories, "inventories is null");
        this.providers = requireNonNull(providers, "providers is null");
        this.generations = requireNonNull(generations, "generations is null");
        this.resourceClasses = requireNonNull(resourceClasses, "resourceClasses is null");
    }

    /** A provider's inventories and the generation they were read at. */
    public record ProviderInventories(int generation, List<Inventory> inventories) {
    }

    /** One inventory and the provider generation. */
    public record ProviderInventory(int generation, Inventory inventory) {
    }

    @Transactional(readOnly = true)
    public ProviderInventories list(UUID providerUuid) {
        ProviderRow provider = providers.require(providerUuid);
        return new ProviderInventories(provider.generation(), inventories.list(provider.id()));
    }

    @Transactional(readOnly = true)
    public ProviderInventory find(UUID providerUuid, String resourceClass) {
        ProviderRow provider = providers.require(providerUuid);
        return resourceClasses.find(resourceClass).flatMap(classId -> inventories.find(provider.id(), classId))
                .map(inventory -> new ProviderInventory(provider.generation(), inventory))
                .orElseThrow(() -> noInventory(resourceClass, providerUuid));
    }

    /** Makes the provider's inventory exactly {@code wanted}: classes are added, updated and removed. */
    @Transactional
    public ProviderInventories replace(UUID providerUuid, int expectedGeneration, Map<String, Inventory> wanted) {
        ProviderRow provider = providers.require(providerUuid);
        int generation = generations.increment(provider.id(), expectedGeneration);
        Map<Integer, Inventory> wantedById = new HashMap<>();
        wanted.forEach((name, inventory) -> wantedById.put(requireClass(name, providerUuid), inventory));

        Set<Integer> existing = inventories.classIds(provider.id());
        Set<Integer> removed = new HashSet<>(existing);
        removed.removeAll(wantedById.keySet());
        refuseIfInUse(provider, removed);
        inventories.delete(provider.id(), removed);
        wantedById.forEach((classId, inventory) -> {
            if (existing.contains(classId)) {
                warnIfOverCapacity(provider, classId, inventory);
                inventories.update(provider.id(), classId, inventory);
            } else {
                inventories.insert(provider.id(), classId, inventory);
            }
        });
        return new ProviderInventories(generation, inventories.list(provider.id()));
    }

    /**
     * Adds a class the provider has no inventory of yet (POST).
     *
     * @param expectedGeneration null to check against the generation read here
     */
    @Transactional
    public ProviderInventory add(UUID providerUuid, Integer expectedGeneration, Inventory inventory) {
        ProviderRow provider = providers.require(providerUuid);
        int generation = generations.increment(provider.id(),
                expectedGeneration == null ? provider.generation() : expectedGeneration);
        int classId = requireClass(inventory.resourceClass(), providerUuid);
        if (inventories.find(provider.id(), classId).isPresent()) {
            throw PlacementException.conflict(PlacementErrorCode.CONCURRENT_UPDATE, "Update conflict: Inventory for '"
                    + inventory.resourceClass() + "' on resource provider '" + providerUuid + "' already exists.");
        }
        inventories.insert(provider.id(), classId, inventory);
        return new ProviderInventory(generation, inventory);
    }

    /** Changes a class the provider already has (PUT of one class); 400 when it has none. */
    @Transactional
    public ProviderInventory update(UUID providerUuid, int expectedGeneration, Inventory inventory) {
        ProviderRow provider = providers.require(providerUuid);
        int generation = generations.increment(provider.id(), expectedGeneration);
        int classId = requireClass(inventory.resourceClass(), providerUuid);
        warnIfOverCapacity(provider, classId, inventory);
        if (!inventories.update(provider.id(), classId, inventory)) {
            throw PlacementException.badRequest("No inventory record with resource class for resource provider "
                    + providerUuid + ": No inventory of class " + inventory.resourceClass() + " found.");
        }
        return new ProviderInventory(generation, inventory);
    }

    @Transactional
    public void delete(UUID providerUuid, String resourceClass) {
        ProviderRow provider = providers.require(providerUuid);
        int classId = resourceClasses.find(resourceClass).orElseThrow(() -> noInventory(resourceClass, providerUuid));
        generations.increment(provider.id(), provider.generation());
        refuseIfInUse(provider, Set.of(classId));
        if (inventories.delete(provider.id(), Set.of(classId)) == 0) {
            throw noInventory(resourceClass, providerUuid);
        }
    }

    /** DELETE of all inventories (1.5). */
    @Transactional
    public void deleteAll(UUID providerUuid) {
        ProviderRow provider = providers.require(providerUuid);
        generations.increment(provider.id(), provider.generation());
        Set<Integer> all = inventories.classIds(provider.id());
        refuseIfInUse(provider, all);
        inventories.delete(provider.id(), all);
    }

    private void refuseIfInUse(ProviderRow provider, Set<Integer> classIds) {
        List<String> inUse = inventories.classesInUse(provider.id(), classIds);
        if (!inUse.isEmpty()) {
            // NOTE: nova's report client matches this text (_RE_INV_IN_USE); keep its shape.
            throw PlacementException.conflict(PlacementErrorCode.INVENTORY_IN_USE, "Inventory for '"
                    + String.join(", ", inUse) + "' on resource provider '" + provider.uuid() + "' in use.");
        }
    }

    private void warnIfOverCapacity(ProviderRow provider, int classId, Inventory inventory) {
        long used = inventories.used(provider.id(), classId);
        if (used > inventory.capacity()) {
            log.warn("Resource provider {} now has more {} allocated ({}) than its capacity ({})",
                    provider.uuid(), inventory.resourceClass(), used, inventory.capacity());
        }
    }

    private int requireClass(String name, UUID providerUuid) {
        return resourceClasses.find(name).orElseThrow(() -> PlacementException.badRequest(
                "Unknown resource class in inventory for resource provider " + providerUuid
                        + ": No such resource class " + name + "."));
    }

    private static PlacementException noInventory(String resourceClass, UUID providerUuid) {
        return PlacementException.notFound("No inventory of class " + resourceClass + " for " + providerUuid + ".");
    }
}
