package io.gpucloud.identity.credential;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.common.auth.Policy;
import io.gpucloud.identity.Ids;
import io.gpucloud.identity.project.ProjectRepository;
import io.gpucloud.identity.role.EffectiveRoles;
import io.gpucloud.identity.web.Links;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v3/users/{user}/credentials/OS-EC2}: S3 access keys, each tied to a project the user holds
 * a role on. The user's own, or any for an admin.
 */
@RestController
public class Ec2CredentialController {

    private final Ec2CredentialRepository credentials;
    private final ProjectRepository projects;
    private final EffectiveRoles effectiveRoles;

    public Ec2CredentialController(Ec2CredentialRepository credentials, ProjectRepository projects,
            EffectiveRoles effectiveRoles) {
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.projects = requireNonNull(projects, "projects is null");
        this.effectiveRoles = requireNonNull(effectiveRoles, "effectiveRoles is null");
    }

    @PostMapping("/v3/users/{userId}/credentials/OS-EC2")
    @Transactional
    public ResponseEntity<Map<String, Object>> create(AuthContext caller, @PathVariable String userId,
            @RequestBody JsonNode body) {
        Policy.requireSelfOrAdmin(caller, userId);
        if (body == null || !body.path("tenant_id").isString() || body.path("tenant_id").stringValue().isBlank()) {
            throw ApiException.badRequest("Expecting to find 'tenant_id' (the project id) in the request.");
        }
        String projectId = body.path("tenant_id").stringValue();
        if (!projects.existsById(projectId)) {
            throw ApiException.badRequest("Could not find project: " + projectId + ".");
        }
        if (effectiveRoles.onProject(userId, projectId).isEmpty()) {
            throw ApiException.forbidden("User " + userId + " has no role on project " + projectId + ".");
        }
        Ec2Credential credential = credentials.save(new Ec2Credential(Ids.randomHex(16), Ids.randomHex(16), userId, projectId));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("credential", view(credential)));
    }

    @GetMapping("/v3/users/{userId}/credentials/OS-EC2")
    public Map<String, Object> list(AuthContext caller, @PathVariable String userId) {
        Policy.requireSelfOrAdmin(caller, userId);
        List<Map<String, Object>> items = credentials.findByUserId(userId).stream().map(Ec2CredentialController::view).toList();
        return Links.collection("credentials", items, "/v3/users/" + userId + "/credentials/OS-EC2");
    }

    @GetMapping("/v3/users/{userId}/credentials/OS-EC2/{access}")
    public Map<String, Object> show(AuthContext caller, @PathVariable String userId, @PathVariable String access) {
        Policy.requireSelfOrAdmin(caller, userId);
        return Map.of("credential", view(find(userId, access)));
    }

    @DeleteMapping("/v3/users/{userId}/credentials/OS-EC2/{access}")
    @Transactional
    public ResponseEntity<Void> delete(AuthContext caller, @PathVariable String userId, @PathVariable String access) {
        Policy.requireSelfOrAdmin(caller, userId);
        credentials.delete(find(userId, access));
        return ResponseEntity.noContent().build();
    }

    private Ec2Credential find(String userId, String access) {
        return credentials.findById(access).filter(c -> c.userId().equals(userId))
                .orElseThrow(() -> ApiException.notFound("Could not find credential: " + access + "."));
    }

    /** <pre>{"user_id", "tenant_id", "access", "secret", "trust_id": null, "links": {"self"}}</pre> */
    private static Map<String, Object> view(Ec2Credential credential) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("user_id", credential.userId());
        view.put("tenant_id", credential.projectId());
        view.put("access", credential.access());
        view.put("secret", credential.secret());
        view.put("trust_id", null);
        view.put("links", Links.self("/v3/users/" + credential.userId() + "/credentials/OS-EC2/" + credential.access()));
        return view;
    }
}
