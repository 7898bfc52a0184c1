package io.gpucloud.compute.image;

import io.gpucloud.common.web.Link;
import io.gpucloud.common.web.RequestUrls;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Glance version discovery: {@code GET /image} (the catalog URL) answers 300 Multiple Choices and
 * {@code GET /image/versions} 200, both with every v2 minor version, newest first. OSC builds its image client for
 * every server command and fails when this discovery fails (wire-spec §5).
 */
@RestController
class ImageVersionController {

    /** The newest Image API version whose behaviour this subset follows (2.7 brought os_hidden and os_hash_*). */
    static final int CURRENT_MINOR = 7;

    record Version(String id, String status, List<Link> links) {
    }

    @GetMapping({"/image", "/image/"})
    ResponseEntity<Map<String, List<Version>>> discover(HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.MULTIPLE_CHOICES).body(versions(request));
    }

    @GetMapping("/image/versions")
    Map<String, List<Version>> versionList(HttpServletRequest request) {
        return versions(request);
    }

    private static Map<String, List<Version>> versions(HttpServletRequest request) {
        List<Link> links = List.of(Link.self(RequestUrls.baseUrl(request) + "/image/v2/"));
        List<Version> versions = new ArrayList<>();
        for (int minor = CURRENT_MINOR; minor >= 0; minor--) {
            versions.add(new Version("v2." + minor, minor == CURRENT_MINOR ? "CURRENT" : "SUPPORTED", links));
        }
        return Map.of("versions", versions);
    }
}
