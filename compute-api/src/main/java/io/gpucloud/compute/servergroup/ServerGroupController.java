package io.gpucloud.compute.servergroup;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.api.ApiVersion;
import io.gpucloud.common.auth.AuthContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v2.1/os-server-groups}. Before 2.64 a group has {@code policies: [one]} and {@code metadata}; from 2.64
 * it has {@code policy} and {@code rules} ({@code max_server_per_host} for anti-affinity). The soft policies
 * need 2.15; project and user ids are shown from 2.13.
 */
@RestController
public class ServerGroupController {

    private final ServerGroups groups;

    public ServerGroupController(ServerGroups groups) {
        this.groups = requireNonNull(groups, "groups is null");
    }

    @PostMapping("/v2.1/os-server-groups")
    public Map<String, Object> create(AuthContext caller, ApiVersion version,
            @RequestBody(required = false) JsonNode body) {
        JsonNode group = body == null ? null : body.path("server_group");
        if (group == null || !group.isObject() || !group.path("name").isString()
                || group.path("name").stringValue().isBlank() || group.path("name").stringValue().length() > 255) {
            throw ApiException.badRequest("Invalid input for field/attribute server_group: a name of 1 to 255"
                    + " characters is required.");
        }
        String policy;
        Integer maxPerHost = null;
        if (version.atLeast(2, 64)) {
            policy = group.path("policy").asString(null);
            JsonNode rules = group.path("rules");
            if (rules.isObject() && rules.has("max_server_per_host")) {
                if (!rules.path("max_server_per_host").canConvertToInt()) {
                    throw ApiException.badRequest("Invalid input for field/attribute max_server_per_host.");
                }
                maxPerHost = rules.path("max_server_per_host").asInt();
            }
        }
        else {
            JsonNode policies = group.path("policies");
            if (!policies.isArray() || policies.size() != 1) {
                throw ApiException.badRequest("Invalid input for field/attribute policies: exactly one policy.");
            }
            policy = policies.get(0).asString(null);
        }
        if (policy == null) {
            throw ApiException.badRequest("Invalid input for field/attribute policy: it is required.");
        }
        if (policy.startsWith("soft-") && !version.atLeast(2, 15)) {
            throw ApiException.badRequest("Policy " + policy + " needs microversion 2.15 or later.");
        }
        ServerGroup created = groups.create(group.path("name").stringValue(), policy, maxPerHost, caller);
        return Map.of("server_group", view(created, version));
    }

    @GetMapping("/v2.1/os-server-groups")
    public Map<String, Object> list(AuthContext caller, ApiVersion version,
            @RequestParam(name = "all_projects", required = false) String allProjects) {
        String project = caller.isAdmin() && allProjects != null && !allProjects.equalsIgnoreCase("false")
                ? null : caller.projectId();
        return Map.of("server_groups", groups.list(project).stream().map(group -> view(group, version)).toList());
    }

    @GetMapping("/v2.1/os-server-groups/{id}")
    public Map<String, Object> show(AuthContext caller, ApiVersion version, @PathVariable String id) {
        return Map.of("server_group", view(groups.find(uuid(id), caller).orElseThrow(() -> notFound(id)), version));
    }

    @DeleteMapping("/v2.1/os-server-groups/{id}")
    public ResponseEntity<Void> delete(AuthContext caller, @PathVariable String id) {
        groups.delete(uuid(id), caller);
        return ResponseEntity.noContent().build();
    }

    private Map<String, Object> view(ServerGroup group, ApiVersion version) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", group.uuid().toString());
        view.put("name", group.name());
        if (version.atLeast(2, 64)) {
            view.put("policy", group.policy());
            view.put("rules", group.maxServerPerHost() == null ? Map.of()
                    : Map.of("max_server_per_host", group.maxServerPerHost()));
        }
        else {
            view.put("policies", List.of(group.policy()));
            view.put("metadata", Map.of());
        }
        view.put("members", groups.members(group.uuid()).stream().map(UUID::toString).toList());
        if (version.atLeast(2, 13)) {
            view.put("project_id", group.projectId());
            view.put("user_id", group.userId());
        }
        return view;
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        }
        catch (IllegalArgumentException e) {
            throw notFound(id);
        }
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Instance group " + id + " could not be found.");
    }
}
