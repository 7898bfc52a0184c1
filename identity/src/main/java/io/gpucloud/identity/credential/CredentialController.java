package io.gpucloud.identity.credential;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.identity.web.Links;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /v3/credentials}, read side, for EC2 credentials (the only type identity stores): how services that
 * verify S3 signatures find a secret. Keystone's id of an EC2 credential is the SHA-256 of its access key, so a
 * service holding an access key asks for {@code GET /v3/credentials/<sha256 hex>}. Admins see every credential,
 * other users their own; a credential that is not the caller's is reported missing, not forbidden, so that
 * access keys cannot be probed.
 */
@RestController
public class CredentialController {

    private static final String EC2 = "ec2";

    private final Ec2CredentialRepository credentials;
    private final JsonMapper json;

    public CredentialController(Ec2CredentialRepository credentials, JsonMapper json) {
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.json = requireNonNull(json, "json is null");
    }

    @GetMapping("/v3/credentials/{credentialId}")
    public Map<String, Object> show(AuthContext caller, @PathVariable String credentialId) {
        return Map.of("credential", credentials.findByCredentialId(credentialId)
                .filter(credential -> caller.isAdmin() || credential.userId().equals(caller.userId()))
                .map(this::view)
                .orElseThrow(() -> ApiException.notFound("Could not find credential: " + credentialId + ".")));
    }

    @GetMapping("/v3/credentials")
    public Map<String, Object> list(AuthContext caller, @RequestParam(name = "user_id", required = false) String userId,
            @RequestParam(required = false) String type) {
        List<Ec2Credential> found;
        if (type != null && !type.equals(EC2)) {
            found = List.of();
        }
        else if (caller.isAdmin()) {
            found = userId == null ? credentials.findAll() : credentials.findByUserId(userId);
        }
        else {
            found = userId == null || userId.equals(caller.userId()) ? credentials.findByUserId(caller.userId())
                    : List.of();
        }
        return Links.collection("credentials", found.stream().map(this::view).toList(), "/v3/credentials");
    }

    /** <pre>{"id", "type": "ec2", "user_id", "project_id", "blob": "{\"access\": …, \"secret\": …}", "links"}</pre> */
    private Map<String, Object> view(Ec2Credential credential) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", credential.credentialId());
        view.put("type", EC2);
        view.put("user_id", credential.userId());
        view.put("project_id", credential.projectId());
        view.put("blob", json.writeValueAsString(Map.of("access", credential.access(), "secret", credential.secret(),
                "trust_id", "")));
        view.put("links", Links.self("/v3/credentials/" + credential.credentialId()));
        return view;
    }
}
