package io.gpucloud.compute.flavor;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Flavor writes (admin only; the controllers check the policy): create, describe, delete, extra specs, access. */
@Service
class FlavorService {

    private final FlavorRepository flavors;

    FlavorService(FlavorRepository flavors) {
        this.flavors = requireNonNull(flavors, "flavors is null");
    }

    @Transactional
    Flavor create(NewFlavor request) {
        String id = request.id() != null ? request.id() : UUID.randomUUID().toString();
        if (flavors.existsWithId(id)) {
            throw ApiException.conflict("Flavor with ID " + id + " already exists.");
        }
        if (flavors.existsWithName(request.name())) {
            throw ApiException.conflict("Flavor with name " + request.name() + " already exists.");
        }
        Flavor flavor = new Flavor(id, request.name(), request.description(), request.vcpus(), request.ramMb(),
                request.diskGb(), request.ephemeralGb(), request.swapMb(), request.rxtxFactor(), request.isPublic(),
                false, new TreeMap<>());
        try {
            flavors.insert(flavor);
        } catch (DuplicateKeyException e) {
            // Two creates raced past the checks above; the unique constraints decided.
            throw ApiException.conflict("Flavor with name " + request.name() + " or ID " + id + " already exists.");
        }
        return flavor;
    }

    @Transactional
    Flavor updateDescription(String flavorId, String description) {
        Flavor flavor = existing(flavorId);
        flavors.updateDescription(flavorId, description);
        return flavor.withDescription(description);
    }

    @Transactional
    void delete(String flavorId) {
        if (!flavors.delete(flavorId)) {
            throw notFound(flavorId);
        }
    }

    /** Merges {@code specs} into the flavor's extra specs; the whole resulting set must be schedulable. */
    @Transactional
    Map<String, String> putExtraSpecs(String flavorId, Map<String, String> specs) {
        flavors.lock(flavorId);
        Flavor flavor = existing(flavorId);
        Map<String, String> resulting = new TreeMap<>(flavor.extraSpecs());
        resulting.putAll(specs);
        ExtraSpecRules.requireSchedulable(flavor, resulting);
        flavors.putExtraSpecs(flavorId, specs);
        return specs;
    }

    /**
     * Removes one extra spec. Removing a key must not turn a schedulable flavor into one that is not (say, dropping
     * {@code group_policy} while two numbered groups remain); a flavor that is already unschedulable may shed keys
     * in any order, so that it can be repaired.
     */
    @Transactional
    void deleteExtraSpec(String flavorId, String key) {
        flavors.lock(flavorId);
        Flavor flavor = existing(flavorId);
        if (!flavor.extraSpecs().containsKey(key)) {
            throw ApiException.notFound("Flavor " + flavorId + " has no extra specs with key " + key + ".");
        }
        Map<String, String> resulting = new TreeMap<>(flavor.extraSpecs());
        resulting.remove(key);
        if (ExtraSpecRules.isSchedulable(flavor, flavor.extraSpecs())) {
            ExtraSpecRules.requireSchedulable(flavor, resulting);
        }
        flavors.deleteExtraSpec(flavorId, key);
    }

    @Transactional(readOnly = true)
    List<String> projectsWithAccess(String flavorId) {
        Flavor flavor = existing(flavorId);
        if (flavor.isPublic()) {
            throw ApiException.notFound("Access list not available for public flavors.");
        }
        return flavors.projectsWithAccess(flavorId);
    }

    @Transactional
    List<String> addAccess(String flavorId, String projectId) {
        Flavor flavor = existing(flavorId);
        if (flavor.isPublic()) {
            throw ApiException.conflict("Can not add access to a public flavor.");
        }
        if (!flavors.addAccess(flavorId, projectId)) {
            throw ApiException.conflict("Flavor access already exists for flavor " + flavorId + " and project "
                    + projectId + " combination.");
        }
        return flavors.projectsWithAccess(flavorId);
    }

    @Transactional
    List<String> removeAccess(String flavorId, String projectId) {
        existing(flavorId);
        if (!flavors.removeAccess(flavorId, projectId)) {
            throw ApiException.notFound("Flavor access not found for " + flavorId + " / " + projectId
                    + " combination.");
        }
        return flavors.projectsWithAccess(flavorId);
    }

    private Flavor existing(String flavorId) {
        return flavors.find(flavorId).orElseThrow(() -> notFound(flavorId));
    }

    static ApiException notFound(String flavorId) {
        return ApiException.notFound("Flavor " + flavorId + " could not be found.");
    }
}
