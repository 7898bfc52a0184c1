package io.gpucloud.identity.credential;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.api.JsonBody;
import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.common.auth.Policy;
import io.gpucloud.identity.role.RoleRepository;
import io.gpucloud.identity.token.TokenRenderer;
import io.gpucloud.identity.web.Links;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /v3/users/{user}/application_credentials}: a user's own; admins may read and delete any. */
@RestController
public class ApplicationCredentialController {

    private final ApplicationCredentialService service;
    private final ApplicationCredentialRepository credentials;
    private final RoleRepository roles;

    public ApplicationCredentialController(ApplicationCredentialService service,
            ApplicationCredentialRepository credentials, RoleRepository roles) {
        this.service = requireNonNull(service, "service is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.roles = requireNonNull(roles, "roles is null");
    }

    @PostMapping("/v3/users/{userId}/application_credentials")
    public ResponseEntity<Map<String, Object>> create(AuthContext caller, @PathVariable String userId,
            @RequestBody JsonNode body) {
        if (!caller.userId().equals(userId)) {
            throw ApiException.forbidden("Application credentials can only be created for yourself.");
        }
        ApplicationCredentialService.Created created = service.create(caller, JsonBody.root(body, "application_credential"));
        Map<String, Object> view = view(created.credential());
        view.put("secret", created.secret());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("application_credential", view));
    }

    @GetMapping("/v3/users/{userId}/application_credentials")
    public Map<String, Object> list(AuthContext caller, @PathVariable String userId,
            @RequestParam(required = false) String name) {
        Policy.requireSelfOrAdmin(caller, userId);
        List<Map<String, Object>> items = credentials.findByUserId(userId).stream()
                .filter(c -> name == null || c.name().equals(name)).map(this::view).toList();
        return Links.collection("application_credentials", items, "/v3/users/" + userId + "/application_credentials");
    }

    @GetMapping("/v3/users/{userId}/application_credentials/{id}")
    public Map<String, Object> show(AuthContext caller, @PathVariable String userId, @PathVariable String id) {
        Policy.requireSelfOrAdmin(caller, userId);
        return Map.of("application_credential", view(service.find(userId, id)));
    }

    @DeleteMapping("/v3/users/{userId}/application_credentials/{id}")
    public ResponseEntity<Void> delete(AuthContext caller, @PathVariable String userId, @PathVariable String id) {
        Policy.requireSelfOrAdmin(caller, userId);
        service.delete(userId, id);
        return ResponseEntity.noContent().build();
    }

    /**
     * <pre>{"id", "name", "description", "user_id", "project_id", "roles": [{"id", "name", "domain_id": null}],
     *  "expires_at", "unrestricted", "access_rules": [], "links": {"self"}}</pre> (plus "secret" on create)
     */
    private Map<String, Object> view(ApplicationCredential credential) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", credential.id());
        view.put("name", credential.name());
        view.put("description", credential.description());
        view.put("user_id", credential.userId());
        view.put("project_id", credential.projectId());
        view.put("roles", roles.findAllById(credential.roleIds()).stream().map(r -> {
            Map<String, Object> role = new LinkedHashMap<>();
            role.put("id", r.id());
            role.put("name", r.name());
            role.put("domain_id", null);
            return role;
        }).toList());
        view.put("expires_at", credential.expiresAt() == null ? null : TokenRenderer.timestamp(credential.expiresAt()));
        view.put("unrestricted", credential.unrestricted());
        view.put("access_rules", List.of());
        view.put("links", Links.self("/v3/users/" + credential.userId() + "/application_credentials/" + credential.id()));
        return view;
    }
}
