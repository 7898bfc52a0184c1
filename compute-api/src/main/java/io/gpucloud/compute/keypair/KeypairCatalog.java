package io.gpucloud.compute.keypair;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.springframework.stereotype.Service;

/** Read access to key pairs for the rest of the compute API (a server's {@code key_name} is the caller's own). */
@Service
public class KeypairCatalog {

    private final KeypairRepository keypairs;

    KeypairCatalog(KeypairRepository keypairs) {
        this.keypairs = requireNonNull(keypairs, "keypairs is null");
    }

    /** The user's key pair of that name. */
    public Optional<Keypair> find(String userId, String name) {
        return keypairs.find(requireNonNull(userId, "userId is null"), requireNonNull(name, "name is null"));
    }
}
