package io.gpucloud.identity.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Version discovery: {@code GET /} answers 300 with the one version, {@code GET /v3} that version. */
@RestController
public class VersionController {

    @GetMapping("/")
    public ResponseEntity<Map<String, Object>> versions() {
        return ResponseEntity.status(HttpStatus.MULTIPLE_CHOICES)
                .body(Map.of("versions", Map.of("values", List.of(version()))));
    }

    @GetMapping({"/v3", "/v3/"})
    public Map<String, Object> v3() {
        return Map.of("version", version());
    }

    private static Map<String, Object> version() {
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("id", "v3.14");
        version.put("status", "stable");
        version.put("updated", "2020-04-07T00:00:00Z");
        version.put("links", List.of(Map.of("rel", "self", "href", Links.base() + "/v3/")));
        version.put("media-types", List.of(Map.of("base", "application/json",
                "type", "application/vnd.openstack.identity-v3+json")));
        return version;
    }
}
