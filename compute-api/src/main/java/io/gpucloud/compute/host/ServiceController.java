package io.gpucloud.compute.host;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.api.ApiVersion;
import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.common.auth.Policy;
import io.gpucloud.compute.zone.ZoneProperties;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET|PUT /v2.1/os-services} for admins ({@code openstack compute service list|set}): one {@code nova-compute}
 * service per host that has sent a heartbeat, up or down by the liveness rule. The API, scheduler and conductor
 * of Nova have no counterpart with a heartbeat here, so they are not listed. Ids are the hosts' provider uuids
 * from 2.53, as in Nova; before that a small integer.
 */
@RestController
public class ServiceController {

    private static final String BINARY = "nova-compute";
    private static final List<String> LEGACY_ACTIONS = List.of("disable", "enable", "disable-log-reason");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private final HostStates states;
    private final String zone;

    public ServiceController(HostStates states, ZoneProperties zones) {
        this.states = states;
        this.zone = zones.availabilityZones().get(0);
    }

    @GetMapping("/v2.1/os-services")
    public Map<String, Object> list(AuthContext caller, ApiVersion version,
            @RequestParam(required = false) String host, @RequestParam(required = false) String binary) {
        Policy.requireAdmin(caller);
        List<Map<String, Object>> services = states.all().stream()
                .filter(found -> host == null || found.host().equals(host))
                .filter(found -> binary == null || binary.equals(BINARY))
                .map(found -> view(found, version)).toList();
        return Map.of("services", services);
    }

    private Map<String, Object> view(ComputeHost host, ApiVersion version) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", version.atLeast(2, 53) ? host.hostProvider().toString() : host.id());
        view.put("binary", BINARY);
        view.put("host", host.host());
        view.put("zone", zone);
        view.put("status", host.disabled() ? "disabled" : "enabled");
        view.put("state", states.isDown(host) ? "down" : "up");
        view.put("updated_at", TIMESTAMP.format(host.lastHeartbeat()));
        view.put("disabled_reason", host.disabledReason());
        if (version.atLeast(2, 11)) {
            view.put("forced_down", host.forcedDown());
        }
        return view;
    }

    /**
     * 2.53+: {@code PUT /os-services/{id}} with any of {@code status} ({@code enabled}/{@code disabled}),
     * {@code disabled_reason} (only with {@code disabled}, at most 255 characters) and {@code forced_down}.
     * Before 2.53 the last segment is an action instead: {@code disable}, {@code enable}, {@code disable-log-reason}.
     */
    @PutMapping("/v2.1/os-services/{id}")
    public Map<String, Object> update(AuthContext caller, ApiVersion version, @PathVariable String id,
            @RequestBody(required = false) JsonNode body) {
        Policy.requireAdmin(caller);
        if (!version.atLeast(2, 53)) {
            if (!LEGACY_ACTIONS.contains(id)) {
                throw ApiException.notFound("Unknown action " + id + "; before microversion 2.53 the actions are "
                        + LEGACY_ACTIONS);
            }
            return legacyUpdate(id, body);
        }
        ComputeHost host = uuid(id).flatMap(states::findByProvider)
                .orElseThrow(() -> ApiException.notFound("Service with ID " + id + " could not be found."));
        JsonNode fields = object(body);
        for (String name : fields.propertyNames()) {
            if (!Set.of("status", "disabled_reason", "forced_down").contains(name)) {
                throw ApiException.badRequest("Additional properties are not allowed ('" + name + "' was unexpected)");
            }
        }
        if (fields.isEmpty()) {
            throw ApiException.badRequest("No updates were requested. Fields 'status' or 'forced_down' should be"
                    + " specified.");
        }
        boolean disabled = fields.has("status") ? status(fields.get("status")) : host.disabled();
        String reason = fields.has("disabled_reason") ? reason(fields.get("disabled_reason")) : host.disabledReason();
        if (fields.has("disabled_reason") && !disabled) {
            throw ApiException.badRequest("Specifying 'disabled_reason' with status 'enabled' is invalid.");
        }
        boolean forcedDown = host.forcedDown();
        if (fields.has("forced_down")) {
            if (!fields.get("forced_down").isBoolean()) {
                throw ApiException.badRequest("Invalid input for field/attribute forced_down: not a boolean");
            }
            forcedDown = fields.get("forced_down").booleanValue();
        }
        return Map.of("service", view(states.changeStatus(host, disabled, reason, forcedDown), version));
    }

    /** Before 2.53: {@code disable}, {@code enable} or {@code disable-log-reason}, naming host and binary. */
    private Map<String, Object> legacyUpdate(String action, JsonNode body) {
        JsonNode fields = object(body);
        String hostName = text(fields, "host");
        String binary = text(fields, "binary");
        ComputeHost host = states.find(hostName).filter(found -> BINARY.equals(binary))
                .orElseThrow(() -> ApiException.notFound("Service " + binary + " on host " + hostName
                        + " could not be found."));
        boolean disabled = !action.equals("enable");
        String reason = action.equals("disable-log-reason") ? reason(fields.get("disabled_reason")) : null;
        ComputeHost changed = states.changeStatus(host, disabled, reason, host.forcedDown());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("host", changed.host());
        view.put("binary", BINARY);
        view.put("status", disabled ? "disabled" : "enabled");
        if (reason != null) {
            view.put("disabled_reason", reason);
        }
        return Map.of("service", view);
    }

    private static JsonNode object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object.");
        }
        return body;
    }

    private static String text(JsonNode fields, String name) {
        JsonNode value = fields.get(name);
        if (value == null || !value.isString() || value.stringValue().isBlank()) {
            throw ApiException.badRequest("'" + name + "' is a required property");
        }
        return value.stringValue();
    }

    private static boolean status(JsonNode value) {
        if (value.isString() && value.stringValue().equals("disabled")) {
            return true;
        }
        if (value.isString() && value.stringValue().equals("enabled")) {
            return false;
        }
        throw ApiException.badRequest("Invalid input for field/attribute status: " + value + " is not one of"
                + " ['enabled', 'disabled']");
    }

    private static String reason(JsonNode value) {
        if (value == null || !value.isString() || value.stringValue().isEmpty() || value.stringValue().length() > 255) {
            throw ApiException.badRequest("Invalid input for field/attribute disabled_reason: a string of 1 to 255"
                    + " characters is required");
        }
        return value.stringValue();
    }

    private static Optional<UUID> uuid(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
