package io.gpucloud.compute.server;

import io.gpucloud.common.auth.AuthContext;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a server is made of, looked up for the caller (their project's access to flavors and images, their own
 * key pairs). Implemented over the flavor, image and key pair stores; servers depend only on this.
 */
public interface ServerCatalogs {

    /** A usable image: active, with its size limits and properties (kernel_id, hw_* …). */
    record ImageInfo(UUID uuid, int minDiskGb, int minRamMb, Map<String, String> properties) {
    }

    /** The flavor if it exists and the caller's project may use it. */
    Optional<FlavorSnapshot> flavor(String flavorId, AuthContext caller);

    /**
     * The image if it exists, the caller may see it and it is active.
     *
     * @throws io.gpucloud.common.api.ApiException 400 when it exists but is not active
     */
    Optional<ImageInfo> image(UUID imageId, AuthContext caller);

    /** The OpenSSH public key of the caller's key pair with that name. */
    Optional<String> publicKey(String keyName, AuthContext caller);

    /** Whether the availability zone exists. */
    boolean availabilityZone(String zone);
}
