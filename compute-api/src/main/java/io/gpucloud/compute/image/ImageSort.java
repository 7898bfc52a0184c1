package io.gpucloud.compute.image;

import io.gpucloud.common.api.ApiException;
import java.util.Map;

/**
 * The order of a listing: Glance's {@code sort_key} (default {@code created_at}) and {@code sort_dir} (default
 * {@code desc}), with the image id breaking ties. Nullable columns sort as if empty, so that the marker comparison
 * {@code (key, id) < (marker's key, marker's id)} pages through every image exactly once.
 */
record ImageSort(String expression, boolean descending) {

    // Each key maps to an SQL expression over the table alias "%1$s"; unknown keys are a 400.
    private static final Map<String, String> EXPRESSIONS = Map.ofEntries(
            Map.entry("created_at", "%1$s.created_at"),
            Map.entry("updated_at", "%1$s.updated_at"),
            Map.entry("name", "coalesce(%1$s.name, '')"),
            Map.entry("status", "%1$s.status"),
            Map.entry("visibility", "%1$s.visibility"),
            Map.entry("size", "coalesce(%1$s.size, -1)"),
            Map.entry("disk_format", "coalesce(%1$s.disk_format, '')"),
            Map.entry("container_format", "coalesce(%1$s.container_format, '')"),
            Map.entry("min_disk", "%1$s.min_disk"),
            Map.entry("min_ram", "%1$s.min_ram"),
            Map.entry("id", "%1$s.id"));

    static ImageSort of(String sortKey, String sortDir) {
        String key = sortKey == null ? "created_at" : sortKey;
        String expression = EXPRESSIONS.get(key);
        if (expression == null) {
            throw ApiException.badRequest("Invalid sort key: " + key + ". It must be one of the following: "
                    + String.join(", ", EXPRESSIONS.keySet().stream().sorted().toList()) + ".");
        }
        String direction = sortDir == null ? "desc" : sortDir;
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw ApiException.badRequest("Invalid sort direction: " + direction + "; use asc or desc.");
        }
        return new ImageSort(expression, direction.equals("desc"));
    }

    String keyOf(String alias) {
        return expression.formatted(alias);
    }
}
