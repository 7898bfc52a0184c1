package io.gpucloud.common.placement;

import java.util.Map;

/** A provider's inventories by resource class and the generation they were read at. */
public record InventoriesAndGeneration(Map<String, Inventory> inventories, int generation) {

    public InventoriesAndGeneration {
        inventories = Map.copyOf(inventories);
    }
}
