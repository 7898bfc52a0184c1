package io.gpucloud.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SignedTokenFormatTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final SignedTokenFormat format = new SignedTokenFormat(JsonMapper.builder().build());
    private final KeyPair key = generate();
    private final KeyPair otherKey = generate();

    @Test
    void aSignedTokenVerifiesToTheSameClaims() throws Exception {
        TokenClaims claims = claims(NOW.plusSeconds(3600));
        String token = format.sign(claims, "k1", key.getPrivate());
        assertThat(token).startsWith("gc1.k1.");
        assertThat(format.keyId(token)).isEqualTo("k1");
        assertThat(format.verify(token, key.getPublic())).isEqualTo(claims);
    }

    @Test
    void anyChangeToTheTokenBreaksTheSignature() {
        String token = format.sign(claims(NOW.plusSeconds(3600)), "k1", key.getPrivate());
        String[] parts = token.split("\\.");
        String otherClaims = format.sign(claims(NOW.plusSeconds(999_999)), "k1", key.getPrivate()).split("\\.")[2];
        for (String forged : List.of(
                parts[0] + "." + parts[1] + "." + otherClaims + "." + parts[3],
                parts[0] + ".k2." + parts[2] + "." + parts[3],
                token.substring(0, token.length() - 2) + "xx")) {
            assertThatThrownBy(() -> format.verify(forged, key.getPublic())).isInstanceOf(InvalidTokenException.class);
        }
        assertThatThrownBy(() -> format.verify(token, otherKey.getPublic())).isInstanceOf(InvalidTokenException.class);
        for (String garbage : List.of("", "gc1", "gc1...", "v2.k1.a.b", "a.b.c.d.e")) {
            assertThatThrownBy(() -> format.keyId(garbage)).isInstanceOf(InvalidTokenException.class);
        }
    }

    @Test
    void theVerifierRefusesExpiredRevokedAndUnknownKeyTokens() throws Exception {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        TokenVerifier verifier = new TokenVerifier(format, id -> id.equals("k1") ? Optional.of(key.getPublic()) : Optional.empty(),
                claims -> claims.auditId().equals("revoked-audit-id"), clock);

        assertThat(verifier.verify(format.sign(claims(NOW.plusSeconds(1)), "k1", key.getPrivate())).userId()).isEqualTo("u1");
        assertThatThrownBy(() -> verifier.verify(format.sign(claims(NOW), "k1", key.getPrivate())))
                .hasMessage("expired");
        assertThatThrownBy(() -> verifier.verify(format.sign(claims(NOW.plusSeconds(60)), "k9", key.getPrivate())))
                .hasMessage("unknown key k9");
        TokenClaims revoked = new TokenClaims("u1", "alice", "default", "Default", "p1", "ml", "default", "Default",
                null, null, List.of(), List.of("password"), 0, micros(NOW.plusSeconds(60)), "revoked-audit-id", null);
        assertThatThrownBy(() -> verifier.verify(format.sign(revoked, "k1", key.getPrivate()))).hasMessage("revoked");
    }

    @Test
    void aRememberedSignatureStillHonoursRevocationAndExpiry() throws Exception {
        java.util.Set<String> revoked = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic.AtomicReference<>(NOW);
        Clock clock = new Clock() {
            @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now.get(); }
        };
        TokenVerifier verifier = new TokenVerifier(format, id -> Optional.of(key.getPublic()),
                claims -> revoked.contains(claims.auditId()), clock);
        String token = format.sign(claims(NOW.plusSeconds(60)), "k1", key.getPrivate());

        assertThat(verifier.verify(token).userId()).isEqualTo("u1");
        assertThat(verifier.verify(token).userId()).as("second time, from the remembered signature").isEqualTo("u1");
        revoked.add("audit-1");
        assertThatThrownBy(() -> verifier.verify(token)).hasMessage("revoked");
        revoked.clear();
        now.set(NOW.plusSeconds(61));
        assertThatThrownBy(() -> verifier.verify(token)).hasMessage("expired");
    }

    @Test
    void policyKeepsMembersInTheirOwnProject() {
        AuthContext member = AuthContext.of(claims(NOW.plusSeconds(60)));
        Policy.requireProject(member, "p1");
        assertThatThrownBy(() -> Policy.requireProject(member, "p2")).hasMessageContaining("not authorized");
        assertThatThrownBy(() -> Policy.requireAdmin(member)).hasMessageContaining("admin required");
        assertThatThrownBy(() -> Policy.requireSelfOrAdmin(member, "u2")).hasMessageContaining("not authorized");
    }

    private static TokenClaims claims(Instant expiresAt) {
        return new TokenClaims("u1", "alice", "default", "Default", "p1", "ml", "default", "Default", null, null,
                List.of(new TokenClaims.Role("r1", "member")), List.of("password"), micros(NOW.minusSeconds(5)),
                micros(expiresAt), "audit-1", null);
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
