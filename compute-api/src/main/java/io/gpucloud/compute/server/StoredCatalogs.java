package io.gpucloud.compute.server;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.compute.flavor.FlavorCatalog;
import io.gpucloud.compute.image.Image;
import io.gpucloud.compute.image.ImageCatalog;
import io.gpucloud.compute.keypair.Keypair;
import io.gpucloud.compute.keypair.KeypairCatalog;
import io.gpucloud.compute.zone.ZoneProperties;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@link ServerCatalogs} over this API's flavors, images, key pairs and zones. */
@Component
class StoredCatalogs implements ServerCatalogs {

    private final FlavorCatalog flavors;
    private final ImageCatalog images;
    private final KeypairCatalog keypairs;
    private final ZoneProperties zones;

    StoredCatalogs(FlavorCatalog flavors, ImageCatalog images, KeypairCatalog keypairs, ZoneProperties zones) {
        this.flavors = requireNonNull(flavors, "flavors is null");
        this.images = requireNonNull(images, "images is null");
        this.keypairs = requireNonNull(keypairs, "keypairs is null");
        this.zones = requireNonNull(zones, "zones is null");
    }

    @Override
    public Optional<FlavorSnapshot> flavor(String flavorId, AuthContext caller) {
        return flavors.findForProject(flavorId, caller).filter(flavor -> !flavor.disabled())
                .map(flavor -> new FlavorSnapshot(flavor.id(), flavor.name(), flavor.vcpus(), flavor.ramMb(),
                        flavor.diskGb(), flavor.ephemeralGb(), flavor.swapMb(), flavor.extraSpecs()));
    }

    @Override
    public Optional<ImageInfo> image(UUID imageId, AuthContext caller) {
        Image image = images.findUsable(imageId.toString(), caller);
        return Optional.of(new ImageInfo(image.id(), image.minDiskGb(), image.minRamMb(), image.properties()));
    }

    @Override
    public Optional<String> publicKey(String keyName, AuthContext caller) {
        return keypairs.find(caller.userId(), keyName).map(Keypair::publicKey);
    }

    @Override
    public boolean availabilityZone(String zone) {
        return zones.availabilityZones().contains(zone);
    }
}
