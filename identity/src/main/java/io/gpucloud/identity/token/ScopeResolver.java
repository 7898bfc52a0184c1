package io.gpucloud.identity.token;

import static io.gpucloud.identity.token.Authenticator.unauthorized;
import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.api.JsonBody;
import io.gpucloud.identity.credential.ApplicationCredential;
import io.gpucloud.identity.domain.Domain;
import io.gpucloud.identity.domain.DomainRepository;
import io.gpucloud.identity.project.Project;
import io.gpucloud.identity.project.ProjectRepository;
import io.gpucloud.identity.role.EffectiveRoles;
import io.gpucloud.identity.role.Role;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Turns {@code auth.scope} into a scope and the roles the user holds there. A scope the user holds no
 * role on is a 401, as in Keystone. Without a scope the token is scoped to the user's default project
 * when the user has a role there, else unscoped.
 */
@Component
class ScopeResolver {

    /** A scope and the roles that come with it. */
    record Scoped(TokenScope scope, List<Role> roles) {
    }

    private final ProjectRepository projects;
    private final DomainRepository domains;
    private final EffectiveRoles effectiveRoles;

    ScopeResolver(ProjectRepository projects, DomainRepository domains, EffectiveRoles effectiveRoles) {
        this.projects = requireNonNull(projects, "projects is null");
        this.domains = requireNonNull(domains, "domains is null");
        this.effectiveRoles = requireNonNull(effectiveRoles, "effectiveRoles is null");
    }

    Scoped resolve(Optional<JsonBody> scope, AuthenticatedUser who) {
        if (who.applicationCredential() != null) {
            return applicationCredentialScope(scope, who);
        }
        if (scope.isEmpty()) {
            return defaultProjectScope(who);
        }
        JsonBody requested = scope.get();
        if (requested.has("system")) {
            throw ApiException.badRequest("System scope is not offered by this cloud; scope to a project or domain.");
        }
        if (requested.has("project")) {
            Project project = findProject(requested.object("project"))
                    .orElseThrow(() -> unauthorized("scope names an unknown project"));
            return projectScope(project, who);
        }
        if (requested.has("domain")) {
            JsonBody ref = requested.object("domain");
            Domain domain = ref.optionalString("id").map(domains::findById)
                    .orElseGet(() -> domains.findByName(ref.requiredString("name")))
                    .filter(Domain::enabled)
                    .orElseThrow(() -> unauthorized("scope names an unknown or disabled domain"));
            List<Role> roles = effectiveRoles.onDomain(who.user().id(), domain.id());
            if (roles.isEmpty()) {
                throw unauthorized("user " + who.user().id() + " has no role on domain " + domain.id());
            }
            return new Scoped(TokenScope.ofDomain(domain), roles);
        }
        throw ApiException.badRequest("'auth.scope' must name a 'project' or a 'domain'.");
    }

    private Scoped defaultProjectScope(AuthenticatedUser who) {
        String defaultProject = who.user().defaultProjectId();
        if (defaultProject != null) {
            Optional<Project> project = projects.findById(defaultProject).filter(Project::enabled);
            if (project.isPresent() && !effectiveRoles.onProject(who.user().id(), defaultProject).isEmpty()) {
                return projectScope(project.get(), who);
            }
        }
        return new Scoped(TokenScope.UNSCOPED, List.of());
    }

    private Scoped applicationCredentialScope(Optional<JsonBody> scope, AuthenticatedUser who) {
        ApplicationCredential credential = who.applicationCredential();
        Project project = projects.findById(credential.projectId())
                .orElseThrow(() -> unauthorized("application credential's project is gone"));
        if (scope.isPresent()) {
            Optional<Project> requested = scope.get().optionalObject("project").flatMap(this::findProject);
            if (requested.isEmpty() || !requested.get().id().equals(project.id())) {
                throw unauthorized("application credential used with another scope");
            }
        }
        Scoped onProject = projectScope(project, who);
        // The credential carries a subset of the roles its user had; it loses any the user has lost since.
        List<Role> roles = onProject.roles().stream().filter(r -> credential.roleIds().contains(r.id())).toList();
        if (roles.isEmpty()) {
            throw unauthorized("application credential " + credential.id() + " has no role left on its project");
        }
        return new Scoped(onProject.scope(), roles);
    }

    private Scoped projectScope(Project project, AuthenticatedUser who) {
        Domain domain = domains.findById(project.domainId()).orElseThrow();
        if (!project.enabled() || !domain.enabled()) {
            throw unauthorized("project " + project.id() + " or its domain is disabled");
        }
        List<Role> roles = effectiveRoles.onProject(who.user().id(), project.id());
        if (roles.isEmpty()) {
            throw unauthorized("user " + who.user().id() + " has no role on project " + project.id());
        }
        return new Scoped(TokenScope.ofProject(project, domain), roles);
    }

    /** The project named by {@code {"id"}} or {@code {"name", "domain": {"id"|"name"}}}. */
    private Optional<Project> findProject(JsonBody ref) {
        Optional<String> id = ref.optionalString("id");
        if (id.isPresent()) {
            return projects.findById(id.get());
        }
        String name = ref.requiredString("name");
        JsonBody domainRef = ref.optionalObject("domain")
                .orElseThrow(() -> ApiException.badRequest("A project given by name needs its 'domain' (id or name)."));
        return domainRef.optionalString("id").map(domains::findById)
                .orElseGet(() -> domains.findByName(domainRef.requiredString("name")))
                .flatMap(d -> projects.findByDomainIdAndName(d.id(), name));
    }
}
