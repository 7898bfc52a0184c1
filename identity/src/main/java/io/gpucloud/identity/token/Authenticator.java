package io.gpucloud.identity.token;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.api.JsonBody;
import io.gpucloud.common.auth.InvalidTokenException;
import io.gpucloud.common.auth.TokenClaims;
import io.gpucloud.identity.credential.ApplicationCredential;
import io.gpucloud.identity.credential.ApplicationCredentialRepository;
import io.gpucloud.identity.domain.Domain;
import io.gpucloud.identity.domain.DomainRepository;
import io.gpucloud.identity.user.PasswordHasher;
import io.gpucloud.identity.user.User;
import io.gpucloud.identity.user.UserRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Checks the {@code auth.identity} part of {@code POST /v3/auth/tokens}: password, application
 * credential or token. Every failure to prove who the caller is answers the same 401, whatever the
 * cause (unknown user, wrong password, disabled user), so that users cannot be enumerated; the cause
 * is logged for operators.
 */
@Component
class Authenticator {

    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);

    private final UserRepository users;
    private final DomainRepository domains;
    private final ApplicationCredentialRepository applicationCredentials;
    private final PasswordHasher hasher;
    private final TokenValidator tokens;
    private final Clock clock;

    Authenticator(UserRepository users, DomainRepository domains, ApplicationCredentialRepository applicationCredentials,
            PasswordHasher hasher, TokenValidator tokens, Clock clock) {
        this.users = requireNonNull(users, "users is null");
        this.domains = requireNonNull(domains, "domains is null");
        this.applicationCredentials = requireNonNull(applicationCredentials, "applicationCredentials is null");
        this.hasher = requireNonNull(hasher, "hasher is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    AuthenticatedUser authenticate(JsonBody identity) {
        List<String> methods = methods(identity);
        if (methods.size() != 1) {
            // Multi-factor combinations (e.g. password + totp) are not offered.
            throw unauthorized("several auth methods in one request");
        }
        return switch (methods.get(0)) {
            case "password" -> password(identity.object("password"));
            case "application_credential" -> applicationCredential(identity.object("application_credential"));
            case "token" -> token(identity.object("token"));
            default -> throw unauthorized("unsupported auth method " + methods.get(0));
        };
    }

    private static List<String> methods(JsonBody identity) {
        JsonNode node = identity.raw("methods");
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw ApiException.badRequest("Expecting to find 'auth.identity.methods' (a non-empty list) in the request.");
        }
        List<String> methods = new ArrayList<>();
        for (JsonNode method : node) {
            if (!method.isString()) {
                throw ApiException.badRequest("'auth.identity.methods' must be a list of strings.");
            }
            methods.add(method.stringValue());
        }
        return methods;
    }

    private AuthenticatedUser password(JsonBody password) {
        JsonBody userRef = password.object("user");
        String secret = userRef.optionalString("password", 4096)
                .orElseThrow(() -> ApiException.badRequest("Expecting to find 'password.user.password' in the request."));
        Optional<User> user = findUser(userRef);
        if (!hasher.matches(secret, user.map(User::passwordHash).orElse(null))) {
            throw unauthorized(user.isEmpty() ? "unknown user" : "wrong password for user " + user.get().id());
        }
        return new AuthenticatedUser(requireEnabled(user.get()), List.of("password"), null, 0);
    }

    private AuthenticatedUser applicationCredential(JsonBody body) {
        String secret = body.requiredString("secret");
        Optional<ApplicationCredential> credential;
        if (body.has("id")) {
            credential = applicationCredentials.findById(body.requiredString("id"));
        } else {
            String name = body.requiredString("name");
            credential = findUser(body.object("user"))
                    .flatMap(user -> applicationCredentials.findByUserIdAndName(user.id(), name));
        }
        if (!hasher.matches(secret, credential.map(ApplicationCredential::secretHash).orElse(null))) {
            throw unauthorized("unknown application credential or wrong secret");
        }
        if (credential.get().expiredAt(clock.instant())) {
            throw unauthorized("application credential " + credential.get().id() + " expired");
        }
        User user = users.findById(credential.get().userId()).orElseThrow(() -> unauthorized("owner gone"));
        long cap = credential.get().expiresAt() == null ? 0 : micros(credential.get().expiresAt());
        return new AuthenticatedUser(requireEnabled(user), List.of("application_credential"), credential.get(), cap);
    }

    private AuthenticatedUser token(JsonBody body) {
        TokenClaims claims;
        try {
            claims = tokens.validate(body.requiredString("id"));
        } catch (InvalidTokenException e) {
            throw unauthorized("token method with an invalid token: " + e.getMessage());
        }
        if (claims.applicationCredentialId() != null) {
            // An application credential's token must not be rescoped beyond the credential.
            throw unauthorized("rescoping an application credential token");
        }
        User user = users.findById(claims.userId()).orElseThrow(() -> unauthorized("owner gone"));
        List<String> methods = new ArrayList<>(List.of("token"));
        claims.methods().stream().filter(m -> !m.equals("token")).forEach(methods::add);
        return new AuthenticatedUser(requireEnabled(user), methods, null, claims.expiresAtMicros());
    }

    /** The user named by {@code {"id"}} or {@code {"name", "domain": {"id"|"name"}}}. */
    private Optional<User> findUser(JsonBody userRef) {
        Optional<String> id = userRef.optionalString("id");
        if (id.isPresent()) {
            return users.findById(id.get());
        }
        String name = userRef.requiredString("name");
        JsonBody domainRef = userRef.optionalObject("domain")
                .orElseThrow(() -> ApiException.badRequest("A user given by name needs its 'domain' (id or name)."));
        Optional<Domain> domain = domainRef.optionalString("id").map(domains::findById)
                .orElseGet(() -> domains.findByName(domainRef.requiredString("name")));
        return domain.filter(Domain::enabled).flatMap(d -> users.findByDomainIdAndName(d.id(), name));
    }

    private User requireEnabled(User user) {
        if (!user.enabled()) {
            throw unauthorized("user " + user.id() + " is disabled");
        }
        return user;
    }

    static ApiException unauthorized(String reason) {
        log.info("authentication failed: {}", reason);
        return ApiException.unauthorized();
    }

    static long micros(java.time.Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
    }
}
