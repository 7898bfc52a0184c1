package io.gpucloud.scheduler.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.gpucloud.common.web.Link;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Placement version discovery (wire-spec §7). */
@RestController
class VersionController {

    record Version(
            String id,
            @JsonProperty("max_version") String maxVersion,
            @JsonProperty("min_version") String minVersion,
            String status,
            List<Link> links) {}

    // Placement's self link is empty, as in the reference service; clients read only the versions.
    private static final Version V1 = new Version("v1.0", PlacementVersions.MAXIMUM.toString(),
            PlacementVersions.MINIMUM.toString(), "CURRENT", List.of(Link.self("")));

    @GetMapping("/")
    Map<String, List<Version>> versions() {
        return Map.of("versions", List.of(V1));
    }
}
