package io.gpucloud.common.messaging.contract;

import java.util.Map;
import java.util.UUID;

/**
 * What the agent needs to build the guest beyond its resources; the scheduler passes it through untouched.
 *
 * @param userData  base64, as the API received it (null when none)
 * @param publicKey the OpenSSH public key of the key pair named at create time (null when none)
 */
public record BuildSpec(String name, UUID imageUuid, String keyName, String publicKey, String userData,
        Map<String, String> metadata) {

    public BuildSpec {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
