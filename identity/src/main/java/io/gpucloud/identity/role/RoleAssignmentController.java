package io.gpucloud.identity.role;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.common.auth.Policy;
import io.gpucloud.identity.domain.DomainRepository;
import io.gpucloud.identity.project.ProjectRepository;
import io.gpucloud.identity.user.UserRepository;
import io.gpucloud.identity.web.Links;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Role grants: {@code /v3/{projects|domains}/{target}/users/{user}/roles[/{role}]} and the
 * {@code /v3/role_assignments} query. Admin only, except that a user may list its own assignments.
 */
@RestController
public class RoleAssignmentController {

    private static final String GRANT = "/v3/{targets}/{targetId}/users/{userId}/roles/{roleId}";

    private final RoleService service;
    private final RoleAssignmentRepository assignments;
    private final RoleRepository roles;
    private final UserRepository users;
    private final ProjectRepository projects;
    private final DomainRepository domains;

    public RoleAssignmentController(RoleService service, RoleAssignmentRepository assignments, RoleRepository roles,
            UserRepository users, ProjectRepository projects, DomainRepository domains) {
        this.service = requireNonNull(service, "service is null");
        this.assignments = requireNonNull(assignments, "assignments is null");
        this.roles = requireNonNull(roles, "roles is null");
        this.users = requireNonNull(users, "users is null");
        this.projects = requireNonNull(projects, "projects is null");
        this.domains = requireNonNull(domains, "domains is null");
    }

    @PutMapping(GRANT)
    public ResponseEntity<Void> grant(AuthContext caller, @PathVariable String targets, @PathVariable String targetId,
            @PathVariable String userId, @PathVariable String roleId) {
        Policy.requireAdmin(caller);
        service.grant(targetType(targets), targetId, userId, roleId);
        return ResponseEntity.noContent().build();
    }

    @RequestMapping(path = GRANT, method = {RequestMethod.GET, RequestMethod.HEAD})
    public ResponseEntity<Void> check(AuthContext caller, @PathVariable String targets, @PathVariable String targetId,
            @PathVariable String userId, @PathVariable String roleId) {
        Policy.requireAdmin(caller);
        if (!service.holds(targetType(targets), targetId, userId, roleId)) {
            throw ApiException.notFound("Could not find role assignment.");
        }
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping(GRANT)
    public ResponseEntity<Void> revoke(AuthContext caller, @PathVariable String targets, @PathVariable String targetId,
            @PathVariable String userId, @PathVariable String roleId) {
        Policy.requireAdmin(caller);
        service.revoke(targetType(targets), targetId, userId, roleId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/v3/{targets}/{targetId}/users/{userId}/roles")
    public Map<String, Object> rolesOn(AuthContext caller, @PathVariable String targets, @PathVariable String targetId,
            @PathVariable String userId) {
        Policy.requireAdmin(caller);
        List<Map<String, Object>> items = service.rolesOf(targetType(targets), targetId, userId).stream()
                .map(RoleController::view).toList();
        return Links.collection("roles", items, "/v3/" + targets + "/" + targetId + "/users/" + userId + "/roles");
    }

    /** Filters: {@code user.id}, {@code role.id}, {@code scope.project.id}, {@code scope.domain.id}, {@code include_names}. */
    @GetMapping("/v3/role_assignments")
    public Map<String, Object> query(AuthContext caller, HttpServletRequest request) {
        String userId = request.getParameter("user.id");
        if (!caller.isAdmin() && !caller.userId().equals(userId)) {
            throw ApiException.forbidden("You are not authorized to perform the requested action.");
        }
        String roleId = request.getParameter("role.id");
        String projectId = request.getParameter("scope.project.id");
        String domainId = request.getParameter("scope.domain.id");
        boolean includeNames = request.getParameter("include_names") != null
                && !"false".equalsIgnoreCase(request.getParameter("include_names"));
        List<Map<String, Object>> items = assignments.findAll().stream()
                .filter(a -> userId == null || a.userId().equals(userId))
                .filter(a -> roleId == null || a.roleId().equals(roleId))
                .filter(a -> projectId == null || (a.targetType().equals(RoleAssignment.PROJECT) && a.targetId().equals(projectId)))
                .filter(a -> domainId == null || (a.targetType().equals(RoleAssignment.DOMAIN) && a.targetId().equals(domainId)))
                .map(a -> view(a, includeNames)).toList();
        return Links.collection("role_assignments", items, "/v3/role_assignments");
    }

    /**
     * <pre>{"role": {"id", "name"?}, "user": {"id", "name"?, "domain"?}, "scope": {"project"|"domain": {"id", "name"?}},
     *  "links": {"assignment"}}</pre>
     */
    private Map<String, Object> view(RoleAssignment assignment, boolean includeNames) {
        Map<String, Object> role = new LinkedHashMap<>(Map.of("id", assignment.roleId()));
        Map<String, Object> user = new LinkedHashMap<>(Map.of("id", assignment.userId()));
        Map<String, Object> target = new LinkedHashMap<>(Map.of("id", assignment.targetId()));
        if (includeNames) {
            roles.findById(assignment.roleId()).ifPresent(r -> role.put("name", r.name()));
            users.findById(assignment.userId()).ifPresent(u -> {
                user.put("name", u.name());
                user.put("domain", domainRef(u.domainId()));
            });
            if (assignment.targetType().equals(RoleAssignment.PROJECT)) {
                projects.findById(assignment.targetId()).ifPresent(p -> {
                    target.put("name", p.name());
                    target.put("domain", domainRef(p.domainId()));
                });
            } else {
                domains.findById(assignment.targetId()).ifPresent(d -> target.put("name", d.name()));
            }
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("role", role);
        view.put("user", user);
        view.put("scope", Map.of(assignment.targetType(), target));
        view.put("links", Map.of("assignment", Links.base() + "/v3/" + assignment.targetType() + "s/"
                + assignment.targetId() + "/users/" + assignment.userId() + "/roles/" + assignment.roleId()));
        return view;
    }

    private Map<String, Object> domainRef(String domainId) {
        Map<String, Object> ref = new LinkedHashMap<>(Map.of("id", domainId));
        domains.findById(domainId).ifPresent(d -> ref.put("name", d.name()));
        return ref;
    }

    private static String targetType(String targets) {
        return switch (targets) {
            case "projects" -> RoleAssignment.PROJECT;
            case "domains" -> RoleAssignment.DOMAIN;
            default -> throw ApiException.notFound("The resource could not be found.");
        };
    }
}
