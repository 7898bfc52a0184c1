package io.gpucloud.identity.project;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.api.JsonBody;
import io.gpucloud.identity.Ids;
import io.gpucloud.identity.domain.DomainRepository;
import io.gpucloud.identity.role.RoleAssignment;
import io.gpucloud.identity.role.RoleAssignmentRepository;
import io.gpucloud.identity.token.Revocations;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Project lifecycle. Projects are flat: each belongs to one domain, none to another project. */
@Service
public class ProjectService {

    private final ProjectRepository projects;
    private final DomainRepository domains;
    private final RoleAssignmentRepository assignments;
    private final Revocations revocations;

    public ProjectService(ProjectRepository projects, DomainRepository domains, RoleAssignmentRepository assignments,
            Revocations revocations) {
        this.projects = requireNonNull(projects, "projects is null");
        this.domains = requireNonNull(domains, "domains is null");
        this.assignments = requireNonNull(assignments, "assignments is null");
        this.revocations = requireNonNull(revocations, "revocations is null");
    }

    public Project find(String id) {
        return projects.findById(id).orElseThrow(() -> ApiException.notFound("Could not find project: " + id + "."));
    }

    /** @param defaultDomainId the domain used when the body names none: the caller's */
    @Transactional
    public Project create(JsonBody body, String defaultDomainId) {
        String name = body.requiredString("name");
        String domainId = body.optionalString("domain_id").orElse(defaultDomainId);
        if (body.optionalBoolean("is_domain").orElse(false)) {
            throw ApiException.badRequest("Projects acting as domains are not offered; create a domain instead.");
        }
        body.optionalString("parent_id").filter(parent -> !parent.equals(domainId)).ifPresent(parent -> {
            throw ApiException.badRequest("Nested projects are not offered: 'parent_id' must be the domain.");
        });
        if (!domains.existsById(domainId)) {
            throw ApiException.badRequest("Could not find domain: " + domainId + ".");
        }
        if (projects.findByDomainIdAndName(domainId, name).isPresent()) {
            throw ApiException.conflict("Conflict occurred attempting to store project - it is not permitted to have"
                    + " two projects with the same name in the same domain : " + name + ".");
        }
        return projects.save(new Project(Ids.newId(), name, domainId,
                body.optionalString("description", 4096).orElse(""), body.optionalBoolean("enabled").orElse(true)));
    }

    @Transactional
    public Project update(String id, JsonBody body) {
        Project project = find(id);
        body.optionalString("domain_id").filter(d -> !d.equals(project.domainId())).ifPresent(d -> {
            throw ApiException.badRequest("A project cannot move to another domain.");
        });
        body.optionalString("name").ifPresent(name -> {
            if (projects.findByDomainIdAndName(project.domainId(), name).filter(p -> !p.id().equals(id)).isPresent()) {
                throw ApiException.conflict("Conflict occurred attempting to store project - duplicate name " + name + ".");
            }
            project.rename(name);
        });
        body.optionalString("description", 4096).ifPresent(project::describe);
        body.optionalBoolean("enabled").ifPresent(enabled -> {
            project.setEnabled(enabled);
            if (!enabled) {
                revocations.project(id);
            }
        });
        return project;
    }

    @Transactional
    public void delete(String id) {
        Project project = find(id);
        revocations.project(id);
        assignments.deleteForTarget(RoleAssignment.PROJECT, id);
        projects.delete(project);
    }

}
