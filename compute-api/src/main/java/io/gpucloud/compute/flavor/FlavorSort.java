package io.gpucloud.compute.flavor;

import io.gpucloud.common.api.ApiException;
import java.util.Map;

/** A flavor listing's order: Nova's {@code sort_key} (default {@code flavorid}) and {@code sort_dir} (default asc). */
record FlavorSort(String column, boolean descending) {

    // Nova's sort keys and the column each one means here; anything else is a 400, so no text reaches the SQL.
    private static final Map<String, String> COLUMNS = Map.ofEntries(
            Map.entry("flavorid", "id"),
            Map.entry("id", "seq"),
            Map.entry("name", "name"),
            Map.entry("description", "description"),
            Map.entry("memory_mb", "memory_mb"),
            Map.entry("vcpus", "vcpus"),
            Map.entry("root_gb", "root_gb"),
            Map.entry("ephemeral_gb", "ephemeral_gb"),
            Map.entry("swap", "swap_mb"),
            Map.entry("rxtx_factor", "rxtx_factor"),
            Map.entry("is_public", "is_public"),
            Map.entry("disabled", "disabled"),
            Map.entry("created_at", "created_at"),
            Map.entry("updated_at", "updated_at"));

    static final FlavorSort DEFAULT = new FlavorSort("id", false);

    static FlavorSort of(String sortKey, String sortDir) {
        String key = sortKey == null || sortKey.isEmpty() ? "flavorid" : sortKey;
        String column = COLUMNS.get(key);
        if (column == null) {
            throw ApiException.badRequest("Invalid sort_key '" + key + "'; use one of " + String.join(", ",
                    COLUMNS.keySet().stream().sorted().toList()) + ".");
        }
        String direction = sortDir == null || sortDir.isEmpty() ? "asc" : sortDir;
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw ApiException.badRequest("Invalid sort_dir '" + direction + "'; use asc or desc.");
        }
        return new FlavorSort(column, direction.equals("desc"));
    }

    /** The ORDER BY clause; the flavor id breaks ties so that paging by marker is stable. */
    String orderBy() {
        String dir = descending ? " DESC" : " ASC";
        return "ORDER BY " + column + dir + (descending ? " NULLS LAST" : " NULLS FIRST")
                + (column.equals("id") ? "" : ", id" + dir);
    }
}
