package io.gpucloud.common.auth;

import static java.util.Objects.requireNonNull;

import java.security.PublicKey;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a token without calling identity: signature with identity's public key, expiry against
 * the clock, and the revocation list.
 *
 * <p>Verified signatures are remembered (the JDK's Ed25519 costs about 3 ms of CPU per check, more than the
 * rest of a typical API call); expiry and revocation are still checked on every call, so a cached token
 * stops working the moment it expires or its revocation is known.
 */
public final class TokenVerifier {

    private static final int MAX_REMEMBERED = 20_000;

    /** Finds identity's public signing key by id. */
    @FunctionalInterface
    public interface KeyLookup {
        Optional<PublicKey> find(String keyId);
    }

    /** Tells whether the token with this audit id was revoked. */
    @FunctionalInterface
    public interface RevocationCheck {
        boolean isRevoked(TokenClaims claims);
    }

    private final SignedTokenFormat format;
    private final KeyLookup keys;
    private final RevocationCheck revocations;
    private final Clock clock;
    private final Map<String, TokenClaims> verifiedSignatures = new ConcurrentHashMap<>();

    public TokenVerifier(SignedTokenFormat format, KeyLookup keys, RevocationCheck revocations, Clock clock) {
        this.format = requireNonNull(format, "format is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.revocations = requireNonNull(revocations, "revocations is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public AuthContext verify(String token) throws InvalidTokenException {
        TokenClaims claims = verifyClaims(token);
        return AuthContext.of(claims);
    }

    public TokenClaims verifyClaims(String token) throws InvalidTokenException {
        TokenClaims claims = verifiedSignatures.get(token);
        if (claims == null) {
            String keyId = format.keyId(token);
            PublicKey key = keys.find(keyId).orElseThrow(() -> new InvalidTokenException("unknown key " + keyId));
            claims = format.verify(token, key);
            if (verifiedSignatures.size() >= MAX_REMEMBERED) {
                // Crude but bounded: tokens live an hour, so forgetting all now and then costs little.
                verifiedSignatures.clear();
            }
            verifiedSignatures.put(token, claims);
        }
        long nowMicros = clock.millis() * 1000;
        if (claims.expiresAtMicros() <= nowMicros) {
            throw new InvalidTokenException("expired");
        }
        if (revocations.isRevoked(claims)) {
            throw new InvalidTokenException("revoked");
        }
        return claims;
    }
}
