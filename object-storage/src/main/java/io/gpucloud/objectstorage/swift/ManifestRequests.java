package io.gpucloud.objectstorage.swift;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.objectstorage.store.ObjectService;
import io.gpucloud.objectstorage.store.Segment;
import io.gpucloud.objectstorage.store.StaticManifests;
import io.gpucloud.objectstorage.store.StoredObject;
import io.gpucloud.objectstorage.store.UserMetadata;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Swift's static large object calls:
 * <pre>
 * PUT    …/o?multipart-manifest=put     body [{"path": "/c/seg1", "etag": "…", "size_bytes": 1048576}, …]
 * GET    …/o?multipart-manifest=get     the stored segment list as JSON, instead of the assembled object
 * DELETE …/o?multipart-manifest=delete  the manifest and every segment it names
 * </pre>
 */
@Component
class ManifestRequests {

    /** Swift's {@code max_manifest_size}: a manifest is read into memory, so it is bounded. */
    static final int MAX_MANIFEST_BYTES = 8 * 1024 * 1024;

    private final StaticManifests manifests;
    private final ObjectService objects;
    private final JsonMapper json;

    ManifestRequests(StaticManifests manifests, ObjectService objects, JsonMapper json) {
        this.manifests = requireNonNull(manifests, "manifests is null");
        this.objects = requireNonNull(objects, "objects is null");
        this.json = requireNonNull(json, "json is null");
    }

    ResponseEntity<Void> put(HttpServletRequest request, SwiftPath path) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_MANIFEST_BYTES + 1);
        }
        if (body.length > MAX_MANIFEST_BYTES) {
            throw new ApiException(413, "Manifest File > " + MAX_MANIFEST_BYTES + " bytes");
        }
        List<StaticManifests.SegmentReference> references = new ArrayList<>();
        try {
            JsonNode list = json.readTree(body);
            if (!list.isArray()) {
                throw ApiException.badRequest("Manifest must be valid JSON.");
            }
            for (JsonNode entry : list) {
                JsonNode size = entry.path("size_bytes");
                JsonNode etag = entry.path("etag");
                references.add(new StaticManifests.SegmentReference(entry.path("path").asString(null),
                        etag.isString() ? etag.asString() : null,
                        size.isNumber() ? Long.valueOf(size.asLong()) : null));
            }
        } catch (JacksonException e) {
            throw ApiException.badRequest("Manifest must be valid JSON.");
        }
        String contentType = request.getContentType() != null ? request.getContentType() : "application/octet-stream";
        StoredObject stored = manifests.put(path.project(), path.container(), path.object(), references,
                SwiftHeaders.bareEtag(request.getHeader("ETag")), contentType,
                UserMetadata.of(SwiftHeaders.objectMetadata(request)));
        return ObjectController.created(stored, true);
    }

    /** @return false when the object is not a static large object (then it is read as usual) */
    boolean writeManifest(HttpServletRequest request, HttpServletResponse response, SwiftPath path) throws IOException {
        StoredObject object = objects.require(path.project(), path.container(), path.object());
        if (!object.isStaticLargeObject()) {
            return false;
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Segment segment : object.segments()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", segment.path());
            entry.put("hash", segment.etag());
            entry.put("bytes", segment.size());
            entries.add(entry);
        }
        byte[] body = json.writeValueAsBytes(entries);
        response.setStatus(200);
        response.setContentType("application/json; charset=utf-8");
        response.setHeader("X-Static-Large-Object", "True");
        response.setHeader("X-Timestamp", SwiftHeaders.timestamp(object.lastModified()));
        response.setContentLength(body.length);
        if (!request.getMethod().equals("HEAD")) {
            response.getOutputStream().write(body);
        }
        return true;
    }

    ResponseEntity<?> delete(HttpServletRequest request, SwiftPath path) {
        StaticManifests.DeleteSummary summary = manifests.deleteWithSegments(path.project(), path.container(), path.object());
        boolean asJson = "json".equalsIgnoreCase(request.getParameter("format"))
                || String.valueOf(request.getHeader("Accept")).contains("application/json");
        HttpHeaders headers = new HttpHeaders();
        if (asJson) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("Number Deleted", summary.deleted());
            body.put("Number Not Found", summary.notFound());
            body.put("Response Body", "");
            body.put("Response Status", "200 OK");
            body.put("Errors", List.of());
            headers.set(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8");
            return ResponseEntity.status(HttpStatus.OK).headers(headers).body(json.writeValueAsBytes(body));
        }
        headers.set(HttpHeaders.CONTENT_TYPE, SwiftHeaders.TEXT_PLAIN);
        return ResponseEntity.status(HttpStatus.OK).headers(headers).body(("Number Deleted: " + summary.deleted()
                + "\nNumber Not Found: " + summary.notFound() + "\nResponse Body: \nResponse Status: 200 OK\nErrors: \n")
                .getBytes(StandardCharsets.UTF_8));
    }
}
