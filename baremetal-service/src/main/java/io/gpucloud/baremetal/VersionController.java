package io.gpucloud.baremetal;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.gpucloud.common.web.Link;
import io.gpucloud.common.web.MediaType;
import io.gpucloud.common.web.RequestUrls;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Ironic version discovery (wire-spec §8). */
@RestController
class VersionController {

    static final String MIN_VERSION = "1.1";
    static final String MAX_VERSION = "1.1";

    record Version(
            String id,
            String status,
            String version,
            @JsonProperty("min_version") String minVersion,
            List<Link> links) {}

    record Root(
            String name,
            String description,
            List<Version> versions,
            @JsonProperty("default_version") Version defaultVersion) {}

    record V1(String id, List<Link> links, @JsonProperty("media_types") List<MediaType> mediaTypes) {}

    @GetMapping("/")
    Root root(HttpServletRequest request) {
        Version v1 = new Version("v1", "CURRENT", MAX_VERSION, MIN_VERSION, List.of(self(request)));
        return new Root("GPU cloud bare metal API", "Ironic-compatible bare-metal provisioning.", List.of(v1), v1);
    }

    @GetMapping({"/v1", "/v1/"})
    V1 v1(HttpServletRequest request) {
        return new V1("v1", List.of(self(request)), List.of(MediaType.json("application/vnd.openstack.ironic.v1+json")));
    }

    private static Link self(HttpServletRequest request) {
        return Link.self(RequestUrls.baseUrl(request) + "/v1/");
    }
}
