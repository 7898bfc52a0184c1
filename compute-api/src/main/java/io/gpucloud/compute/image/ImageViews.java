package io.gpucloud.compute.image;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Image bodies as Glance v2 renders them. */
final class ImageViews {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private ImageViews() {
    }

    /**
     * <pre>{"id", "name", "status", "visibility", "protected", "os_hidden", "checksum", "os_hash_algo",
     *  "os_hash_value", "owner", "size", "virtual_size": null, "min_disk", "min_ram", "disk_format",
     *  "container_format", "created_at", "updated_at", "tags": [], "self": "/v2/images/{id}",
     *  "file": "/v2/images/{id}/file", "schema": "/v2/schemas/image", ...extra properties as top-level keys}</pre>
     * Attributes without a value are present as null, as in Glance.
     */
    static Map<String, Object> image(Image image) {
        Map<String, Object> view = new LinkedHashMap<>();
        // Extra properties first, so that a base attribute can never be shadowed by one.
        view.putAll(image.properties());
        view.put("id", image.id().toString());
        view.put("name", image.name());
        view.put("status", image.status().wireName());
        view.put("visibility", image.visibility().wireName());
        view.put("protected", image.isProtected());
        view.put("os_hidden", image.hidden());
        view.put("checksum", image.checksum());
        view.put("os_hash_algo", image.hashValue() == null ? null : Image.HASH_ALGORITHM);
        view.put("os_hash_value", image.hashValue());
        view.put("owner", image.owner());
        view.put("size", image.size());
        view.put("virtual_size", null);
        view.put("min_disk", image.minDiskGb());
        view.put("min_ram", image.minRamMb());
        view.put("disk_format", image.diskFormat());
        view.put("container_format", image.containerFormat());
        view.put("created_at", timestamp(image.createdAt()));
        view.put("updated_at", timestamp(image.updatedAt()));
        view.put("tags", image.tags());
        view.put("self", "/v2/images/" + image.id());
        view.put("file", "/v2/images/" + image.id() + "/file");
        view.put("schema", "/v2/schemas/image");
        return view;
    }

    private static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }
}
