package io.gpucloud.scheduler.resourceclass;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiVersion;
import io.gpucloud.scheduler.api.PlacementException;
import io.gpucloud.scheduler.provider.CacheHeaders;
import io.gpucloud.scheduler.provider.StrictJson;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /resource_classes[/{name}]}, from 1.2 (404 before). PUT of one class renames it before 1.7
 * ({@code {"name": "CUSTOM_NEW"}}, 200) and from 1.7 creates it if absent, with no body (201 created,
 * 204 already there).
 */
@RestController
class ResourceClassController {

    private final ResourceClassService service;

    ResourceClassController(ResourceClassService service) {
        this.service = requireNonNull(service, "service is null");
    }

    @GetMapping("/resource_classes")
    ResponseEntity<Map<String, Object>> list(ApiVersion version, HttpServletRequest request) {
        requireVersion(version);
        List<Map<String, Object>> classes = service.list().stream()
                .map(name -> view(name, request.getContextPath())).toList();
        return ResponseEntity.ok().headers(CacheHeaders.now(version)).body(Map.of("resource_classes", classes));
    }

    @PostMapping("/resource_classes")
    ResponseEntity<Void> create(ApiVersion version, HttpServletRequest request, @RequestBody JsonNode body) {
        requireVersion(version);
        String name = StrictJson.object(body, Set.of("name")).requiredString("name", 1, 255);
        service.create(name);
        return ResponseEntity.created(URI.create(url(request.getContextPath(), name))).build();
    }

    @GetMapping("/resource_classes/{name}")
    ResponseEntity<Map<String, Object>> show(ApiVersion version, HttpServletRequest request,
            @PathVariable String name) {
        requireVersion(version);
        return ResponseEntity.ok().headers(CacheHeaders.now(version))
                .body(view(service.find(name), request.getContextPath()));
    }

    @PutMapping("/resource_classes/{name}")
    ResponseEntity<Map<String, Object>> put(ApiVersion version, HttpServletRequest request, @PathVariable String name,
            @RequestBody(required = false) JsonNode body) {
        requireVersion(version);
        String prefix = request.getContextPath();
        if (!version.atLeast(1, 7)) {
            String newName = StrictJson.object(body, Set.of("name")).requiredString("name", 1, 255);
            return ResponseEntity.ok().body(view(service.rename(name, newName), prefix));
        }
        boolean created = service.ensure(name);
        return (created ? ResponseEntity.status(HttpStatus.CREATED) : ResponseEntity.status(HttpStatus.NO_CONTENT))
                .location(URI.create(url(prefix, name))).headers(CacheHeaders.now(version)).build();
    }

    @DeleteMapping("/resource_classes/{name}")
    ResponseEntity<Void> delete(ApiVersion version, @PathVariable String name) {
        requireVersion(version);
        service.delete(name);
        return ResponseEntity.noContent().build();
    }

    /** <pre>{"name": "CUSTOM_FPGA", "links": [{"rel": "self", "href": "/resource_classes/CUSTOM_FPGA"}]}</pre> */
    static Map<String, Object> view(String name, String prefix) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", name);
        Map<String, String> self = new LinkedHashMap<>();
        self.put("rel", "self");
        self.put("href", url(prefix, name));
        view.put("links", List.of(self));
        return view;
    }

    private static String url(String prefix, String name) {
        return prefix + "/resource_classes/" + name;
    }

    private static void requireVersion(ApiVersion version) {
        if (!version.atLeast(1, 2)) {
            throw PlacementException.notFound("Resource classes need microversion 1.2 or later.");
        }
    }
}
