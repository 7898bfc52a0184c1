package io.gpucloud.identity.token;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.auth.TokenClaims;
import io.gpucloud.identity.catalog.ServiceCatalog;
import io.gpucloud.identity.credential.ApplicationCredentialRepository;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Renders a token as Keystone does; issue and validation render the same claims the same way, which
 * Tempest checks:
 * <pre>
 * {"token": {"methods": ["password"], "user": {"id", "name", "domain": {"id", "name"}, "password_expires_at": null},
 *   "audit_ids": ["…"], "expires_at": "…Z", "issued_at": "…Z",
 *   "project": {"id", "name", "domain": {"id", "name"}}  | "domain": {"id", "name"},
 *   "is_domain": false, "roles": [{"id", "name"}], "catalog": […]}}
 * </pre>
 */
@Component
public class TokenRenderer {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final ServiceCatalog catalog;
    private final ApplicationCredentialRepository applicationCredentials;

    public TokenRenderer(ServiceCatalog catalog, ApplicationCredentialRepository applicationCredentials) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.applicationCredentials = requireNonNull(applicationCredentials, "applicationCredentials is null");
    }

    public Map<String, Object> render(TokenClaims claims, boolean withCatalog) {
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("methods", claims.methods());
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", claims.userId());
        user.put("name", claims.userName());
        user.put("domain", idName(claims.userDomainId(), claims.userDomainName()));
        user.put("password_expires_at", null);
        token.put("user", user);
        token.put("audit_ids", List.of(claims.auditId()));
        token.put("expires_at", timestamp(claims.expiresAtMicros()));
        token.put("issued_at", timestamp(claims.issuedAtMicros()));
        if (claims.projectScoped()) {
            Map<String, Object> project = idName(claims.projectId(), claims.projectName());
            project.put("domain", idName(claims.projectDomainId(), claims.projectDomainName()));
            token.put("project", project);
            token.put("is_domain", false);
        } else if (claims.domainScoped()) {
            token.put("domain", idName(claims.domainId(), claims.domainName()));
        }
        if (claims.projectScoped() || claims.domainScoped()) {
            token.put("roles", claims.roles().stream().map(r -> idName(r.id(), r.name())).toList());
            if (withCatalog) {
                token.put("catalog", catalog.render(claims.projectId()));
            }
        }
        if (claims.applicationCredentialId() != null) {
            Map<String, Object> credential = new LinkedHashMap<>();
            credential.put("id", claims.applicationCredentialId());
            credential.put("name", applicationCredentials.findById(claims.applicationCredentialId())
                    .map(c -> c.name()).orElse(null));
            credential.put("restricted", applicationCredentials.findById(claims.applicationCredentialId())
                    .map(c -> !c.unrestricted()).orElse(true));
            token.put("application_credential", credential);
        }
        return Map.of("token", token);
    }

    public static String timestamp(long epochMicros) {
        return TIMESTAMP.format(Instant.EPOCH.plusNanos(epochMicros * 1000));
    }

    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    private static Map<String, Object> idName(String id, String name) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("name", name);
        return map;
    }
}
