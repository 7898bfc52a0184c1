package io.gpucloud.common.auth;

import static java.util.Objects.requireNonNull;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A project-scoped token for service-to-service calls, obtained from identity with the service's password
 * ({@code POST /v3/auth/tokens}) and reused until shortly before it expires. A caller that gets 401 back calls
 * {@link #invalidate} and asks again (the token may have been revoked).
 */
public final class ServiceTokens implements TokenSource {

    /** Renew this long before expiry, so that no request leaves with a token about to die. */
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

    private final URI identityBase;
    private final ServiceCredentials credentials;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private String token; // guarded by this
    private Instant renewAt = Instant.MIN; // guarded by this

    /** @param identityBase identity's v3 root, e.g. {@code http://127.0.0.1:5000/v3} */
    public ServiceTokens(URI identityBase, ServiceCredentials credentials, JsonMapper json, Clock clock) {
        this.identityBase = requireNonNull(identityBase, "identityBase is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.json = requireNonNull(json, "json is null");
        this.clock = requireNonNull(clock, "clock is null");
        if (!credentials.configured()) {
            throw new IllegalArgumentException("cloud.service-auth.username, password and project-name must be set");
        }
    }

    /**
     * A valid token, fetching a new one when none is cached or the cached one is near expiry.
     *
     * @throws IllegalStateException when identity refuses the credentials
     * @throws UncheckedIOException when identity cannot be reached
     */
    @Override
    public synchronized String token() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    /** Forgets the cached token; the next {@link #token()} fetches a new one. */
    @Override
    public synchronized void invalidate() {
        token = null;
    }

    private void fetch() {
        Map<String, Object> body = Map.of("auth", Map.of(
                "identity", Map.of("methods", new String[] {"password"}, "password", Map.of("user", Map.of(
                        "name", credentials.username(), "password", credentials.password(),
                        "domain", Map.of("name", credentials.userDomainName())))),
                "scope", Map.of("project", Map.of("name", credentials.projectName(),
                        "domain", Map.of("name", credentials.projectDomainName())))));
        HttpRequest request = HttpRequest.newBuilder(URI.create(identityBase + "/auth/tokens"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (IOException e) {
            throw new UncheckedIOException("identity at " + identityBase + " is unreachable: " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking identity for a token", e);
        }
        String subjectToken = response.headers().firstValue("X-Subject-Token").orElse(null);
        if (response.statusCode() != 201 || subjectToken == null) {
            // The body holds identity's fault message, which never echoes the password.
            throw new IllegalStateException("identity refused the service credentials of user '"
                    + credentials.username() + "': HTTP " + response.statusCode() + " "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        JsonNode expires = json.readTree(response.body()).path("token").path("expires_at");
        Instant expiresAt = expires.isString() ? Instant.parse(expires.stringValue())
                : clock.instant().plus(Duration.ofMinutes(10));
        Instant renew = expiresAt.minus(RENEW_BEFORE);
        Instant halfway = clock.instant().plus(Duration.between(clock.instant(), expiresAt).dividedBy(2));
        renewAt = renew.isAfter(halfway) ? renew : halfway;
        token = subjectToken;
    }
}
