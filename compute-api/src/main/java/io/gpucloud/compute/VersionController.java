package io.gpucloud.compute;

import io.gpucloud.compute.api.ComputeVersions;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.gpucloud.common.web.Link;
import io.gpucloud.common.web.MediaType;
import io.gpucloud.common.web.RequestUrls;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Nova version discovery (wire-spec §4.1). Tempest allows no other keys in a version object. */
@RestController
class VersionController {

    private static final List<MediaType> MEDIA_TYPES =
            List.of(MediaType.json("application/vnd.openstack.compute+json;version=2.1"));

    record Version(
            String id,
            String status,
            String version,
            @JsonProperty("min_version") String minVersion,
            String updated,
            List<Link> links,
            @JsonProperty("media-types") @JsonInclude(JsonInclude.Include.NON_NULL) List<MediaType> mediaTypes) {}

    @GetMapping("/")
    Map<String, List<Version>> versions(HttpServletRequest request) {
        return Map.of("versions", List.of(v21(request, null)));
    }

    // The SDK asks without the slash, Tempest with it.
    @GetMapping({"/v2.1", "/v2.1/"})
    Map<String, Version> version(HttpServletRequest request) {
        return Map.of("version", v21(request, MEDIA_TYPES));
    }

    private static Version v21(HttpServletRequest request, List<MediaType> mediaTypes) {
        return new Version("v2.1", "CURRENT", ComputeVersions.MAXIMUM.toString(), ComputeVersions.MINIMUM.toString(),
                "2013-07-23T11:33:21Z",
                List.of(Link.self(RequestUrls.baseUrl(request) + "/v2.1/")), mediaTypes);
    }
}
