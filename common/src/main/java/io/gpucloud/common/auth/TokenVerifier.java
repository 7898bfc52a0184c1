package io.gpucloud.common.auth;

import static java.util.Objects.requireNonNull;

import java.security.PublicKey;
import java.time.Clock;
import java.util.Optional;

/**
 * Checks a token without calling identity: signature with identity's public key, expiry against
 * the clock, and the revocation list.
 */
public final class TokenVerifier {

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
        String keyId = format.keyId(token);
        PublicKey key = keys.find(keyId).orElseThrow(() -> new InvalidTokenException("unknown key " + keyId));
        TokenClaims claims = format.verify(token, key);
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
