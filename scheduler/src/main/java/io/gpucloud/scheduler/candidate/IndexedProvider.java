package io.gpucloud.scheduler.candidate;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import java.util.UUID;

/**
 * A provider as the index holds it: identity, tree position, inventories (sorted by class id), trait names
 * and aggregate uuids. Immutable; a change to the provider replaces its whole tree in the index (a change of
 * usage only, a copy of the tree with the new amounts).
 */
record IndexedProvider(long id, UUID uuid, String name, UUID parentUuid, UUID rootUuid, long rootId,
        IndexedInventory[] inventories, Set<String> traits, Set<UUID> aggregates) {

    IndexedProvider {
        requireNonNull(uuid, "uuid is null");
        requireNonNull(name, "name is null");
        requireNonNull(rootUuid, "rootUuid is null");
        requireNonNull(inventories, "inventories is null");
        traits = Set.copyOf(traits);
        aggregates = Set.copyOf(aggregates);
    }

    /** The position of the class in {@link #inventories()}, or -1 when the provider has none of it. */
    int inventoryIndex(int classId) {
        for (int i = 0; i < inventories.length; i++) {
            if (inventories[i].classId() == classId) {
                return i;
            }
        }
        return -1;
    }

    IndexedProvider withInventories(IndexedInventory[] newInventories) {
        return new IndexedProvider(id, uuid, name, parentUuid, rootUuid, rootId, newInventories, traits, aggregates);
    }

    boolean isRoot() {
        return parentUuid == null;
    }
}
