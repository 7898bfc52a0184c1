package io.gpucloud.common.auth;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is calling and in which scope: built from a verified token and passed explicitly to the code
 * that needs it (never kept in a thread-local).
 */
public record AuthContext(TokenClaims claims, Set<String> roleNames) {

    public static final String REQUEST_ATTRIBUTE = AuthContext.class.getName();
    public static final String ADMIN_ROLE = "admin";

    public AuthContext {
        requireNonNull(claims, "claims is null");
        roleNames = Set.copyOf(roleNames);
    }

    public static AuthContext of(TokenClaims claims) {
        return new AuthContext(claims,
                claims.roles().stream().map(TokenClaims.Role::name).collect(Collectors.toUnmodifiableSet()));
    }

    public String userId() {
        return claims.userId();
    }

    /** The project the token is scoped to, or null for a domain-scoped or unscoped token. */
    public String projectId() {
        return claims.projectId();
    }

    public boolean hasRole(String role) {
        return roleNames.contains(role);
    }

    /** Cloud administrator: the admin role on any scope, as Keystone's default policy reads it. */
    public boolean isAdmin() {
        return hasRole(ADMIN_ROLE);
    }

    public Instant expiresAt() {
        return Instant.EPOCH.plusNanos(claims.expiresAtMicros() * 1000);
    }
}
