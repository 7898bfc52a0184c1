package io.gpucloud.scheduler.allocation;

import io.gpucloud.scheduler.allocation.AllocationRepository.InventoryUsage;
import io.gpucloud.scheduler.api.PlacementErrorCode;
import io.gpucloud.scheduler.api.PlacementException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Whether claims fit the providers' inventories, checked as Placement checks them: the class must be in
 * the provider's inventory, each amount must respect {@code min_unit}, {@code max_unit} and
 * {@code step_size}, and what is used plus everything claimed of one (provider, class) must stay within
 * {@code (total - reserved) * allocation_ratio}. Pure: the caller reads the usage under the providers'
 * locks and passes it in.
 */
final class CapacityCheck {

    /** One amount of one class wanted from one provider, by one consumer. */
    record Claim(UUID consumer, UUID providerUuid, long providerId, String resourceClass, int resourceClassId,
            int amount) {
    }

    private record InventoryKey(long providerId, int resourceClassId) {
    }

    private CapacityCheck() {
    }

    /**
     * @param inventories the inventories of (at least) every provider claimed from, with current usage,
     *                    not counting the allocations the claims replace
     * @throws PlacementException 409 when a claim does not fit
     */
    static void verify(List<Claim> claims, List<InventoryUsage> inventories) {
        Map<InventoryKey, InventoryUsage> byKey = new HashMap<>();
        for (InventoryUsage inventory : inventories) {
            byKey.put(new InventoryKey(inventory.providerId(), inventory.resourceClassId()), inventory);
        }
        Map<InventoryKey, Long> claimed = new HashMap<>();
        for (Claim claim : claims) {
            InventoryKey key = new InventoryKey(claim.providerId(), claim.resourceClassId());
            InventoryUsage inventory = byKey.get(key);
            if (inventory == null) {
                throw unableToAllocate("Inventory for '" + claim.resourceClass() + "' on resource provider '"
                        + claim.providerUuid() + "' invalid.");
            }
            if (claim.amount() < inventory.minUnit() || claim.amount() > inventory.maxUnit()
                    || claim.amount() % inventory.stepSize() != 0) {
                throw unableToAllocate(cannotCreate(claim) + " The requested amount would violate inventory constraints.");
            }
            long total = claimed.merge(key, (long) claim.amount(), Long::sum);
            if (inventory.used() + total > inventory.capacity()) {
                throw unableToAllocate(cannotCreate(claim) + " The requested amount would exceed the capacity.");
            }
        }
    }

    private static String cannotCreate(Claim claim) {
        return "Unable to create allocation for '" + claim.resourceClass() + "' on resource provider '"
                + claim.providerUuid() + "'.";
    }

    private static PlacementException unableToAllocate(String reason) {
        return new PlacementException(409, PlacementErrorCode.UNDEFINED,
                "Unable to allocate inventory: " + reason);
    }
}
