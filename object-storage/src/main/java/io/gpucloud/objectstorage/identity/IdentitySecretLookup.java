package io.gpucloud.objectstorage.identity;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.auth.Ec2CredentialIds;
import io.gpucloud.common.auth.TokenSource;
import io.gpucloud.objectstorage.s3.auth.AccessKeySecret;
import io.gpucloud.objectstorage.s3.auth.SecretLookup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * S3 secrets from identity's EC2 credentials: {@code GET /v3/credentials/<sha256 of the access key>} with the
 * service's token, as Keystone names them. Answers are cached briefly, so a burst of requests with one key costs
 * one lookup: a found key for {@code positiveTtl} (a deleted credential keeps working that long at most), an
 * unknown key for {@code negativeTtl} (so a client hammering with a wrong key does not hammer identity).
 */
public final class IdentitySecretLookup implements SecretLookup {

    private record Cached(Optional<AccessKeySecret> secret, Instant until) {
    }

    private static final int MAX_CACHED = 10_000;

    private final URI identityBase;
    private final TokenSource tokens;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration positiveTtl;
    private final Duration negativeTtl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public IdentitySecretLookup(URI identityBase, TokenSource tokens, JsonMapper json, Clock clock,
            Duration positiveTtl, Duration negativeTtl) {
        this.identityBase = requireNonNull(identityBase, "identityBase is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.json = requireNonNull(json, "json is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.positiveTtl = requireNonNull(positiveTtl, "positiveTtl is null");
        this.negativeTtl = requireNonNull(negativeTtl, "negativeTtl is null");
    }

    @Override
    public Optional<AccessKeySecret> find(String accessKeyId) {
        Instant now = clock.instant();
        Cached cached = cache.get(accessKeyId);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.secret();
        }
        Optional<AccessKeySecret> secret = fetch(accessKeyId);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(accessKeyId, new Cached(secret, now.plus(secret.isPresent() ? positiveTtl : negativeTtl)));
        return secret;
    }

    private Optional<AccessKeySecret> fetch(String accessKeyId) {
        URI uri = URI.create(identityBase + "/credentials/" + Ec2CredentialIds.of(accessKeyId));
        for (int attempt = 1; ; attempt++) {
            HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("X-Auth-Token", tokens.token()).header("Accept", "application/json").GET().build());
            if (response.statusCode() == 401 && attempt == 1) {
                tokens.invalidate();
                continue;
            }
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("identity answered " + response.statusCode()
                        + " to a credential lookup");
            }
            JsonNode credential = json.readTree(response.body()).path("credential");
            if (!"ec2".equals(credential.path("type").asString(""))) {
                return Optional.empty();
            }
            JsonNode blob = json.readTree(credential.path("blob").asString("{}"));
            if (!accessKeyId.equals(blob.path("access").asString(""))) {
                return Optional.empty();
            }
            return Optional.of(new AccessKeySecret(blob.path("secret").asString(),
                    credential.path("project_id").asString(), credential.path("user_id").asString()));
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (IOException e) {
            throw new UncheckedIOException("identity at " + identityBase + " is unreachable", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a credential lookup", e);
        }
    }
}
