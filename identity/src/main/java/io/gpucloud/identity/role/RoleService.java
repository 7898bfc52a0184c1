package io.gpucloud.identity.role;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.api.JsonBody;
import io.gpucloud.identity.Ids;
import io.gpucloud.identity.domain.DomainRepository;
import io.gpucloud.identity.project.ProjectRepository;
import io.gpucloud.identity.token.Revocations;
import io.gpucloud.identity.user.UserRepository;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Roles and their assignment to users on projects and domains. */
@Service
public class RoleService {

    private final RoleRepository roles;
    private final RoleAssignmentRepository assignments;
    private final UserRepository users;
    private final ProjectRepository projects;
    private final DomainRepository domains;
    private final Revocations revocations;

    public RoleService(RoleRepository roles, RoleAssignmentRepository assignments, UserRepository users,
            ProjectRepository projects, DomainRepository domains, Revocations revocations) {
        this.roles = requireNonNull(roles, "roles is null");
        this.assignments = requireNonNull(assignments, "assignments is null");
        this.users = requireNonNull(users, "users is null");
        this.projects = requireNonNull(projects, "projects is null");
        this.domains = requireNonNull(domains, "domains is null");
        this.revocations = requireNonNull(revocations, "revocations is null");
    }

    public Role find(String id) {
        return roles.findById(id).orElseThrow(() -> ApiException.notFound("Could not find role: " + id + "."));
    }

    @Transactional
    public Role create(JsonBody body) {
        String name = body.requiredString("name");
        if (roles.findByName(name).isPresent()) {
            throw ApiException.conflict("Conflict occurred attempting to store role - duplicate name " + name + ".");
        }
        return roles.save(new Role(Ids.newId(), name, body.optionalString("description", 4096).orElse("")));
    }

    @Transactional
    public void delete(String id) {
        Role role = find(id);
        if (ImpliedRoles.DEFAULT_ROLES.contains(role.name())) {
            throw ApiException.forbidden("The default role " + role.name() + " cannot be deleted.");
        }
        assignments.findAll().stream().filter(a -> a.roleId().equals(id))
                .forEach(a -> revocations.user(a.userId()));
        roles.delete(role);
    }

    @Transactional
    public void grant(String targetType, String targetId, String userId, String roleId) {
        requireParts(targetType, targetId, userId, roleId);
        RoleAssignment assignment = new RoleAssignment(userId, roleId, targetType, targetId);
        if (!assignments.existsById(new RoleAssignment.Key(userId, roleId, targetType, targetId))) {
            assignments.save(assignment);
        }
    }

    @Transactional
    public void revoke(String targetType, String targetId, String userId, String roleId) {
        requireParts(targetType, targetId, userId, roleId);
        RoleAssignment.Key key = new RoleAssignment.Key(userId, roleId, targetType, targetId);
        if (!assignments.existsById(key)) {
            throw ApiException.notFound("Could not find role assignment.");
        }
        assignments.deleteById(key);
        // Tokens carry roles, so the user's tokens go; the next token is issued without the role.
        revocations.user(userId);
    }

    public boolean holds(String targetType, String targetId, String userId, String roleId) {
        requireParts(targetType, targetId, userId, roleId);
        return assignments.existsById(new RoleAssignment.Key(userId, roleId, targetType, targetId));
    }

    public List<Role> rolesOf(String targetType, String targetId, String userId) {
        requireParts(targetType, targetId, userId, null);
        List<String> ids = assignments.findForUserOn(userId, targetType, targetId).stream()
                .map(RoleAssignment::roleId).toList();
        return roles.findAllById(ids);
    }

    private void requireParts(String targetType, String targetId, String userId, String roleId) {
        boolean targetExists = targetType.equals(RoleAssignment.PROJECT)
                ? projects.existsById(targetId) : domains.existsById(targetId);
        if (!targetExists) {
            throw ApiException.notFound("Could not find " + targetType + ": " + targetId + ".");
        }
        if (!users.existsById(userId)) {
            throw ApiException.notFound("Could not find user: " + userId + ".");
        }
        if (roleId != null && !roles.existsById(roleId)) {
            throw ApiException.notFound("Could not find role: " + roleId + ".");
        }
    }
}
