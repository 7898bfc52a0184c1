package io.gpucloud.identity.role;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The roles a user holds on a project or domain: its assignments plus the roles they imply. */
@Component
public class EffectiveRoles {

    private final RoleAssignmentRepository assignments;
    private final RoleRepository roles;

    public EffectiveRoles(RoleAssignmentRepository assignments, RoleRepository roles) {
        this.assignments = requireNonNull(assignments, "assignments is null");
        this.roles = requireNonNull(roles, "roles is null");
    }

    public List<Role> onProject(String userId, String projectId) {
        return on(userId, RoleAssignment.PROJECT, projectId);
    }

    public List<Role> onDomain(String userId, String domainId) {
        return on(userId, RoleAssignment.DOMAIN, domainId);
    }

    private List<Role> on(String userId, String targetType, String targetId) {
        Set<String> roleIds = assignments.findForUserOn(userId, targetType, targetId).stream()
                .map(RoleAssignment::roleId).collect(Collectors.toSet());
        if (roleIds.isEmpty()) {
            return List.of();
        }
        List<Role> all = roles.findAll();
        Set<String> names = all.stream().filter(r -> roleIds.contains(r.id())).map(Role::name).collect(Collectors.toSet());
        Set<String> expanded = ImpliedRoles.expand(names);
        return all.stream().filter(r -> expanded.contains(r.name())).toList();
    }
}
