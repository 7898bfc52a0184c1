package io.gpucloud.identity.user;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.JsonBody;
import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.common.auth.Policy;
import io.gpucloud.identity.domain.Domain;
import io.gpucloud.identity.web.Links;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /v3/users}: admin manages; a user may read itself and change its own password. */
@RestController
public class UserController {

    private final UserService service;
    private final UserRepository users;

    public UserController(UserService service, UserRepository users) {
        this.service = requireNonNull(service, "service is null");
        this.users = requireNonNull(users, "users is null");
    }

    @GetMapping("/v3/users")
    public Map<String, Object> list(AuthContext caller, @RequestParam(required = false) String name,
            @RequestParam(name = "domain_id", required = false) String domainId,
            @RequestParam(required = false) Boolean enabled) {
        Policy.requireAdmin(caller);
        List<Map<String, Object>> items = users.findAll().stream()
                .filter(u -> name == null || u.name().equals(name))
                .filter(u -> domainId == null || u.domainId().equals(domainId))
                .filter(u -> enabled == null || u.enabled() == enabled)
                .map(UserController::view).toList();
        return Links.collection("users", items, "/v3/users");
    }

    @PostMapping("/v3/users")
    public ResponseEntity<Map<String, Object>> create(AuthContext caller, @RequestBody JsonNode body) {
        Policy.requireAdmin(caller);
        String callerDomain = Objects.requireNonNullElse(caller.claims().projectDomainId(), Domain.DEFAULT_ID);
        User user = service.create(JsonBody.root(body, "user"), callerDomain);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("user", view(user)));
    }

    @GetMapping("/v3/users/{id}")
    public Map<String, Object> show(AuthContext caller, @PathVariable String id) {
        Policy.requireSelfOrAdmin(caller, id);
        return Map.of("user", view(service.find(id)));
    }

    @PatchMapping("/v3/users/{id}")
    public Map<String, Object> update(AuthContext caller, @PathVariable String id, @RequestBody JsonNode body) {
        Policy.requireAdmin(caller);
        return Map.of("user", view(service.update(id, JsonBody.root(body, "user"))));
    }

    @PostMapping("/v3/users/{id}/password")
    public ResponseEntity<Void> changePassword(AuthContext caller, @PathVariable String id, @RequestBody JsonNode body) {
        Policy.requireSelfOrAdmin(caller, id);
        if (!caller.userId().equals(id)) {
            // Admins reset other users' passwords through PATCH; this call proves the old one.
            throw io.gpucloud.common.api.ApiException.forbidden("Only the user may change its own password here.");
        }
        service.changePassword(id, JsonBody.root(body, "user"));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/v3/users/{id}")
    public ResponseEntity<Void> delete(AuthContext caller, @PathVariable String id) {
        Policy.requireAdmin(caller);
        service.delete(id);
        return ResponseEntity.noContent().build();
    }

    /**
     * <pre>{"id", "name", "domain_id", "enabled", "default_project_id"?, "email"?, "description",
     *  "password_expires_at": null, "options": {}, "links": {"self"}}</pre>
     */
    static Map<String, Object> view(User user) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", user.id());
        view.put("name", user.name());
        view.put("domain_id", user.domainId());
        view.put("enabled", user.enabled());
        if (user.defaultProjectId() != null) {
            view.put("default_project_id", user.defaultProjectId());
        }
        if (user.email() != null) {
            view.put("email", user.email());
        }
        view.put("description", user.description());
        view.put("password_expires_at", null);
        view.put("options", Map.of());
        view.put("links", Links.self("/v3/users/" + user.id()));
        return view;
    }
}
