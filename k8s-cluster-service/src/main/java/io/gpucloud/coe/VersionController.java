package io.gpucloud.coe;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.gpucloud.common.web.Link;
import io.gpucloud.common.web.MediaType;
import io.gpucloud.common.web.RequestUrls;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Magnum version discovery (the client does none, wire-spec §9; the shape is Magnum's). */
@RestController
class VersionController {

    record Version(
            String id,
            String status,
            @JsonProperty("min_version") String minVersion,
            @JsonProperty("max_version") String maxVersion,
            List<Link> links) {}

    record Root(String name, String description, List<Version> versions) {}

    record V1(String id, List<Link> links, @JsonProperty("media_types") List<MediaType> mediaTypes) {}

    @GetMapping("/")
    Root root(HttpServletRequest request) {
        return new Root("GPU cloud Kubernetes cluster API", "Magnum-compatible Kubernetes clusters.",
                List.of(new Version("v1", "CURRENT", "1.1", "1.1", List.of(self(request)))));
    }

    @GetMapping({"/v1", "/v1/"})
    V1 v1(HttpServletRequest request) {
        return new V1("v1", List.of(self(request)), List.of(MediaType.json("application/vnd.openstack.magnum.v1+json")));
    }

    private static Link self(HttpServletRequest request) {
        return Link.self(RequestUrls.baseUrl(request) + "/v1/");
    }
}
