package io.gpucloud.compute.flavor;

import io.gpucloud.common.api.ApiVersion;
import io.gpucloud.common.web.Link;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.util.UriUtils;

/** Flavor bodies as Nova renders them at each microversion. Tempest allows no other keys. */
final class FlavorViews {

    private FlavorViews() {
    }

    /**
     * The short form of {@code GET /flavors}:
     * <pre>{"id": "1", "name": "m1.tiny", "description": null (2.55+), "links": [self, bookmark]}</pre>
     */
    static Map<String, Object> summary(Flavor flavor, ApiVersion version, String baseUrl) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", flavor.id());
        view.put("name", flavor.name());
        if (version.atLeast(2, 55)) {
            view.put("description", flavor.description());
        }
        view.put("links", links(flavor, baseUrl));
        return view;
    }

    /**
     * The full flavor:
     * <pre>{"id", "name", "ram", "disk", "swap": "" when 0 (an integer from 2.75), "OS-FLV-EXT-DATA:ephemeral",
     *  "OS-FLV-DISABLED:disabled", "vcpus", "os-flavor-access:is_public", "rxtx_factor", "links",
     *  "description" (2.55+), "extra_specs": {} (2.61+)}</pre>
     */
    static Map<String, Object> detail(Flavor flavor, ApiVersion version, String baseUrl) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", flavor.id());
        view.put("name", flavor.name());
        view.put("ram", flavor.ramMb());
        view.put("disk", flavor.diskGb());
        view.put("swap", flavor.swapMb() == 0 && !version.atLeast(2, 75) ? "" : flavor.swapMb());
        view.put("OS-FLV-EXT-DATA:ephemeral", flavor.ephemeralGb());
        view.put("OS-FLV-DISABLED:disabled", flavor.disabled());
        view.put("vcpus", flavor.vcpus());
        view.put("os-flavor-access:is_public", flavor.isPublic());
        view.put("rxtx_factor", flavor.rxtxFactor());
        view.put("links", links(flavor, baseUrl));
        if (version.atLeast(2, 55)) {
            view.put("description", flavor.description());
        }
        if (version.atLeast(2, 61)) {
            view.put("extra_specs", flavor.extraSpecs());
        }
        return view;
    }

    /** {@code {"flavor_access": [{"flavor_id", "tenant_id"}]}}. */
    static Map<String, Object> access(String flavorId, List<String> projectIds) {
        return Map.of("flavor_access", projectIds.stream()
                .map(project -> Map.of("flavor_id", flavorId, "tenant_id", project)).toList());
    }

    // Nova's bookmark is the unversioned URL.
    private static List<Link> links(Flavor flavor, String baseUrl) {
        String id = UriUtils.encodePathSegment(flavor.id(), StandardCharsets.UTF_8);
        return List.of(Link.self(baseUrl + "/v2.1/flavors/" + id), new Link("bookmark", baseUrl + "/flavors/" + id));
    }
}
