package io.gpucloud.compute.quota;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.common.auth.Policy;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v2.1/os-quota-sets/{project}}: a project's limits (members see their own project's, admins any), the
 * defaults, the detail with usage, and (admin) setting and resetting them. GPU limits are {@code class:PGPU}
 * etc. beside Nova's keys.
 */
@RestController
@EnableConfigurationProperties(QuotaProperties.class)
public class QuotaController {

    private final ProjectQuotas quotas;

    public QuotaController(ProjectQuotas quotas) {
        this.quotas = requireNonNull(quotas, "quotas is null");
    }

    @GetMapping("/v2.1/os-quota-sets/{project}")
    public Map<String, Object> show(AuthContext caller, @PathVariable String project) {
        requireOwnOrAdmin(caller, project);
        return Map.of("quota_set", withId(project, new LinkedHashMap<>(quotas.limits(project))));
    }

    @GetMapping("/v2.1/os-quota-sets/{project}/defaults")
    public Map<String, Object> defaults(AuthContext caller, @PathVariable String project) {
        requireOwnOrAdmin(caller, project);
        return Map.of("quota_set", withId(project, new LinkedHashMap<>(quotas.defaultLimits())));
    }

    @GetMapping("/v2.1/os-quota-sets/{project}/detail")
    public Map<String, Object> detail(AuthContext caller, @PathVariable String project) {
        requireOwnOrAdmin(caller, project);
        Map<String, Long> used = quotas.usage(project);
        Map<String, Object> detail = new LinkedHashMap<>();
        quotas.limits(project).forEach((resource, limit) -> detail.put(resource,
                Map.of("limit", limit, "in_use", used.getOrDefault(resource, 0L), "reserved", 0)));
        used.forEach((resource, inUse) -> detail.putIfAbsent(resource,
                Map.of("limit", -1, "in_use", inUse, "reserved", 0)));
        return Map.of("quota_set", withId(project, detail));
    }

    @PutMapping("/v2.1/os-quota-sets/{project}")
    public Map<String, Object> update(AuthContext caller, @PathVariable String project,
            @RequestBody(required = false) JsonNode body) {
        Policy.requireAdmin(caller);
        JsonNode set = body == null ? null : body.path("quota_set");
        if (set == null || !set.isObject()) {
            throw ApiException.badRequest("Invalid input for field/attribute quota_set.");
        }
        Map<String, Integer> limits = new LinkedHashMap<>();
        set.properties().forEach(entry -> {
            if (entry.getKey().equals("force") || entry.getKey().equals("id")) {
                return;
            }
            if (!entry.getValue().canConvertToInt()) {
                throw ApiException.badRequest("Invalid input for field/attribute " + entry.getKey()
                        + ": an integer is expected.");
            }
            limits.put(entry.getKey(), entry.getValue().asInt());
        });
        quotas.set(project, limits);
        Map<String, Object> view = new LinkedHashMap<>(quotas.limits(project));
        return Map.of("quota_set", view);
    }

    @DeleteMapping("/v2.1/os-quota-sets/{project}")
    public ResponseEntity<Void> reset(AuthContext caller, @PathVariable String project) {
        Policy.requireAdmin(caller);
        quotas.reset(project);
        return ResponseEntity.accepted().build();
    }

    private static Map<String, Object> withId(String project, Map<String, Object> values) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", project);
        view.putAll(values);
        return view;
    }

    private static void requireOwnOrAdmin(AuthContext caller, String project) {
        if (!caller.isAdmin() && !project.equals(caller.projectId())) {
            throw ApiException.forbidden("Policy doesn't allow os_compute_api:os-quota-sets:show to be performed.");
        }
    }
}
