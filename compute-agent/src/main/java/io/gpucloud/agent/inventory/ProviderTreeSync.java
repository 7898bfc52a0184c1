package io.gpucloud.agent.inventory;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.placement.Inventory;
import io.gpucloud.common.placement.InventoriesAndGeneration;
import io.gpucloud.common.placement.PlacementClient;
import io.gpucloud.common.placement.PlacementException;
import io.gpucloud.common.placement.Provider;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the host's provider tree in Placement match its {@link HostPlan}: the root provider (named after the
 * host) with VCPU, MEMORY_MB and DISK_GB, one child per GPU with its class and traits. Writes only what
 * differs, so a sync of an unchanged host is reads only. Other writers (the scheduler's claims, an operator)
 * move generations on: each write is retried on {@code placement.concurrent_update} after reading again.
 *
 * <p>The agent owns its GPU children's inventories and traits entirely, and the root's three inventories; it
 * never touches the root's traits, which the control plane uses (COMPUTE_STATUS_DISABLED for a host that is
 * down or disabled).
 */
public final class ProviderTreeSync {

    private static final Logger log = LoggerFactory.getLogger(ProviderTreeSync.class);
    private static final int MAX_ATTEMPTS = 5;

    private final PlacementClient placement;
    private final double cpuAllocationRatio;
    private final double ramAllocationRatio;
    private final Set<String> ensuredNames = ConcurrentHashMap.newKeySet();

    public ProviderTreeSync(PlacementClient placement, double cpuAllocationRatio, double ramAllocationRatio) {
        this.placement = requireNonNull(placement, "placement is null");
        this.cpuAllocationRatio = cpuAllocationRatio;
        this.ramAllocationRatio = ramAllocationRatio;
    }

    /** Syncs the tree; returns the root provider's uuid. */
    public UUID sync(HostPlan plan) {
        ensureCustomNames(plan);
        Provider root = placement.findByName(plan.host())
                .orElseGet(() -> placement.create(plan.host(), UUID.randomUUID(), null));
        Map<String, Inventory> rootInventory = new LinkedHashMap<>();
        rootInventory.put("VCPU", Inventory.of(plan.vcpus(), plan.reservedVcpus(), cpuAllocationRatio));
        if (plan.pcpus() > 0) {
            // Pinned CPUs are never shared: no overcommit, no reserve (the operator left those out of the set).
            rootInventory.put("PCPU", Inventory.of(plan.pcpus(), 0, 1.0));
        }
        rootInventory.put("MEMORY_MB", Inventory.of(Math.toIntExact(plan.memoryMb()),
                Math.toIntExact(plan.reservedMemoryMb()), ramAllocationRatio));
        if (plan.diskGb() > 0) {
            rootInventory.put("DISK_GB", Inventory.of(plan.diskGb(), 0, 1.0));
        }
        syncInventory(root.uuid(), rootInventory);

        Map<String, Provider> children = new HashMap<>();
        for (Provider provider : placement.tree(root.uuid())) {
            if (root.uuid().equals(provider.parentUuid())) {
                children.put(provider.name(), provider);
            }
        }
        for (GpuSlot slot : plan.gpus()) {
            Provider child = children.remove(slot.providerName());
            UUID uuid = child != null ? child.uuid()
                    : placement.create(slot.providerName(), UUID.randomUUID(), root.uuid()).uuid();
            syncGpu(uuid, slot);
        }
        children.values().stream().filter(child -> child.name().startsWith(plan.host() + "_pci_"))
                .forEach(this::retireVanished);
        return root.uuid();
    }

    private void syncGpu(UUID provider, GpuSlot slot) {
        Inventory inventory = new Inventory(slot.total(), slot.inService() ? 0 : slot.total(), 1, slot.total(), 1, 1.0);
        try {
            syncInventory(provider, Map.of(slot.resourceClass(), inventory));
        }
        catch (PlacementException e) {
            if (!e.isInventoryInUse()) {
                throw e;
            }
            // Its mode changed (e.g. PGPU to VGPU) while a guest holds it: keep the old offer until it is free.
            log.warn("GPU {} keeps its current inventory until its guests are gone: {}", slot.providerName(),
                    e.getMessage());
        }
        placement.updateTraits(provider, current -> slot.traits());
    }

    /** A GPU that vanished from the host: remove its provider, or, while guests still hold it, offer nothing. */
    private void retireVanished(Provider child) {
        if (placement.delete(child.uuid())) {
            log.info("GPU provider {} removed: the device is gone from the host", child.name());
            return;
        }
        log.warn("GPU provider {} is gone from the host but still allocated; holding its inventory reserved",
                child.name());
        withRetry(child.uuid(), generation -> {
            InventoriesAndGeneration current = placement.inventories(child.uuid());
            Map<String, Inventory> reserved = new LinkedHashMap<>();
            current.inventories().forEach((resourceClass, inventory) -> reserved.put(resourceClass, new Inventory(
                    inventory.total(), inventory.total(), inventory.minUnit(), inventory.maxUnit(),
                    inventory.stepSize(), inventory.allocationRatio())));
            return reserved.equals(current.inventories()) ? current.generation()
                    : placement.putInventories(child.uuid(), current.generation(), reserved);
        });
    }

    private void syncInventory(UUID provider, Map<String, Inventory> desired) {
        withRetry(provider, generation -> {
            InventoriesAndGeneration current = placement.inventories(provider);
            return current.inventories().equals(desired) ? current.generation()
                    : placement.putInventories(provider, current.generation(), desired);
        });
    }

    private void withRetry(UUID provider, IntUnaryOperator readThenWrite) {
        for (int attempt = 1; ; attempt++) {
            try {
                readThenWrite.applyAsInt(0);
                return;
            }
            catch (PlacementException e) {
                if (!e.isConcurrentUpdate() || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                log.debug("Provider {} changed under us (attempt {}); reading it again", provider, attempt);
            }
        }
    }

    private void ensureCustomNames(HostPlan plan) {
        for (GpuSlot slot : plan.gpus()) {
            if (slot.resourceClass().startsWith("CUSTOM_") && !ensuredNames.contains("class:" + slot.resourceClass())) {
                placement.ensureResourceClass(slot.resourceClass());
                ensuredNames.add("class:" + slot.resourceClass());
            }
            for (String trait : slot.traits()) {
                if (trait.startsWith("CUSTOM_") && !ensuredNames.contains("trait:" + trait)) {
                    placement.ensureTrait(trait);
                    ensuredNames.add("trait:" + trait);
                }
            }
        }
    }
}
