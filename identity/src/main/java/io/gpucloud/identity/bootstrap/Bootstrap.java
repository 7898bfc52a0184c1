package io.gpucloud.identity.bootstrap;

import static java.util.Objects.requireNonNull;

import io.gpucloud.identity.IdentityProperties;
import io.gpucloud.identity.Ids;
import io.gpucloud.identity.domain.Domain;
import io.gpucloud.identity.domain.DomainRepository;
import io.gpucloud.identity.project.Project;
import io.gpucloud.identity.project.ProjectRepository;
import io.gpucloud.identity.role.ImpliedRoles;
import io.gpucloud.identity.role.Role;
import io.gpucloud.identity.role.RoleAssignment;
import io.gpucloud.identity.role.RoleAssignmentRepository;
import io.gpucloud.identity.role.RoleRepository;
import io.gpucloud.identity.token.SigningKeys;
import io.gpucloud.identity.user.PasswordHasher;
import io.gpucloud.identity.user.User;
import io.gpucloud.identity.user.UserRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What {@code keystone-manage bootstrap} does, on every start and idempotently: the default domain,
 * the admin/member/reader roles, the admin project and user with the admin role there, and the first
 * token signing key. An existing admin keeps its password: the configured one only seeds a new cloud.
 */
@Component
public class Bootstrap {

    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

    private final IdentityProperties properties;
    private final DomainRepository domains;
    private final ProjectRepository projects;
    private final UserRepository users;
    private final RoleRepository roles;
    private final RoleAssignmentRepository assignments;
    private final PasswordHasher hasher;
    private final SigningKeys keys;

    public Bootstrap(IdentityProperties properties, DomainRepository domains, ProjectRepository projects,
            UserRepository users, RoleRepository roles, RoleAssignmentRepository assignments, PasswordHasher hasher,
            SigningKeys keys) {
        this.properties = requireNonNull(properties, "properties is null");
        this.domains = requireNonNull(domains, "domains is null");
        this.projects = requireNonNull(projects, "projects is null");
        this.users = requireNonNull(users, "users is null");
        this.roles = requireNonNull(roles, "roles is null");
        this.assignments = requireNonNull(assignments, "assignments is null");
        this.hasher = requireNonNull(hasher, "hasher is null");
        this.keys = requireNonNull(keys, "keys is null");
    }

    @Transactional
    public void run() {
        keys.ensureKeyExists();
        if (!domains.existsById(Domain.DEFAULT_ID)) {
            domains.save(new Domain(Domain.DEFAULT_ID, "Default", "The default domain", true));
        }
        Role admin = null;
        for (String name : ImpliedRoles.DEFAULT_ROLES) {
            Role role = roles.findByName(name).orElseGet(() -> roles.save(new Role(Ids.newId(), name, "")));
            if (name.equals(ImpliedRoles.ADMIN)) {
                admin = role;
            }
        }
        IdentityProperties.Bootstrap settings = properties.bootstrap();
        Project project = projects.findByDomainIdAndName(Domain.DEFAULT_ID, settings.adminProject())
                .orElseGet(() -> projects.save(new Project(Ids.newId(), settings.adminProject(), Domain.DEFAULT_ID,
                        "Bootstrap project for the cloud administrator", true)));
        User user = users.findByDomainIdAndName(Domain.DEFAULT_ID, settings.adminUser()).orElse(null);
        if (user == null) {
            String password = settings.adminPassword();
            if (password == null || password.isBlank()) {
                throw new IllegalStateException("cloud.identity.bootstrap.admin-password (env CLOUD_IDENTITY_BOOTSTRAP_"
                        + "ADMIN_PASSWORD) must be set for the first start, to create the admin user");
            }
            user = users.save(new User(Ids.newId(), settings.adminUser(), Domain.DEFAULT_ID, hasher.hash(password), true,
                    project.id(), null, "Cloud administrator"));
            log.info("bootstrap created admin user '{}' with the admin role on project '{}'", user.name(), project.name());
        }
        RoleAssignment.Key grant = new RoleAssignment.Key(user.id(), admin.id(), RoleAssignment.PROJECT, project.id());
        if (!assignments.existsById(grant)) {
            assignments.save(new RoleAssignment(user.id(), admin.id(), RoleAssignment.PROJECT, project.id()));
        }
    }
}
