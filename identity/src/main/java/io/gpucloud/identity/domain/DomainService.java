package io.gpucloud.identity.domain;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.api.JsonBody;
import io.gpucloud.identity.Ids;
import io.gpucloud.identity.project.Project;
import io.gpucloud.identity.project.ProjectRepository;
import io.gpucloud.identity.role.RoleAssignment;
import io.gpucloud.identity.role.RoleAssignmentRepository;
import io.gpucloud.identity.token.Revocations;
import io.gpucloud.identity.user.UserRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Domain lifecycle: a domain must be disabled before it is deleted, and takes its projects and users with it. */
@Service
public class DomainService {

    private final DomainRepository domains;
    private final ProjectRepository projects;
    private final UserRepository users;
    private final RoleAssignmentRepository assignments;
    private final Revocations revocations;

    public DomainService(DomainRepository domains, ProjectRepository projects, UserRepository users,
            RoleAssignmentRepository assignments, Revocations revocations) {
        this.domains = requireNonNull(domains, "domains is null");
        this.projects = requireNonNull(projects, "projects is null");
        this.users = requireNonNull(users, "users is null");
        this.assignments = requireNonNull(assignments, "assignments is null");
        this.revocations = requireNonNull(revocations, "revocations is null");
    }

    public Domain find(String id) {
        return domains.findById(id).orElseThrow(() -> ApiException.notFound("Could not find domain: " + id + "."));
    }

    @Transactional
    public Domain create(JsonBody body) {
        String name = body.requiredString("name");
        if (domains.findByName(name).isPresent()) {
            throw ApiException.conflict("Conflict occurred attempting to store domain - duplicate name " + name + ".");
        }
        return domains.save(new Domain(Ids.newId(), name, body.optionalString("description", 4096).orElse(""),
                body.optionalBoolean("enabled").orElse(true)));
    }

    @Transactional
    public Domain update(String id, JsonBody body) {
        Domain domain = find(id);
        body.optionalString("name").ifPresent(name -> {
            if (domains.findByName(name).filter(other -> !other.id().equals(id)).isPresent()) {
                throw ApiException.conflict("Conflict occurred attempting to store domain - duplicate name " + name + ".");
            }
            domain.rename(name);
        });
        body.optionalString("description", 4096).ifPresent(domain::describe);
        body.optionalBoolean("enabled").ifPresent(enabled -> {
            if (!enabled && Domain.DEFAULT_ID.equals(id)) {
                throw ApiException.forbidden("The default domain cannot be disabled.");
            }
            domain.setEnabled(enabled);
            if (!enabled) {
                revokeEverythingIn(id);
            }
        });
        return domain;
    }

    @Transactional
    public void delete(String id) {
        Domain domain = find(id);
        if (Domain.DEFAULT_ID.equals(id)) {
            throw ApiException.forbidden("The default domain cannot be deleted.");
        }
        if (domain.enabled()) {
            throw ApiException.forbidden("Cannot delete a domain that is enabled, please disable it first.");
        }
        revokeEverythingIn(id);
        for (Project project : projects.findByDomainId(id)) {
            assignments.deleteForTarget(RoleAssignment.PROJECT, project.id());
            projects.delete(project);
        }
        users.deleteAll(users.findByDomainId(id));
        assignments.deleteForTarget(RoleAssignment.DOMAIN, id);
        domains.delete(domain);
    }

    private void revokeEverythingIn(String domainId) {
        revocations.domain(domainId);
        projects.findByDomainId(domainId).forEach(p -> revocations.project(p.id()));
        users.findByDomainId(domainId).forEach(u -> revocations.user(u.id()));
    }
}
