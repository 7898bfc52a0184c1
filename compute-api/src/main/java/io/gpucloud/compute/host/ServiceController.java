package io.gpucloud.compute.host;

import io.gpucloud.common.api.ApiVersion;
import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.common.auth.Policy;
import io.gpucloud.compute.zone.ZoneProperties;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v2.1/os-services} for admins ({@code openstack compute service list}): one {@code nova-compute}
 * service per host that has sent a heartbeat, up or down by the liveness rule. The API, scheduler and conductor
 * of Nova have no counterpart with a heartbeat here, so they are not listed. Ids are the hosts' provider uuids
 * from 2.53, as in Nova; before that a small integer.
 */
@RestController
public class ServiceController {

    private static final String BINARY = "nova-compute";
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
        view.put("status", "enabled");
        view.put("state", states.isDown(host) ? "down" : "up");
        view.put("updated_at", TIMESTAMP.format(host.lastHeartbeat()));
        view.put("disabled_reason", null);
        if (version.atLeast(2, 11)) {
            view.put("forced_down", false);
        }
        return view;
    }
}
