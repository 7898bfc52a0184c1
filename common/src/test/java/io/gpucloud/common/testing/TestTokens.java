package io.gpucloud.common.testing;

import io.gpucloud.common.auth.SignedTokenFormat;
import io.gpucloud.common.auth.TokenClaims;
import io.gpucloud.common.auth.TokenVerifier;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tokens for testing a service without a running identity: a key pair of its own, tokens signed with it
 * in identity's exact format, and the verifier a test context uses instead of the one that fetches
 * identity's keys. Declare {@code @Bean @Primary TokenVerifier} returning {@link #verifier()}.
 */
public final class TestTokens {

    public static final String KEY_ID = "test-key";

    private final SignedTokenFormat format = new SignedTokenFormat(JsonMapper.builder().build());
    private final KeyPair keys;

    public TestTokens() {
        try {
            keys = KeyPairGenerator.getInstance(SignedTokenFormat.ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public TokenVerifier verifier() {
        return new TokenVerifier(format, id -> id.equals(KEY_ID) ? Optional.of(keys.getPublic()) : Optional.empty(),
                claims -> false, Clock.systemUTC());
    }

    /** A token with the admin role (and the roles it implies) on a project of its own. */
    public String admin() {
        return token("admin-user", "admin-project", List.of("admin", "member", "reader"));
    }

    /** A token with the member role on {@code projectId}. */
    public String member(String projectId) {
        return token("user-of-" + projectId, projectId, List.of("member", "reader"));
    }

    public String token(String userId, String projectId, List<String> roles) {
        long now = micros(Instant.now());
        TokenClaims claims = new TokenClaims(userId, userId, "default", "Default", projectId, projectId, "default",
                "Default", null, null, roles.stream().map(r -> new TokenClaims.Role("id-" + r, r)).toList(),
                List.of("password"), now, now + Duration.ofHours(1).toNanos() / 1000,
                UUID.randomUUID().toString().substring(0, 22), null);
        return format.sign(claims, KEY_ID, keys.getPrivate());
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
    }
}
