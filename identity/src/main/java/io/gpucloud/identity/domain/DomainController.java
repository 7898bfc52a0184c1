package io.gpucloud.identity.domain;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.api.JsonBody;
import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.common.auth.Policy;
import io.gpucloud.identity.role.RoleAssignment;
import io.gpucloud.identity.role.RoleAssignmentRepository;
import io.gpucloud.identity.web.Links;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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

/** {@code /v3/domains}: admin manages; a user may read the domain it belongs to or is scoped to. */
@RestController
public class DomainController {

    private final DomainService service;
    private final DomainRepository domains;
    private final RoleAssignmentRepository assignments;

    public DomainController(DomainService service, DomainRepository domains, RoleAssignmentRepository assignments) {
        this.service = requireNonNull(service, "service is null");
        this.domains = requireNonNull(domains, "domains is null");
        this.assignments = requireNonNull(assignments, "assignments is null");
    }

    @GetMapping("/v3/domains")
    public Map<String, Object> list(AuthContext caller, @RequestParam(required = false) String name,
            @RequestParam(required = false) Boolean enabled) {
        Policy.requireAdmin(caller);
        List<Map<String, Object>> items = domains.findAll().stream()
                .filter(d -> name == null || d.name().equals(name))
                .filter(d -> enabled == null || d.enabled() == enabled)
                .map(DomainController::view).toList();
        return Links.collection("domains", items, "/v3/domains");
    }

    @PostMapping("/v3/domains")
    public ResponseEntity<Map<String, Object>> create(AuthContext caller, @RequestBody JsonNode body) {
        Policy.requireAdmin(caller);
        Domain domain = service.create(JsonBody.root(body, "domain"));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("domain", view(domain)));
    }

    @GetMapping("/v3/domains/{id}")
    public Map<String, Object> show(AuthContext caller, @PathVariable String id) {
        TokenDomains mine = TokenDomains.of(caller);
        if (!caller.isAdmin() && !mine.contains(id)) {
            throw ApiException.forbidden("You are not authorized to perform the requested action.");
        }
        return Map.of("domain", view(service.find(id)));
    }

    @PatchMapping("/v3/domains/{id}")
    public Map<String, Object> update(AuthContext caller, @PathVariable String id, @RequestBody JsonNode body) {
        Policy.requireAdmin(caller);
        return Map.of("domain", view(service.update(id, JsonBody.root(body, "domain"))));
    }

    @DeleteMapping("/v3/domains/{id}")
    public ResponseEntity<Void> delete(AuthContext caller, @PathVariable String id) {
        Policy.requireAdmin(caller);
        service.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** The domains the caller holds a role on. */
    @GetMapping("/v3/auth/domains")
    public Map<String, Object> mine(AuthContext caller) {
        Set<String> ids = assignments.findForUser(caller.userId()).stream()
                .filter(a -> a.targetType().equals(RoleAssignment.DOMAIN)).map(RoleAssignment::targetId)
                .collect(Collectors.toSet());
        List<Map<String, Object>> items = domains.findAllById(ids).stream().filter(Domain::enabled)
                .map(DomainController::view).toList();
        return Links.collection("domains", items, "/v3/auth/domains");
    }

    /**
     * <pre>{"id", "name", "description", "enabled", "tags": [], "options": {}, "links": {"self"}}</pre>
     */
    static Map<String, Object> view(Domain domain) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", domain.id());
        view.put("name", domain.name());
        view.put("description", domain.description());
        view.put("enabled", domain.enabled());
        view.put("tags", List.of());
        view.put("options", Map.of());
        view.put("links", Links.self("/v3/domains/" + domain.id()));
        return view;
    }

    /** The domains a token touches: the user's, the scoped project's, the scoped domain. */
    private record TokenDomains(Set<String> ids) {
        static TokenDomains of(AuthContext caller) {
            return new TokenDomains(java.util.stream.Stream.of(caller.claims().userDomainId(),
                    caller.claims().projectDomainId(), caller.claims().domainId())
                    .filter(java.util.Objects::nonNull).collect(Collectors.toSet()));
        }

        boolean contains(String id) {
            return ids.contains(id);
        }
    }
}
