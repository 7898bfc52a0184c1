package io.gpucloud.compute.keypair;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/** Importing, generating, listing and deleting a user's key pairs. */
@Service
class KeypairService {

    // Nova before 2.92: letters, digits, '_', '-' and spaces, without a leading or trailing space.
    private static final Pattern NAME = Pattern.compile("^(?! )[a-zA-Z0-9_\\- ]{1,255}(?<! )$");

    /** A new key pair; {@code privateKey} is set only when the server generated the pair. */
    record Created(Keypair keypair, String privateKey) {
    }

    private final KeypairRepository keypairs;

    KeypairService(KeypairRepository keypairs) {
        this.keypairs = requireNonNull(keypairs, "keypairs is null");
    }

    /** @param publicKey null to generate an ssh pair */
    Created create(String userId, String name, String type, String publicKey) {
        if (!NAME.matcher(name).matches()) {
            throw ApiException.badRequest("Keypair data is invalid: the name must be 1 to 255 letters, digits, "
                    + "'_', '-' or inner spaces.");
        }
        String privateKey = null;
        String fingerprint;
        String stored = publicKey;
        try {
            if (publicKey == null) {
                if (!type.equals(Keypair.SSH)) {
                    throw ApiException.badRequest("Generating x509 key pairs is not supported; import a certificate "
                            + "as public_key instead.");
                }
                GeneratedKeypair generated = GeneratedKeypair.generate();
                stored = generated.publicKey();
                privateKey = generated.privateKey();
                fingerprint = generated.fingerprint();
            } else if (type.equals(Keypair.X509)) {
                fingerprint = X509Certificates.fingerprint(publicKey);
            } else {
                fingerprint = OpenSshPublicKey.parse(publicKey).fingerprint();
            }
        } catch (InvalidPublicKeyException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        Keypair keypair = keypairs.insert(userId, name, type, stored, fingerprint)
                .orElseThrow(() -> ApiException.conflict("Key pair '" + name + "' already exists."));
        return new Created(keypair, privateKey);
    }

    Keypair find(String userId, String name) {
        return keypairs.find(userId, name).orElseThrow(() -> notFound(userId, name));
    }

    /** A page of the user's key pairs after the one named {@code marker}. */
    List<Keypair> list(String userId, String marker, int limit) {
        Long markerId = null;
        if (marker != null) {
            markerId = keypairs.find(userId, marker).map(Keypair::id)
                    .orElseThrow(() -> ApiException.badRequest("marker [" + marker + "] not found"));
        }
        return keypairs.list(userId, markerId, limit);
    }

    void delete(String userId, String name) {
        if (!keypairs.delete(userId, name)) {
            throw notFound(userId, name);
        }
    }

    private static ApiException notFound(String userId, String name) {
        return ApiException.notFound("Keypair " + name + " not found for user " + userId);
    }
}
