package io.gpucloud.common.auth;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Identity's public signing keys and revoked token audit ids, fetched from identity
 * ({@code GET /v3/auth/keys}, {@code GET /v3/auth/revocations}) and refreshed every interval, so that
 * services verify tokens locally. A key id not yet seen triggers an immediate (rate-limited) fetch,
 * which is how a rotated key is picked up. A revocation takes effect within one refresh interval.
 */
public final class PublishedIdentityKeys implements TokenVerifier.KeyLookup, TokenVerifier.RevocationCheck,
        AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PublishedIdentityKeys.class);
    private static final Duration MIN_FETCH_GAP = Duration.ofSeconds(1);

    private final URI identityBase;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();
    private volatile Set<String> revokedAuditIds = Set.of();
    private volatile long lastFetchMillis;
    private final Thread refresher;

    /** @param identityBase identity's v3 root, e.g. {@code http://127.0.0.1:5000/v3} */
    public PublishedIdentityKeys(URI identityBase, Duration refreshInterval, JsonMapper json, Clock clock) {
        this.identityBase = requireNonNull(identityBase, "identityBase is null");
        this.json = requireNonNull(json, "json is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.refresher = new Thread(() -> refreshLoop(refreshInterval), "identity-keys");
        refresher.setDaemon(true);
        refresher.start();
    }

    @Override
    public Optional<PublicKey> find(String keyId) {
        PublicKey key = keys.get(keyId);
        if (key == null && clock.millis() - lastFetchMillis >= MIN_FETCH_GAP.toMillis()) {
            refresh();
            key = keys.get(keyId);
        }
        return Optional.ofNullable(key);
    }

    @Override
    public boolean isRevoked(TokenClaims claims) {
        return revokedAuditIds.contains(claims.auditId());
    }

    @Override
    public void close() {
        refresher.interrupt();
    }

    private void refreshLoop(Duration interval) {
        while (!Thread.currentThread().isInterrupted()) {
            refresh();
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Fetches keys and revocations now; the background thread does this every interval. */
    public synchronized void refresh() {
        lastFetchMillis = clock.millis();
        try {
            JsonNode keyDocument = fetch("/auth/keys");
            Map<String, PublicKey> fresh = new HashMap<>();
            KeyFactory factory = KeyFactory.getInstance(SignedTokenFormat.ALGORITHM);
            for (JsonNode key : keyDocument.path("keys")) {
                byte[] encoded = Base64.getDecoder().decode(key.path("public_key").asString());
                fresh.put(key.path("kid").asString(), factory.generatePublic(new X509EncodedKeySpec(encoded)));
            }
            keys.putAll(fresh);
            JsonNode revocationDocument = fetch("/auth/revocations");
            Set<String> revoked = ConcurrentHashMap.newKeySet();
            for (JsonNode revocation : revocationDocument.path("revocations")) {
                revoked.add(revocation.path("audit_id").asString());
            }
            revokedAuditIds = revoked;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            log.warn("could not refresh identity keys from {}: {}", identityBase, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode fetch(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(URI.create(identityBase + path)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("identity answered " + response.statusCode() + " for " + path);
        }
        return json.readTree(response.body());
    }
}
