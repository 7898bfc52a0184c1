package io.gpucloud.compute.zone;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.common.auth.Policy;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v2.1/os-availability-zone}: the configured zones, all available. {@code /detail} (admin, as in Nova) adds
 * the {@code hosts} of each zone; the zone-to-host mapping lives in Placement aggregates, which this API does not
 * read yet, so it is empty.
 */
@RestController
class AvailabilityZoneController {

    private final ZoneProperties zones;

    AvailabilityZoneController(ZoneProperties zones) {
        this.zones = requireNonNull(zones, "zones is null");
    }

    /** {@code {"availabilityZoneInfo": [{"zoneName": "nova", "zoneState": {"available": true}, "hosts": null}]}}. */
    @GetMapping("/v2.1/os-availability-zone")
    Map<String, Object> list(AuthContext caller) {
        return Map.of("availabilityZoneInfo", zones(null));
    }

    @GetMapping("/v2.1/os-availability-zone/detail")
    Map<String, Object> detail(AuthContext caller) {
        Policy.requireAdmin(caller);
        return Map.of("availabilityZoneInfo", zones(Map.of()));
    }

    private List<Map<String, Object>> zones(Map<String, Object> hosts) {
        return zones.availabilityZones().stream().map(name -> {
            Map<String, Object> zone = new LinkedHashMap<>();
            zone.put("zoneName", name);
            zone.put("zoneState", Map.of("available", true));
            zone.put("hosts", hosts == null ? null : new HashMap<>(hosts));
            return zone;
        }).toList();
    }
}
