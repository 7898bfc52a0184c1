package io.gpucloud.compute.server;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.api.ApiVersion;
import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.common.web.RequestUrls;
import io.gpucloud.compute.servergroup.ServerGroups;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /v2.1/servers}: create, list, show, rename, delete, and the start/stop/reboot actions. */
@RestController
public class ServerController {

    private static final int DEFAULT_LIMIT = 1000;
    private static final String DEFAULT_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final ServerService servers;
    private final ServerGroups groups;
    private final java.security.SecureRandom random = new java.security.SecureRandom();

    public ServerController(ServerService servers, ServerGroups groups) {
        this.servers = requireNonNull(servers, "servers is null");
        this.groups = requireNonNull(groups, "groups is null");
    }

    @PostMapping("/v2.1/servers")
    public ResponseEntity<Map<String, Object>> create(AuthContext caller, ApiVersion version,
            @RequestBody(required = false) JsonNode body, HttpServletRequest request) {
        CreateServerRequest create = CreateServerRequest.parse(body, version,
                group -> groups.specFor(group, caller));
        List<Instance> created = servers.create(create, caller);
        Instance first = created.get(0);
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("id", first.uuid().toString());
        server.put("links", ServerView.brief(first.uuid(), first.name(), RequestUrls.baseUrl(request)).get("links"));
        server.put("OS-DCF:diskConfig", first.diskConfig());
        server.put("security_groups", List.of(Map.of("name", "default")));
        // Guests get their SSH key from the config drive; the password is only echoed, as Nova does.
        JsonNode posted = body.path("server").path("adminPass");
        server.put("adminPass", posted.isString() ? posted.stringValue() : password());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("server", server));
    }

    @GetMapping("/v2.1/servers")
    public Map<String, Object> list(AuthContext caller, ApiVersion version, HttpServletRequest request,
            @RequestParam Map<String, String> params) {
        return listing(caller, version, request, params, false);
    }

    @GetMapping("/v2.1/servers/detail")
    public Map<String, Object> detail(AuthContext caller, ApiVersion version, HttpServletRequest request,
            @RequestParam Map<String, String> params) {
        return listing(caller, version, request, params, true);
    }

    @GetMapping("/v2.1/servers/{id}")
    public Map<String, Object> show(AuthContext caller, ApiVersion version, @PathVariable String id,
            HttpServletRequest request) {
        Instance instance = servers.find(uuid(id), caller).orElseThrow(() -> notFound(id));
        return Map.of("server", ServerView.detail(instance, RequestUrls.baseUrl(request), version, caller.isAdmin()));
    }

    @PutMapping("/v2.1/servers/{id}")
    public Map<String, Object> update(AuthContext caller, ApiVersion version, @PathVariable String id,
            @RequestBody(required = false) JsonNode body, HttpServletRequest request) {
        JsonNode name = body == null ? null : body.path("server").path("name");
        if (name == null || !name.isString() || name.stringValue().isBlank() || name.stringValue().length() > 255) {
            throw ApiException.badRequest("Invalid input for field/attribute server: a name of 1 to 255 characters.");
        }
        Instance renamed = servers.rename(uuid(id), name.stringValue(), caller);
        return Map.of("server", ServerView.detail(renamed, RequestUrls.baseUrl(request), version, caller.isAdmin()));
    }

    @DeleteMapping("/v2.1/servers/{id}")
    public ResponseEntity<Void> delete(AuthContext caller, @PathVariable String id) {
        servers.delete(uuid(id), caller);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/v2.1/servers/{id}/action")
    public ResponseEntity<Void> action(AuthContext caller, @PathVariable String id,
            @RequestBody(required = false) JsonNode body) {
        UUID uuid = uuid(id);
        if (body == null || !body.isObject() || body.size() != 1) {
            throw ApiException.badRequest("An action body names exactly one action, e.g. {\"os-stop\": null}.");
        }
        String action = body.propertyNames().iterator().next();
        switch (action) {
            case "os-start" -> servers.start(uuid, caller);
            case "os-stop" -> servers.stop(uuid, caller);
            case "reboot" -> {
                String type = body.path("reboot").path("type").asString("");
                if (!type.equalsIgnoreCase("SOFT") && !type.equalsIgnoreCase("HARD")) {
                    throw ApiException.badRequest("Invalid input for field/attribute type: SOFT or HARD.");
                }
                servers.reboot(uuid, type.toUpperCase(Locale.ROOT).equals("HARD"), caller);
            }
            default -> throw ApiException.badRequest("There is no such action: " + action);
        }
        return ResponseEntity.accepted().build();
    }

    private Map<String, Object> listing(AuthContext caller, ApiVersion version, HttpServletRequest request,
            Map<String, String> params, boolean detailed) {
        boolean allProjects = caller.isAdmin() && truthy(params.get("all_tenants"));
        String project = caller.projectId();
        if (caller.isAdmin() && (params.containsKey("project_id") || params.containsKey("tenant_id"))) {
            project = params.getOrDefault("project_id", params.get("tenant_id"));
        }
        else if (allProjects) {
            project = null;
        }
        VmState status = status(params.get("status"));
        int limit = limit(params.get("limit"));
        ServerQuery.Marker marker = null;
        if (params.containsKey("marker")) {
            Instance from = servers.find(uuid(params.get("marker")), caller).orElseThrow(() -> ApiException
                    .badRequest("marker [" + params.get("marker") + "] not found"));
            marker = new ServerQuery.Marker(from.uuid(), from.createdAt());
        }
        Pattern name = null;
        if (params.containsKey("name")) {
            try {
                name = Pattern.compile(params.get("name"));
            }
            catch (PatternSyntaxException e) {
                throw ApiException.badRequest("Invalid regular expression in name: " + e.getDescription());
            }
        }
        String host = caller.isAdmin() ? params.get("host") : null;
        String base = RequestUrls.baseUrl(request);
        List<Map<String, Object>> views = new ArrayList<>();
        ServerQuery query = new ServerQuery(project, status, host, name == null ? null : params.get("name"), marker,
                limit);
        UUID last = null;
        if (detailed) {
            for (Instance instance : servers.list(query)) {
                views.add(ServerView.detail(instance, base, version, caller.isAdmin()));
                last = instance.uuid();
            }
        }
        else {
            for (InstanceRepository.Brief server : servers.listBrief(query)) {
                views.add(ServerView.brief(server.uuid(), server.name(), base));
                last = server.uuid();
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("servers", views);
        if (views.size() == limit) {
            String next = base + "/v2.1/servers" + (detailed ? "/detail" : "") + "?limit=" + limit + "&marker="
                    + last;
            body.put("servers_links", List.of(Map.of("rel", "next", "href", next)));
        }
        return body;
    }

    private static VmState status(String status) {
        if (status == null) {
            return null;
        }
        return switch (status.toUpperCase(Locale.ROOT)) {
            case "BUILD" -> VmState.BUILDING;
            case "ACTIVE" -> VmState.ACTIVE;
            case "SHUTOFF" -> VmState.STOPPED;
            case "ERROR" -> VmState.ERROR;
            default -> throw ApiException.badRequest("Invalid status value: " + status);
        };
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 0) {
                return Math.min(limit, DEFAULT_LIMIT);
            }
        }
        catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("limit must be an integer of 0 or more, not '" + text + "'");
    }

    private static boolean truthy(String value) {
        return value != null && (value.isEmpty() || value.equals("1") || value.equalsIgnoreCase("true")
                || value.equalsIgnoreCase("yes"));
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
        return ApiException.notFound("Instance " + id + " could not be found.");
    }

    private String password() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            password.append(DEFAULT_PASSWORD_ALPHABET.charAt(random.nextInt(DEFAULT_PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }
}
