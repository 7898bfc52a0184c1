package io.gpucloud.identity.user;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.api.JsonBody;
import io.gpucloud.identity.Ids;
import io.gpucloud.identity.domain.DomainRepository;
import io.gpucloud.identity.project.ProjectRepository;
import io.gpucloud.identity.token.Revocations;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** User lifecycle. Changing a password, disabling or deleting a user revokes every token it holds. */
@Service
public class UserService {

    static final int MAX_PASSWORD = 4096;

    private final UserRepository users;
    private final DomainRepository domains;
    private final ProjectRepository projects;
    private final PasswordHasher hasher;
    private final Revocations revocations;

    public UserService(UserRepository users, DomainRepository domains, ProjectRepository projects,
            PasswordHasher hasher, Revocations revocations) {
        this.users = requireNonNull(users, "users is null");
        this.domains = requireNonNull(domains, "domains is null");
        this.projects = requireNonNull(projects, "projects is null");
        this.hasher = requireNonNull(hasher, "hasher is null");
        this.revocations = requireNonNull(revocations, "revocations is null");
    }

    public User find(String id) {
        return users.findById(id).orElseThrow(() -> ApiException.notFound("Could not find user: " + id + "."));
    }

    @Transactional
    public User create(JsonBody body, String defaultDomainId) {
        String name = body.requiredString("name");
        String domainId = body.optionalString("domain_id").orElse(defaultDomainId);
        if (!domains.existsById(domainId)) {
            throw ApiException.badRequest("Could not find domain: " + domainId + ".");
        }
        if (users.findByDomainIdAndName(domainId, name).isPresent()) {
            throw ApiException.conflict("Conflict occurred attempting to store user - duplicate user " + name
                    + " in domain " + domainId + ".");
        }
        String defaultProject = body.optionalString("default_project_id").map(this::requireProject).orElse(null);
        String hash = body.optionalString("password", MAX_PASSWORD).map(hasher::hash).orElse(null);
        return users.save(new User(Ids.newId(), name, domainId, hash, body.optionalBoolean("enabled").orElse(true),
                defaultProject, body.optionalString("email").orElse(null),
                body.optionalString("description", 4096).orElse("")));
    }

    @Transactional
    public User update(String id, JsonBody body) {
        User user = find(id);
        body.optionalString("domain_id").filter(d -> !d.equals(user.domainId())).ifPresent(d -> {
            throw ApiException.badRequest("A user cannot move to another domain.");
        });
        body.optionalString("name").ifPresent(name -> {
            if (users.findByDomainIdAndName(user.domainId(), name).filter(u -> !u.id().equals(id)).isPresent()) {
                throw ApiException.conflict("Conflict occurred attempting to store user - duplicate user " + name + ".");
            }
            user.rename(name);
        });
        body.optionalString("description", 4096).ifPresent(user::describe);
        body.optionalString("email").ifPresent(user::setEmail);
        body.optionalString("default_project_id").map(this::requireProject).ifPresent(user::setDefaultProjectId);
        body.optionalString("password", MAX_PASSWORD).ifPresent(password -> {
            user.setPasswordHash(hasher.hash(password));
            revocations.user(id);
        });
        body.optionalBoolean("enabled").ifPresent(enabled -> {
            user.setEnabled(enabled);
            if (!enabled) {
                revocations.user(id);
            }
        });
        return user;
    }

    /** A user's own password change: proves the old password first. */
    @Transactional
    public void changePassword(String id, JsonBody body) {
        User user = find(id);
        String original = body.optionalString("original_password", MAX_PASSWORD)
                .orElseThrow(() -> ApiException.badRequest("Expecting to find 'user.original_password' in the request."));
        String password = body.optionalString("password", MAX_PASSWORD).filter(p -> !p.isEmpty())
                .orElseThrow(() -> ApiException.badRequest("Expecting to find 'user.password' in the request."));
        if (!hasher.matches(original, user.passwordHash())) {
            throw ApiException.unauthorized();
        }
        user.setPasswordHash(hasher.hash(password));
        revocations.user(id);
    }

    @Transactional
    public void delete(String id) {
        User user = find(id);
        revocations.user(id);
        users.delete(user);
    }

    private String requireProject(String projectId) {
        if (!projects.existsById(projectId)) {
            throw ApiException.badRequest("Could not find project: " + projectId + ".");
        }
        return projectId;
    }
}
