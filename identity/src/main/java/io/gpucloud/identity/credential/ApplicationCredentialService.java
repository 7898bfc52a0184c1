package io.gpucloud.identity.credential;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.api.JsonBody;
import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.common.auth.TokenClaims;
import io.gpucloud.identity.Ids;
import io.gpucloud.identity.token.Revocations;
import io.gpucloud.identity.user.PasswordHasher;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Application credentials: created by a user from a project-scoped token, holding a subset of that
 * token's roles on that project. The secret is shown once, at creation, and only its hash is kept.
 */
@Service
public class ApplicationCredentialService {

    /** A new credential and its secret in clear, which the caller sees exactly once. */
    public record Created(ApplicationCredential credential, String secret) {
    }

    private final ApplicationCredentialRepository credentials;
    private final PasswordHasher hasher;
    private final Revocations revocations;
    private final Clock clock;

    public ApplicationCredentialService(ApplicationCredentialRepository credentials, PasswordHasher hasher,
            Revocations revocations, Clock clock) {
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.hasher = requireNonNull(hasher, "hasher is null");
        this.revocations = requireNonNull(revocations, "revocations is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Transactional
    public Created create(AuthContext caller, JsonBody body) {
        if (caller.projectId() == null) {
            throw ApiException.forbidden("Application credentials are created with a project-scoped token.");
        }
        if (caller.claims().applicationCredentialId() != null && !credentials
                .findById(caller.claims().applicationCredentialId()).map(ApplicationCredential::unrestricted).orElse(false)) {
            throw ApiException.forbidden("A restricted application credential cannot create another one.");
        }
        String name = body.requiredString("name");
        if (credentials.findByUserIdAndName(caller.userId(), name).isPresent()) {
            throw ApiException.conflict("Conflict occurred attempting to store application_credential - duplicate name "
                    + name + ".");
        }
        Instant expiresAt = body.optionalString("expires_at").map(ApplicationCredentialService::parseTimestamp).orElse(null);
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            throw ApiException.badRequest("'application_credential.expires_at' is in the past.");
        }
        String secret = body.optionalString("secret", 4096).filter(s -> !s.isEmpty()).orElseGet(() -> Ids.randomUrlSafe(48));
        List<String> roleIds = requestedRoles(caller, body.raw("roles"));
        ApplicationCredential credential = credentials.save(new ApplicationCredential(Ids.newId(), name, caller.userId(),
                caller.projectId(), hasher.hash(secret), body.optionalString("description", 4096).orElse(""), expiresAt,
                body.optionalBoolean("unrestricted").orElse(false), roleIds));
        return new Created(credential, secret);
    }

    public ApplicationCredential find(String userId, String id) {
        return credentials.findById(id).filter(c -> c.userId().equals(userId))
                .orElseThrow(() -> ApiException.notFound("Could not find application credential: " + id + "."));
    }

    @Transactional
    public void delete(String userId, String id) {
        ApplicationCredential credential = find(userId, id);
        revocations.applicationCredential(id);
        credentials.delete(credential);
    }

    /** Roles given by id or name; each must be one the creating token holds. Absent: all of them. */
    private static List<String> requestedRoles(AuthContext caller, JsonNode roles) {
        List<TokenClaims.Role> held = caller.claims().roles();
        if (roles == null || roles.isNull()) {
            return held.stream().map(TokenClaims.Role::id).toList();
        }
        if (!roles.isArray()) {
            throw ApiException.badRequest("'application_credential.roles' must be a list.");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode ref : roles) {
            Optional<TokenClaims.Role> match = held.stream()
                    .filter(r -> r.id().equals(ref.path("id").asString(null)) || r.name().equals(ref.path("name").asString(null)))
                    .findFirst();
            ids.add(match.orElseThrow(() -> ApiException.forbidden(
                    "A role requested for the application credential is not held by the token: " + ref)).id());
        }
        return ids.isEmpty() ? held.stream().map(TokenClaims.Role::id).toList() : ids;
    }

    private static Instant parseTimestamp(String text) {
        try {
            return text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")
                    ? OffsetDateTime.parse(text).toInstant()
                    : java.time.LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("'application_credential.expires_at' is not an ISO 8601 time: " + text);
        }
    }
}
