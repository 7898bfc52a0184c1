package io.gpucloud.scheduler.trait;

import static java.util.Objects.requireNonNull;

import io.gpucloud.scheduler.api.PlacementErrorCode;
import io.gpucloud.scheduler.api.PlacementException;
import io.gpucloud.scheduler.provider.ProviderGenerations;
import io.gpucloud.scheduler.provider.ProviderLookup;
import io.gpucloud.scheduler.provider.ProviderLookup.ProviderRow;
import io.gpucloud.scheduler.trait.TraitRepository.Trait;
import io.gpucloud.scheduler.trait.TraitRepository.TraitQuery;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Traits and the traits of each provider. Standard traits come with the schema and cannot be deleted;
 * custom ones are {@code CUSTOM_[A-Z0-9_]+}. Changing a provider's traits moves its generation on; a PUT
 * that changes nothing leaves it.
 */
@Service
public class TraitService {

    private static final Pattern CUSTOM_NAME = Pattern.compile("^CUSTOM_[A-Z0-9_]+$");

    private final TraitRepository traits;
    private final ProviderLookup providers;
    private final ProviderGenerations generations;

    TraitService(TraitRepository traits, ProviderLookup providers, ProviderGenerations generations) {
        this.traits = requireNonNull(traits, "traits is null");
        this.providers = requireNonNull(providers, "providers is null");
        this.generations = requireNonNull(generations, "generations is null");
    }

    /** A provider's trait names, sorted, and its generation. */
    public record ProviderTraits(int generation, List<String> traits) {
    }

    @Transactional(readOnly = true)
    public List<String> list(TraitQuery query) {
        return traits.list(query);
    }

    @Transactional(readOnly = true)
    public boolean exists(String name) {
        return traits.find(name).isPresent();
    }

    /**
     * Creates a custom trait unless it exists.
     *
     * @return whether it was created
     */
    @Transactional
    public boolean ensure(String name) {
        if (name.length() > 255 || !CUSTOM_NAME.matcher(name).matches()) {
            throw PlacementException.badRequest("The trait is invalid. A valid trait must be no longer than 255 "
                    + "characters, start with the prefix \"CUSTOM_\" and use following characters: \"A\"-\"Z\", "
                    + "\"0\"-\"9\" and \"_\"");
        }
        return traits.insertCustom(name);
    }

    @Transactional
    public void delete(String name) {
        Trait trait = traits.find(name).orElseThrow(() -> notFound(Set.of(name)));
        if (trait.standard()) {
            throw PlacementException.badRequest("Cannot delete standard trait " + name + ".");
        }
        if (traits.inUse(trait.id())) {
            throw PlacementException.conflict(PlacementErrorCode.UNDEFINED,
                    "The trait " + name + " is in use by a resource provider.");
        }
        traits.delete(trait.id());
    }

    @Transactional(readOnly = true)
    public ProviderTraits ofProvider(UUID providerUuid) {
        ProviderRow provider = providers.require(providerUuid);
        return new ProviderTraits(provider.generation(), traits.ofProvider(provider.id()));
    }

    /** Replaces the provider's traits; 409 on a stale generation, 400 naming any trait that does not exist. */
    @Transactional
    public ProviderTraits replace(UUID providerUuid, int expectedGeneration, List<String> wanted) {
        ProviderRow provider = providers.require(providerUuid);
        if (provider.generation() != expectedGeneration) {
            throw PlacementException.concurrentUpdate("Resource provider " + providerUuid);
        }
        Map<String, Integer> ids = traits.idsByName(wanted);
        if (ids.size() < new HashSet<>(wanted).size()) {
            Set<String> unknown = new TreeSet<>(wanted);
            unknown.removeAll(ids.keySet());
            throw PlacementException.badRequest("No such trait(s): " + String.join(", ", unknown) + ".");
        }
        if (new HashSet<>(traits.ofProvider(provider.id())).equals(ids.keySet())) {
            return new ProviderTraits(provider.generation(), traits.ofProvider(provider.id()));
        }
        int generation = generations.increment(provider.id(), expectedGeneration);
        traits.clearProvider(provider.id());
        traits.addToProvider(provider.id(), ids.values());
        return new ProviderTraits(generation, traits.ofProvider(provider.id()));
    }

    /**
     * Gives the provider one more trait (an existing one), moving its generation on, whatever generation it
     * has: for the control plane's own markers such as COMPUTE_STATUS_DISABLED, where the writer has no
     * generation to compare and must not lose to a concurrent claim.
     *
     * @return false when the provider already had it (nothing changed) or does not exist
     */
    @Transactional
    public boolean addToProvider(UUID providerUuid, String trait) {
        return changeOne(providerUuid, trait, true);
    }

    /** The reverse of {@link #addToProvider}; false when the provider did not have it or does not exist. */
    @Transactional
    public boolean removeFromProvider(UUID providerUuid, String trait) {
        return changeOne(providerUuid, trait, false);
    }

    private boolean changeOne(UUID providerUuid, String trait, boolean add) {
        Optional<ProviderRow> provider = providers.find(providerUuid);
        Integer traitId = traits.idsByName(List.of(trait)).get(trait);
        if (provider.isEmpty() || traitId == null) {
            return false;
        }
        if (traits.ofProvider(provider.get().id()).contains(trait) == add) {
            return false;
        }
        // Locks the row: a second writer doing the same waits here, then finds the change made and does nothing.
        generations.increment(provider.get().id());
        if (traits.ofProvider(provider.get().id()).contains(trait) == add) {
            return false;
        }
        if (add) {
            traits.addToProvider(provider.get().id(), List.of(traitId));
        }
        else {
            traits.removeFromProvider(provider.get().id(), traitId);
        }
        return true;
    }

    /** Removes every trait from the provider (DELETE). */
    @Transactional
    public void clear(UUID providerUuid) {
        ProviderRow provider = providers.require(providerUuid);
        if (!traits.ofProvider(provider.id()).isEmpty()) {
            generations.increment(provider.id(), provider.generation());
            traits.clearProvider(provider.id());
        }
    }

    private static PlacementException notFound(Set<String> names) {
        return PlacementException.notFound("No such trait(s): " + String.join(", ", new TreeSet<>(names)) + ".");
    }
}
