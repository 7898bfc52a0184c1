package io.gpucloud.identity.role;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.JsonBody;
import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.common.auth.Policy;
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

/** {@code /v3/roles}: admin only. */
@RestController
public class RoleController {

    private final RoleService service;
    private final RoleRepository roles;

    public RoleController(RoleService service, RoleRepository roles) {
        this.service = requireNonNull(service, "service is null");
        this.roles = requireNonNull(roles, "roles is null");
    }

    @GetMapping("/v3/roles")
    public Map<String, Object> list(AuthContext caller, @RequestParam(required = false) String name) {
        Policy.requireAdmin(caller);
        List<Map<String, Object>> items = roles.findAll().stream()
                .filter(r -> name == null || r.name().equals(name)).map(RoleController::view).toList();
        return Links.collection("roles", items, "/v3/roles");
    }

    @PostMapping("/v3/roles")
    public ResponseEntity<Map<String, Object>> create(AuthContext caller, @RequestBody JsonNode body) {
        Policy.requireAdmin(caller);
        Role role = service.create(JsonBody.root(body, "role"));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("role", view(role)));
    }

    @GetMapping("/v3/roles/{id}")
    public Map<String, Object> show(AuthContext caller, @PathVariable String id) {
        Policy.requireAdmin(caller);
        return Map.of("role", view(service.find(id)));
    }

    @DeleteMapping("/v3/roles/{id}")
    public ResponseEntity<Void> delete(AuthContext caller, @PathVariable String id) {
        Policy.requireAdmin(caller);
        service.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** <pre>{"id", "name", "domain_id": null, "description", "options": {}, "links": {"self"}}</pre> */
    static Map<String, Object> view(Role role) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", role.id());
        view.put("name", role.name());
        view.put("domain_id", null);
        view.put("description", role.description());
        view.put("options", Map.of());
        view.put("links", Links.self("/v3/roles/" + role.id()));
        return view;
    }
}
