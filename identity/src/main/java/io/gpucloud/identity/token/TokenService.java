package io.gpucloud.identity.token;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.api.JsonBody;
import io.gpucloud.common.auth.InvalidTokenException;
import io.gpucloud.common.auth.SignedTokenFormat;
import io.gpucloud.common.auth.TokenClaims;
import io.gpucloud.identity.IdentityProperties;
import io.gpucloud.identity.Ids;
import io.gpucloud.identity.domain.Domain;
import io.gpucloud.identity.domain.DomainRepository;
import io.gpucloud.identity.user.User;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/** Issues, validates and revokes tokens. */
@Service
public class TokenService {

    /** A signed token and what it says. */
    public record Issued(String token, TokenClaims claims) {
    }

    private final Authenticator authenticator;
    private final ScopeResolver scopes;
    private final SignedTokenFormat format;
    private final SigningKeys keys;
    private final TokenValidator validator;
    private final IssuedTokenRepository issued;
    private final Revocations revocations;
    private final DomainRepository domains;
    private final IdentityProperties properties;
    private final Clock clock;

    TokenService(Authenticator authenticator, ScopeResolver scopes, SignedTokenFormat format, SigningKeys keys,
            TokenValidator validator, IssuedTokenRepository issued, Revocations revocations, DomainRepository domains,
            IdentityProperties properties, Clock clock) {
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.scopes = requireNonNull(scopes, "scopes is null");
        this.format = requireNonNull(format, "format is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.validator = requireNonNull(validator, "validator is null");
        this.issued = requireNonNull(issued, "issued is null");
        this.revocations = requireNonNull(revocations, "revocations is null");
        this.domains = requireNonNull(domains, "domains is null");
        this.properties = requireNonNull(properties, "properties is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** {@code POST /v3/auth/tokens}: authenticates, resolves the scope, signs, records the audit id. */
    @Transactional
    public Issued issue(JsonNode body) {
        JsonBody auth = JsonBody.root(body, "auth");
        AuthenticatedUser who = authenticator.authenticate(auth.object("identity"));
        ScopeResolver.Scoped scoped = scopes.resolve(auth.optionalObject("scope"), who);

        Instant now = clock.instant();
        long issuedAt = Authenticator.micros(now);
        long expiresAt = issuedAt + properties.tokenTtl().toNanos() / 1000;
        if (who.expiryCapMicros() > 0) {
            expiresAt = Math.min(expiresAt, who.expiryCapMicros());
        }
        TokenClaims claims = claims(who, scoped, issuedAt, expiresAt);
        issued.save(new IssuedToken(claims.auditId(), claims.userId(), claims.projectId(), claims.domainId(),
                claims.applicationCredentialId(), now, Instant.EPOCH.plusNanos(expiresAt * 1000)));
        SigningKeys.Current key = keys.current();
        return new Issued(format.sign(claims, key.keyId(), key.privateKey()), claims);
    }

    /** The claims of a valid token, or a 404 as Keystone answers for an unknown or revoked subject token. */
    public TokenClaims validateSubject(String token) {
        try {
            return validator.validate(token);
        } catch (InvalidTokenException e) {
            throw ApiException.notFound("Could not find token: the token is unknown, expired or revoked.");
        }
    }

    @Transactional
    public void revoke(TokenClaims claims) {
        revocations.token(claims.auditId());
    }

    private TokenClaims claims(AuthenticatedUser who, ScopeResolver.Scoped scoped, long issuedAt, long expiresAt) {
        User user = who.user();
        Domain userDomain = domains.findById(user.domainId()).orElseThrow();
        TokenScope scope = scoped.scope();
        List<TokenClaims.Role> roles = scoped.roles().stream().map(r -> new TokenClaims.Role(r.id(), r.name())).toList();
        return new TokenClaims(user.id(), user.name(), userDomain.id(), userDomain.name(),
                scope.project() == null ? null : scope.project().id(),
                scope.project() == null ? null : scope.project().name(),
                scope.projectDomain() == null ? null : scope.projectDomain().id(),
                scope.projectDomain() == null ? null : scope.projectDomain().name(),
                scope.domain() == null ? null : scope.domain().id(),
                scope.domain() == null ? null : scope.domain().name(),
                roles, who.methods(), issuedAt, expiresAt, Ids.randomUrlSafe(16),
                who.applicationCredential() == null ? null : who.applicationCredential().id());
    }

}
