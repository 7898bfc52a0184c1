package io.gpucloud.common.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a token asserts, signed by identity. Short JSON names keep the token small enough for an HTTP
 * header. A token is scoped to a project, to a domain, or to nothing (unscoped: no roles).
 * Frozen once released: add only optional fields, never rename or reuse one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenClaims(
        @JsonProperty("u") String userId,
        @JsonProperty("un") String userName,
        @JsonProperty("ud") String userDomainId,
        @JsonProperty("udn") String userDomainName,
        @JsonProperty("p") String projectId,
        @JsonProperty("pn") String projectName,
        @JsonProperty("pd") String projectDomainId,
        @JsonProperty("pdn") String projectDomainName,
        @JsonProperty("d") String domainId,
        @JsonProperty("dn") String domainName,
        @JsonProperty("r") List<Role> roles,
        @JsonProperty("m") List<String> methods,
        @JsonProperty("iat") long issuedAtMicros,
        @JsonProperty("exp") long expiresAtMicros,
        @JsonProperty("aud") String auditId,
        @JsonProperty("ac") String applicationCredentialId) {

    public TokenClaims {
        roles = roles == null ? List.of() : List.copyOf(roles);
        methods = methods == null ? List.of() : List.copyOf(methods);
    }

    /** A role held through the token's scope. */
    public record Role(@JsonProperty("i") String id, @JsonProperty("n") String name) {
    }

    public boolean projectScoped() {
        return projectId != null;
    }

    public boolean domainScoped() {
        return domainId != null;
    }
}
