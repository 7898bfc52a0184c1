package io.gpucloud.identity.token;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.auth.SignedTokenFormat;
import io.gpucloud.common.auth.TokenVerifier;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Identity's token signing keys: created on first start, shared by replicas through the database,
 * cached in memory. The newest key signs; every stored key still verifies, so a new key can be added
 * without invalidating the tokens already out.
 */
@Component
public class SigningKeys implements TokenVerifier.KeyLookup {

    /** The key that signs new tokens. */
    public record Current(String keyId, PrivateKey privateKey) {
    }

    private final SigningKeyRepository repository;
    private final Clock clock;
    private final Map<String, PublicKey> publicKeys = new ConcurrentHashMap<>();
    private volatile Current current;

    public SigningKeys(SigningKeyRepository repository, Clock clock) {
        this.repository = requireNonNull(repository, "repository is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Creates the first key if there is none; called once at start-up. */
    @Transactional
    public void ensureKeyExists() {
        if (repository.findFirstByOrderByCreatedAtDesc().isEmpty()) {
            KeyPair pair = generate();
            repository.save(new SigningKey(io.gpucloud.identity.Ids.randomHex(8), pair.getPrivate().getEncoded(),
                    pair.getPublic().getEncoded(), clock.instant()));
        }
    }

    public Current current() {
        Current signing = current;
        if (signing == null) {
            SigningKey newest = repository.findFirstByOrderByCreatedAtDesc()
                    .orElseThrow(() -> new IllegalStateException("no token signing key; bootstrap has not run"));
            signing = new Current(newest.keyId(), decodePrivate(newest.privateKey()));
            current = signing;
        }
        return signing;
    }

    @Override
    public Optional<PublicKey> find(String keyId) {
        PublicKey cached = publicKeys.get(keyId);
        if (cached != null) {
            return Optional.of(cached);
        }
        return repository.findById(keyId).map(key -> {
            PublicKey publicKey = decodePublic(key.publicKey());
            publicKeys.put(keyId, publicKey);
            return publicKey;
        });
    }

    /** Every verifying key, as published at {@code GET /v3/auth/keys}. */
    public List<Map<String, Object>> published() {
        return repository.findAll().stream().map(key -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("kid", key.keyId());
            entry.put("algorithm", SignedTokenFormat.ALGORITHM);
            entry.put("public_key", Base64.getEncoder().encodeToString(key.publicKey()));
            entry.put("created_at", key.createdAt().toString());
            return entry;
        }).toList();
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(SignedTokenFormat.ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate Ed25519 keys", e);
        }
    }

    private static PrivateKey decodePrivate(byte[] encoded) {
        try {
            return KeyFactory.getInstance(SignedTokenFormat.ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored signing key is unreadable", e);
        }
    }

    private static PublicKey decodePublic(byte[] encoded) {
        try {
            return KeyFactory.getInstance(SignedTokenFormat.ALGORITHM).generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored public key is unreadable", e);
        }
    }
}
