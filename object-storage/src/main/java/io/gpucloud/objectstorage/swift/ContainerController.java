package io.gpucloud.objectstorage.swift;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.objectstorage.store.Container;
import io.gpucloud.objectstorage.store.ContainerService;
import io.gpucloud.objectstorage.store.ObjectService;
import io.gpucloud.objectstorage.store.StoredObject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/AUTH_<project>/<container>}: create (201, or 202 when it existed), usage and metadata (HEAD,
 * POST), the object listing (GET), delete (204; 409 while objects remain).
 */
@RestController
@RequestMapping({"/v1/{account}/{container}", "/v1/{account}/{container}/"})
class ContainerController {

    private final ContainerService containers;
    private final ObjectService objects;
    private final ListingRenderer listings;

    ContainerController(ContainerService containers, ObjectService objects, ListingRenderer listings) {
        this.containers = requireNonNull(containers, "containers is null");
        this.objects = requireNonNull(objects, "objects is null");
        this.listings = requireNonNull(listings, "listings is null");
    }

    @RequestMapping(method = RequestMethod.PUT)
    ResponseEntity<Void> create(AuthContext caller, HttpServletRequest request) {
        SwiftPath path = SwiftPath.of(request);
        SwiftAccess.requireWrite(caller, path);
        SwiftHeaders.MetadataChanges changes = SwiftHeaders.changes(request, "container");
        boolean created = containers.create(path.project(), path.container(), changes.set(), changes.remove());
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.ACCEPTED).headers(html()).build();
    }

    @RequestMapping(method = RequestMethod.HEAD)
    ResponseEntity<Void> head(AuthContext caller, HttpServletRequest request) {
        SwiftPath path = SwiftPath.of(request);
        SwiftAccess.requireRead(caller, path);
        return ResponseEntity.noContent().headers(headers(containers.require(path.project(), path.container()))).build();
    }

    /**
     * <pre>
     * [{"name": "a.txt", "hash": "…md5…", "bytes": 5, "content_type": "text/plain",
     *   "last_modified": "2026-01-01T10:00:00.000000"}, {"subdir": "photos/"}]
     * </pre>
     */
    @RequestMapping(method = RequestMethod.GET)
    ResponseEntity<byte[]> list(AuthContext caller, HttpServletRequest request) {
        SwiftPath path = SwiftPath.of(request);
        SwiftAccess.requireRead(caller, path);
        Container container = containers.require(path.project(), path.container());
        return listings.render(ListingRenderer.formatOf(request), "container", container.name(), "object",
                objects.list(container, ListingParameters.of(request)), ContainerController::fields, headers(container));
    }

    @RequestMapping(method = RequestMethod.POST)
    ResponseEntity<Void> updateMetadata(AuthContext caller, HttpServletRequest request) {
        SwiftPath path = SwiftPath.of(request);
        SwiftAccess.requireWrite(caller, path);
        SwiftHeaders.MetadataChanges changes = SwiftHeaders.changes(request, "container");
        containers.updateMetadata(path.project(), path.container(), changes.set(), changes.remove());
        return ResponseEntity.noContent().headers(html()).build();
    }

    @RequestMapping(method = RequestMethod.DELETE)
    ResponseEntity<Void> delete(AuthContext caller, HttpServletRequest request) {
        SwiftPath path = SwiftPath.of(request);
        SwiftAccess.requireWrite(caller, path);
        containers.delete(path.project(), path.container());
        return ResponseEntity.noContent().headers(html()).build();
    }

    private static Map<String, Object> fields(StoredObject object) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", object.name());
        fields.put("hash", object.etag());
        fields.put("bytes", object.size());
        fields.put("content_type", object.contentType());
        fields.put("last_modified", SwiftHeaders.listingTime(object.lastModified()));
        return fields;
    }

    private static HttpHeaders headers(Container container) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, SwiftHeaders.TEXT_PLAIN);
        headers.set("X-Container-Object-Count", Long.toString(container.objectCount()));
        headers.set("X-Container-Bytes-Used", Long.toString(container.bytesUsed()));
        headers.set("X-Timestamp", SwiftHeaders.timestamp(container.createdAt()));
        headers.set("X-Storage-Policy", "Policy-0");
        headers.setLastModified(SwiftHeaders.lastModifiedMillis(container.updatedAt()));
        SwiftHeaders.addMetadata(headers, "container", container.metadata());
        return headers;
    }

    private static HttpHeaders html() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, SwiftHeaders.TEXT_HTML);
        return headers;
    }
}
