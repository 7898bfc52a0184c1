package io.gpucloud.identity.project;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.JsonBody;
import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.common.auth.Policy;
import io.gpucloud.identity.domain.Domain;
import io.gpucloud.identity.role.RoleAssignment;
import io.gpucloud.identity.role.RoleAssignmentRepository;
import io.gpucloud.identity.web.Links;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

/**
 * {@code /v3/projects}: admin manages; a member may read the project its token is scoped to. The
 * policy check comes before the lookup, so another project's id gets 403 whether it exists or not.
 */
@RestController
public class ProjectController {

    private final ProjectService service;
    private final ProjectRepository projects;
    private final RoleAssignmentRepository assignments;

    public ProjectController(ProjectService service, ProjectRepository projects, RoleAssignmentRepository assignments) {
        this.service = requireNonNull(service, "service is null");
        this.projects = requireNonNull(projects, "projects is null");
        this.assignments = requireNonNull(assignments, "assignments is null");
    }

    @GetMapping("/v3/projects")
    public Map<String, Object> list(AuthContext caller, @RequestParam(required = false) String name,
            @RequestParam(name = "domain_id", required = false) String domainId,
            @RequestParam(required = false) Boolean enabled) {
        Policy.requireAdmin(caller);
        List<Map<String, Object>> items = projects.findAll().stream()
                .filter(p -> name == null || p.name().equals(name))
                .filter(p -> domainId == null || p.domainId().equals(domainId))
                .filter(p -> enabled == null || p.enabled() == enabled)
                .map(ProjectController::view).toList();
        return Links.collection("projects", items, "/v3/projects");
    }

    @PostMapping("/v3/projects")
    public ResponseEntity<Map<String, Object>> create(AuthContext caller, @RequestBody JsonNode body) {
        Policy.requireAdmin(caller);
        String callerDomain = Objects.requireNonNullElse(caller.claims().projectDomainId(), Domain.DEFAULT_ID);
        Project project = service.create(JsonBody.root(body, "project"), callerDomain);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("project", view(project)));
    }

    @GetMapping("/v3/projects/{id}")
    public Map<String, Object> show(AuthContext caller, @PathVariable String id) {
        Policy.requireProject(caller, id);
        return Map.of("project", view(service.find(id)));
    }

    @PatchMapping("/v3/projects/{id}")
    public Map<String, Object> update(AuthContext caller, @PathVariable String id, @RequestBody JsonNode body) {
        Policy.requireAdmin(caller);
        return Map.of("project", view(service.update(id, JsonBody.root(body, "project"))));
    }

    @DeleteMapping("/v3/projects/{id}")
    public ResponseEntity<Void> delete(AuthContext caller, @PathVariable String id) {
        Policy.requireAdmin(caller);
        service.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** The projects the caller holds a role on. */
    @GetMapping("/v3/auth/projects")
    public Map<String, Object> mine(AuthContext caller) {
        return Links.collection("projects", projectsOf(caller.userId()), "/v3/auth/projects");
    }

    @GetMapping("/v3/users/{userId}/projects")
    public Map<String, Object> ofUser(AuthContext caller, @PathVariable String userId) {
        Policy.requireSelfOrAdmin(caller, userId);
        return Links.collection("projects", projectsOf(userId), "/v3/users/" + userId + "/projects");
    }

    private List<Map<String, Object>> projectsOf(String userId) {
        Set<String> ids = assignments.findForUser(userId).stream()
                .filter(a -> a.targetType().equals(RoleAssignment.PROJECT)).map(RoleAssignment::targetId)
                .collect(Collectors.toSet());
        return projects.findAllById(ids).stream().filter(Project::enabled).map(ProjectController::view).toList();
    }

    /**
     * <pre>{"id", "name", "domain_id", "description", "enabled", "parent_id", "is_domain": false,
     *  "tags": [], "options": {}, "links": {"self"}}</pre>
     */
    static Map<String, Object> view(Project project) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", project.id());
        view.put("name", project.name());
        view.put("domain_id", project.domainId());
        view.put("description", project.description());
        view.put("enabled", project.enabled());
        view.put("parent_id", project.domainId());
        view.put("is_domain", false);
        view.put("tags", List.of());
        view.put("options", Map.of());
        view.put("links", Links.self("/v3/projects/" + project.id()));
        return view;
    }
}
