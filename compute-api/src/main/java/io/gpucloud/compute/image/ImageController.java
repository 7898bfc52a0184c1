package io.gpucloud.compute.image;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.auth.AuthContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /image/v2/images}: Glance's image records (the data is {@link ImageDataController}'s). */
@RestController
class ImageController {

    static final String PATCH_MEDIA_TYPE = "application/openstack-images-v2.1-json-patch";
    private static final String OLD_PATCH_MEDIA_TYPE = "application/openstack-images-v2.0-json-patch";

    private final ImageService service;
    private final ImageCatalog catalog;
    private final JsonMapper json;

    ImageController(ImageService service, ImageCatalog catalog, JsonMapper json) {
        this.service = requireNonNull(service, "service is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.json = requireNonNull(json, "json is null");
    }

    @PostMapping("/image/v2/images")
    ResponseEntity<Map<String, Object>> create(AuthContext caller, @RequestBody JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object of image attributes.");
        }
        Map<String, JsonNode> attributes = new LinkedHashMap<>();
        body.properties().forEach(attribute -> attributes.put(attribute.getKey(), attribute.getValue()));
        return ResponseEntity.status(HttpStatus.CREATED).body(ImageViews.image(service.create(attributes, caller)));
    }

    /**
     * <pre>{"images": [...], "first": "/v2/images", "schema": "/v2/schemas/images",
     *  "next": "/v2/images?marker=&lt;last id&gt;&amp;..." (only after a full page)}</pre>
     */
    @GetMapping("/image/v2/images")
    Map<String, Object> list(AuthContext caller, @RequestParam Map<String, String> query, HttpServletRequest request) {
        UUID markerId = null;
        String marker = query.get("marker");
        if (marker != null) {
            markerId = catalog.findVisible(marker, caller).map(Image::id)
                    .orElseThrow(() -> ApiException.badRequest("Invalid marker. Image " + marker
                            + " could not be found."));
        }
        ImageListQuery listing = ImageListRequest.parse(query, caller, markerId);
        List<Image> page = catalog.list(listing);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("images", page.stream().map(ImageViews::image).toList());
        body.put("first", "/v2/images");
        body.put("schema", "/v2/schemas/images");
        if (!page.isEmpty() && page.size() == listing.limit()) {
            // Relative to the API root, as Glance writes it; clients strip the "/v2" and follow it.
            String next = UriComponentsBuilder.fromPath("/v2/images").query(request.getQueryString())
                    .replaceQueryParam("marker", page.get(page.size() - 1).id()).build().toUriString();
            body.put("next", next);
        }
        return body;
    }

    @GetMapping("/image/v2/images/{id}")
    Map<String, Object> show(AuthContext caller, @PathVariable String id) {
        return ImageViews.image(service.visible(id, caller));
    }

    /** JSON patch in Glance's media type: {@code [{"op": "replace", "path": "/name", "value": "x"}, ...]}. */
    @PatchMapping("/image/v2/images/{id}")
    Map<String, Object> patch(AuthContext caller, @PathVariable String id,
            @RequestHeader(name = "Content-Type", required = false) String contentType,
            @RequestBody(required = false) byte[] body) {
        String mediaType = contentType == null ? "" : contentType.split(";")[0].strip();
        if (!mediaType.equalsIgnoreCase(PATCH_MEDIA_TYPE) && !mediaType.equalsIgnoreCase(OLD_PATCH_MEDIA_TYPE)) {
            throw new ApiException(415, "Unsupported Content-Type " + contentType + "; send " + PATCH_MEDIA_TYPE
                    + ".");
        }
        return ImageViews.image(service.patch(id, operations(body), caller));
    }

    /** 204; Glance deletes the data with the record. */
    @DeleteMapping("/image/v2/images/{id}")
    ResponseEntity<Void> delete(AuthContext caller, @PathVariable String id) {
        service.delete(id, caller);
        return ResponseEntity.noContent().build();
    }

    private List<ImageService.PatchOperation> operations(byte[] body) {
        JsonNode operations;
        try {
            operations = json.readTree(body == null ? new byte[0] : body);
        } catch (JacksonException e) {
            throw ApiException.badRequest("The request body is not valid JSON.");
        }
        if (operations == null || !operations.isArray()) {
            throw ApiException.badRequest("The request body must be a JSON array of patch operations.");
        }
        List<ImageService.PatchOperation> parsed = new ArrayList<>();
        for (JsonNode operation : operations) {
            if (!operation.isObject() || !operation.path("op").isString() || !operation.path("path").isString()) {
                throw ApiException.badRequest("Each patch operation needs 'op' and 'path' strings.");
            }
            String op = operation.path("op").stringValue();
            if (!op.equals("remove") && !operation.has("value")) {
                throw ApiException.badRequest("Operation '" + op + "' needs a 'value'.");
            }
            parsed.add(new ImageService.PatchOperation(op, attribute(operation.path("path").stringValue()),
                    operation.get("value")));
        }
        return parsed;
    }

    /** A JSON pointer to one top-level attribute: "/name" → name ("~1" is "/", "~0" is "~"). */
    private static String attribute(String path) {
        if (!path.startsWith("/") || path.length() < 2 || path.indexOf('/', 1) >= 0) {
            throw ApiException.badRequest("Invalid path '" + path + "': name one attribute, e.g. /name.");
        }
        return path.substring(1).replace("~1", "/").replace("~0", "~");
    }
}
