package io.gpucloud.scheduler.inventory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Inventories as JSON. */
final class InventoryView {

    private InventoryView() {
    }

    /**
     * <pre>{"total", "reserved", "min_unit", "max_unit", "step_size", "allocation_ratio"}</pre>
     */
    static Map<String, Object> fields(Inventory inventory) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("total", inventory.total());
        view.put("reserved", inventory.reserved());
        view.put("min_unit", inventory.minUnit());
        view.put("max_unit", inventory.maxUnit());
        view.put("step_size", inventory.stepSize());
        view.put("allocation_ratio", inventory.allocationRatio());
        return view;
    }

    /** One class: its fields plus {@code "resource_provider_generation"}. */
    static Map<String, Object> single(int generation, Inventory inventory) {
        Map<String, Object> view = fields(inventory);
        view.put("resource_provider_generation", generation);
        return view;
    }

    /** <pre>{"inventories": {"VCPU": {fields}, ...}, "resource_provider_generation": 3}</pre> */
    static Map<String, Object> all(int generation, List<Inventory> inventories) {
        Map<String, Object> byClass = new LinkedHashMap<>();
        inventories.forEach(inventory -> byClass.put(inventory.resourceClass(), fields(inventory)));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("inventories", byClass);
        view.put("resource_provider_generation", generation);
        return view;
    }
}
