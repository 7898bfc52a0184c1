package io.gpucloud.compute.hypervisor;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.compute.FlavorResources;
import io.gpucloud.common.compute.GpuTraits;
import io.gpucloud.common.placement.Inventory;
import io.gpucloud.common.placement.PlacementClient;
import io.gpucloud.common.placement.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hosts, read from Placement (the source of truth for what hosts have and what is claimed): every root provider
 * with VCPU inventory is a host; its GPU children are summed per resource class. One read per provider, so a
 * listing costs O(providers) calls: fine for the tens to hundreds of hosts an admin lists.
 */
public class Hypervisors {

    private final PlacementClient placement;

    public Hypervisors(PlacementClient placement) {
        this.placement = requireNonNull(placement, "placement is null");
    }

    public List<Hypervisor> all() {
        List<Provider> providers = placement.all();
        List<Hypervisor> hosts = new ArrayList<>();
        for (Provider root : providers) {
            if (root.parentUuid() != null) {
                continue;
            }
            Map<String, Inventory> inventory = placement.inventories(root.uuid()).inventories();
            if (!inventory.containsKey("VCPU")) {
                continue;
            }
            Map<String, Integer> usage = placement.usages(root.uuid());
            Map<String, Hypervisor.GpuTotals> gpus = new TreeMap<>();
            for (Provider child : providers) {
                if (!root.uuid().equals(child.rootUuid()) || child.uuid().equals(root.uuid())) {
                    continue;
                }
                Map<String, Integer> childUsage = placement.usages(child.uuid());
                placement.inventories(child.uuid()).inventories().forEach((resourceClass, record) -> {
                    if (FlavorResources.isGpuResourceClass(resourceClass)) {
                        gpus.merge(resourceClass, new Hypervisor.GpuTotals(record.total(),
                                childUsage.getOrDefault(resourceClass, 0), record.reserved()),
                                (a, b) -> new Hypervisor.GpuTotals(a.total() + b.total(), a.used() + b.used(),
                                        a.reserved() + b.reserved()));
                    }
                });
            }
            boolean disabled = placement.traits(root.uuid()).traits().contains(GpuTraits.COMPUTE_STATUS_DISABLED);
            hosts.add(new Hypervisor(root.uuid(), root.name(), disabled, total(inventory, "VCPU"),
                    usage.getOrDefault("VCPU", 0), total(inventory, "MEMORY_MB"), usage.getOrDefault("MEMORY_MB", 0),
                    total(inventory, "DISK_GB"), usage.getOrDefault("DISK_GB", 0),
                    placement.consumersOf(root.uuid()).size(), gpus));
        }
        return hosts;
    }

    private static int total(Map<String, Inventory> inventory, String resourceClass) {
        Inventory record = inventory.get(resourceClass);
        return record == null ? 0 : record.total() - record.reserved();
    }
}
