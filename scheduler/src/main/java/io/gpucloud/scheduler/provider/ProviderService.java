package io.gpucloud.scheduler.provider;

import static java.util.Objects.requireNonNull;

import io.gpucloud.scheduler.api.PlacementErrorCode;
import io.gpucloud.scheduler.api.PlacementException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Resource providers: create, rename, move in the tree, delete, search. Renaming and moving do not change
 * the generation (Placement counts only inventory, trait, aggregate and allocation writes).
 */
@Service
public class ProviderService {

    private final ProviderRepository providers;
    private final ProviderSearch search;

    ProviderService(ProviderRepository providers, ProviderSearch search) {
        this.providers = requireNonNull(providers, "providers is null");
        this.search = requireNonNull(search, "search is null");
    }

    /** What a create or update asks for; {@code parentUuid} is empty for "no parent" or "leave as is". */
    record ProviderChange(String name, Optional<UUID> uuid, boolean parentGiven, Optional<UUID> parentUuid) {
    }

    @Transactional(readOnly = true)
    public ResourceProvider find(UUID uuid) {
        return providers.find(uuid).orElseThrow(
                () -> PlacementException.notFound("No resource provider with uuid " + uuid + " found."));
    }

    @Transactional(readOnly = true)
    public List<ResourceProvider> list(ProviderFilter filter) {
        Set<String> traits = new LinkedHashSet<>(filter.requiredTraits());
        traits.addAll(filter.forbiddenTraits());
        filter.anyOfTraits().forEach(traits::addAll);
        Set<String> unknown = search.unknownTraits(traits);
        if (!unknown.isEmpty()) {
            throw PlacementException.badQuery("Invalid trait(s) in \"required\" parameter: No such trait(s): "
                    + String.join(", ", unknown) + ".");
        }
        return search.find(filter);
    }

    @Transactional
    public ResourceProvider create(ProviderChange change) {
        UUID uuid = change.uuid().orElseGet(UUID::randomUUID);
        if (providers.uuidTaken(uuid)) {
            throw duplicate("uuid: " + uuid);
        }
        if (providers.nameTaken(change.name())) {
            throw duplicate("name: " + change.name());
        }
        Long parentId = null;
        Long rootId = null;
        if (change.parentUuid().isPresent()) {
            ResourceProvider parent = providers.find(change.parentUuid().get()).orElseThrow(() ->
                    PlacementException.badRequest("Unable to create resource provider \"" + change.name() + "\", "
                            + uuid + ": the parent provider " + change.parentUuid().get() + " does not exist."));
            parentId = parent.id();
            rootId = providers.find(parent.rootUuid()).orElseThrow().id();
        }
        try {
            providers.insert(uuid, change.name(), parentId, rootId);
        } catch (DuplicateKeyException e) {
            // NOTE: a concurrent create took the name or uuid between the checks above and the insert.
            throw duplicate("name: " + change.name() + " or uuid: " + uuid);
        }
        return providers.find(uuid).orElseThrow();
    }

    /**
     * Renames the provider and, when {@code parent_provider_uuid} is given, moves it. Giving a root a parent
     * is allowed from 1.14; moving a provider that has a parent, or making it a root again, only from 1.37.
     * A provider can never move under itself or its own descendants.
     */
    @Transactional
    public ResourceProvider update(UUID uuid, ProviderChange change, boolean reparentingAllowed) {
        ResourceProvider provider = find(uuid);
        if (!provider.name().equals(change.name())) {
            if (providers.nameTaken(change.name())) {
                throw duplicate(change.name());
            }
            providers.rename(provider.id(), change.name());
        }
        if (change.parentGiven()) {
            move(provider, change.parentUuid(), reparentingAllowed);
        }
        return providers.find(uuid).orElseThrow();
    }

    private void move(ResourceProvider provider, Optional<UUID> newParentUuid, boolean reparentingAllowed) {
        Optional<UUID> currentParent = Optional.ofNullable(provider.parentUuid());
        if (currentParent.equals(newParentUuid)) {
            return;
        }
        if (currentParent.isPresent() && !reparentingAllowed) {
            throw PlacementException.badRequest("Unable to save resource provider " + provider.uuid() + ": "
                    + (newParentUuid.isPresent() ? "re-parenting" : "un-parenting")
                    + " a provider is not allowed before microversion 1.37.");
        }
        if (newParentUuid.isEmpty()) {
            providers.reparent(provider.id(), null, provider.id());
            return;
        }
        ResourceProvider parent = providers.find(newParentUuid.get()).orElseThrow(() ->
                PlacementException.badRequest("Unable to save resource provider " + provider.uuid()
                        + ": the parent provider " + newParentUuid.get() + " does not exist."));
        if (providers.inSubtree(provider.id(), parent.id())) {
            throw PlacementException.badRequest("Unable to save resource provider " + provider.uuid()
                    + ": creating a loop in the provider tree is forbidden.");
        }
        providers.reparent(provider.id(), parent.id(), providers.find(parent.rootUuid()).orElseThrow().id());
    }

    /** Deletes a provider that has no children and no allocations; its inventories, traits and aggregates go too. */
    @Transactional
    public void delete(UUID uuid) {
        ResourceProvider provider = find(uuid);
        providers.lock(provider.id());
        if (providers.hasAllocations(provider.id())) {
            throw PlacementException.conflict(PlacementErrorCode.RESOURCE_PROVIDER_IN_USE,
                    "Unable to delete resource provider " + uuid + ": Resource provider has allocations.");
        }
        if (providers.hasChildren(provider.id())) {
            throw PlacementException.conflict(PlacementErrorCode.RESOURCE_PROVIDER_CANNOT_DELETE_PARENT,
                    "Unable to delete parent resource provider " + uuid + ": It has child resource providers.");
        }
        providers.delete(provider.id());
    }

    private static PlacementException duplicate(String what) {
        return PlacementException.conflict(PlacementErrorCode.DUPLICATE_NAME,
                "Conflicting resource provider " + what + " already exists.");
    }
}
