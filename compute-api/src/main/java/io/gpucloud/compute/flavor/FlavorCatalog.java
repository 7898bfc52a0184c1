package io.gpucloud.compute.flavor;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.auth.AuthContext;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Read access to flavors with Nova's visibility rule: an admin sees every flavor; anyone else sees public
 * flavors and the private ones their project was given access to (others do not exist for them).
 */
@Service
public class FlavorCatalog {

    private final FlavorRepository flavors;

    FlavorCatalog(FlavorRepository flavors) {
        this.flavors = requireNonNull(flavors, "flavors is null");
    }

    /** The flavor, if the caller's project may see (and so use) it. */
    public Optional<Flavor> findForProject(String flavorId, AuthContext caller) {
        requireNonNull(flavorId, "flavorId is null");
        requireNonNull(caller, "caller is null");
        return flavors.find(flavorId).filter(flavor -> mayUse(flavor, caller));
    }

    List<Flavor> list(FlavorFilter filter, FlavorSort sort) {
        return flavors.list(filter, sort);
    }

    private boolean mayUse(Flavor flavor, AuthContext caller) {
        return flavor.isPublic() || caller.isAdmin()
                || (caller.projectId() != null && flavors.hasAccess(flavor.id(), caller.projectId()));
    }
}
