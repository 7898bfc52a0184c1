package io.gpucloud.volume;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.gpucloud.common.web.Link;
import io.gpucloud.common.web.MediaType;
import io.gpucloud.common.web.RequestUrls;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Cinder version discovery (wire-spec §6). Tempest requires every key of the version object. */
@RestController
class VersionController {

    record Version(
            String id,
            String status,
            String version,
            @JsonProperty("min_version") String minVersion,
            String updated,
            List<Link> links,
            @JsonProperty("media-types") List<MediaType> mediaTypes) {}

    @GetMapping("/")
    ResponseEntity<Map<String, List<Version>>> versions(HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.MULTIPLE_CHOICES).body(Map.of("versions", List.of(v3(request))));
    }

    @GetMapping({"/v3", "/v3/"})
    Map<String, List<Version>> v3Versions(HttpServletRequest request) {
        return Map.of("versions", List.of(v3(request)));
    }

    private static Version v3(HttpServletRequest request) {
        return new Version("v3.0", "CURRENT", "3.0", "3.0", "2016-02-08T12:20:21Z",
                List.of(Link.self(RequestUrls.baseUrl(request) + "/v3/")),
                List.of(MediaType.json("application/vnd.openstack.volume+json;version=3")));
    }
}
