package io.gpucloud.scheduler.candidate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One provider tree: the root first, then its descendants (parents before children). Allocation
 * candidates never span trees (sharing providers are not supported), so a request is answered one tree
 * at a time. Each provider's inventories get consecutive "slots" so that a search can add up what its
 * request groups take from each inventory in one flat array.
 */
final class ProviderTree {

    private final IndexedProvider[] providers;
    private final int[] parentIndex;
    private final int[] firstSlot;
    private final int slotCount;
    private final int[] classIds;

    ProviderTree(List<IndexedProvider> providersRootFirst) {
        this.providers = providersRootFirst.toArray(IndexedProvider[]::new);
        if (providers.length == 0 || !providers[0].isRoot()) {
            throw new IllegalArgumentException("a tree starts with its root");
        }
        Map<UUID, Integer> positions = new HashMap<>();
        for (int i = 0; i < providers.length; i++) {
            positions.put(providers[i].uuid(), i);
        }
        this.parentIndex = new int[providers.length];
        this.firstSlot = new int[providers.length];
        int slots = 0;
        TreeSet<Integer> classes = new TreeSet<>();
        for (int i = 0; i < providers.length; i++) {
            UUID parent = providers[i].parentUuid();
            parentIndex[i] = parent == null ? -1 : positions.getOrDefault(parent, -1);
            firstSlot[i] = slots;
            slots += providers[i].inventories().length;
            for (IndexedInventory inventory : providers[i].inventories()) {
                classes.add(inventory.classId());
            }
        }
        this.slotCount = slots;
        this.classIds = classes.stream().mapToInt(Integer::intValue).toArray();
    }

    IndexedProvider root() {
        return providers[0];
    }

    long rootId() {
        return providers[0].id();
    }

    int size() {
        return providers.length;
    }

    IndexedProvider provider(int index) {
        return providers[index];
    }

    List<IndexedProvider> providers() {
        return List.of(providers);
    }

    /** The flat slot of a provider's inventory (see the class comment). */
    int slot(int providerIndex, int inventoryIndex) {
        return firstSlot[providerIndex] + inventoryIndex;
    }

    int slotCount() {
        return slotCount;
    }

    IndexedInventory inventoryAt(int providerIndex, int inventoryIndex) {
        return providers[providerIndex].inventories()[inventoryIndex];
    }

    /** Whether {@code ancestor} is {@code descendant} or one of its ancestors. */
    boolean isAncestorOrSelf(int ancestor, int descendant) {
        for (int i = descendant; i >= 0; i = parentIndex[i]) {
            if (i == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** The resource classes any provider of the tree has inventory of, sorted. */
    int[] classIds() {
        return classIds;
    }

    /**
     * This tree with new usage for some of its providers (provider id to class id to what is allocated), or
     * empty when a provider's inventories in {@code usage} are not the ones this tree holds (an inventory change
     * raced the usage read: the caller loads the whole tree instead).
     */
    Optional<ProviderTree> withUsage(Map<Long, Map<Integer, Long>> usage) {
        List<IndexedProvider> updated = new ArrayList<>(providers.length);
        for (IndexedProvider provider : providers) {
            if (!usage.containsKey(provider.id())) {
                updated.add(provider);
                continue;
            }
            Map<Integer, Long> used = usage.get(provider.id());
            IndexedInventory[] inventories = provider.inventories();
            if (used.size() != inventories.length) {
                return Optional.empty();
            }
            IndexedInventory[] changed = new IndexedInventory[inventories.length];
            for (int i = 0; i < inventories.length; i++) {
                IndexedInventory inventory = inventories[i];
                Long amount = used.get(inventory.classId());
                if (amount == null) {
                    return Optional.empty();
                }
                changed[i] = inventory.withUsed(amount);
            }
            updated.add(provider.withInventories(changed));
        }
        return Optional.of(new ProviderTree(updated));
    }

    boolean sameClassesAs(ProviderTree other) {
        return other != null && Arrays.equals(classIds, other.classIds);
    }
}
