package io.gpucloud.identity.token;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.common.auth.InvalidTokenException;
import io.gpucloud.common.auth.SignedTokenFormat;
import io.gpucloud.common.auth.TokenClaims;
import io.gpucloud.common.auth.TokenVerifier;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Identity's own token check: the same signature and expiry rules every service applies, but with
 * revocation read from the database directly, so a revoked token fails here at once.
 */
@Component
public class TokenValidator {

    private final TokenVerifier verifier;

    public TokenValidator(SignedTokenFormat format, SigningKeys keys, IssuedTokenRepository issued, Clock clock) {
        requireNonNull(issued, "issued is null");
        this.verifier = new TokenVerifier(format, keys, claims -> issued.isRevoked(claims.auditId()), clock);
    }

    public TokenClaims validate(String token) throws InvalidTokenException {
        return verifier.verifyClaims(token);
    }

    public AuthContext authenticate(String token) throws InvalidTokenException {
        return verifier.verify(token);
    }

    public TokenVerifier verifierForFilter() {
        return verifier;
    }
}
