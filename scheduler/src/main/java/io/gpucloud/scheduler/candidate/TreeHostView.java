package io.gpucloud.scheduler.candidate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

/** A {@link HostView} over an indexed tree; the provider views are built on first use only. */
final class TreeHostView implements HostView {

    private final ProviderTree tree;
    private final IntFunction<String> className;
    private List<ProviderView> providers;

    TreeHostView(ProviderTree tree, IntFunction<String> className) {
        this.tree = tree;
        this.className = className;
    }

    @Override
    public UUID rootUuid() {
        return tree.root().uuid();
    }

    @Override
    public List<ProviderView> providers() {
        if (providers == null) {
            List<ProviderView> views = new ArrayList<>(tree.size());
            for (IndexedProvider provider : tree.providers()) {
                Map<String, Capacity> resources = new LinkedHashMap<>();
                for (IndexedInventory inventory : provider.inventories()) {
                    resources.put(className.apply(inventory.classId()), new Capacity(inventory.capacity(),
                            inventory.used(), inventory.minUnit(), inventory.maxUnit(), inventory.stepSize()));
                }
                views.add(new ProviderView(provider.uuid(), provider.name(), provider.parentUuid(), provider.traits(),
                        provider.aggregates(), Map.copyOf(resources)));
            }
            providers = List.copyOf(views);
        }
        return providers;
    }
}
